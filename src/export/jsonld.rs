//! schema.org JSON-LD of a procedure page: a `GovernmentService` with one `ServiceChannel`
//! per way to submit (its `serviceUrl` online, its `serviceLocation`s in person), the
//! competent agency as `provider`, the executing ones as `serviceOperator`, the province as
//! `areaServed` and the fees as `offers`. URLs are absolute (from `base_url`): JSON-LD is read
//! by crawlers outside the page.

use serde_json::{json, Value};

use crate::catalogue::model::{
    Agency, Amount, AmountWord, Catalogue, ChannelKind, FeeKind, Procedure, TimeLimit, TimeUnit,
};
use crate::site::urls::{self, Urls};
use crate::site::views::{channel_name, time_limit_text};

/// A `GovernmentOrganization` node for agency `a`.
fn organization(urls: &Urls, a: &Agency) -> Value {
    let page = urls.absolute(&urls::agency(&a.id));
    let mut v = json!({
        "@type": "GovernmentOrganization",
        "@id": format!("{page}#org"),
        "name": a.name,
        "url": page,
    });
    if let Some(w) = &a.website {
        v["sameAs"] = Value::String(w.to_string());
    }
    v
}

/// A `GovernmentOffice` node where dossiers are handed in.
fn office(urls: &Urls, a: &Agency) -> Value {
    let mut v = json!({
        "@type": "GovernmentOffice",
        "name": a.name,
        "url": urls.absolute(&urls::agency(&a.id)),
    });
    if let Some(addr) = &a.address {
        v["address"] = Value::String(addr.clone());
    }
    if let Some(phone) = &a.phone {
        v["telephone"] = Value::String(phone.clone());
    }
    if !a.opening_hours.is_empty() {
        v["openingHours"] = Value::String(a.opening_hours.join("; "));
    }
    if let Some(k) = &a.coordinates {
        v["geo"] = json!({"@type": "GeoCoordinates", "latitude": k.lat, "longitude": k.lon});
    }
    v
}

/// An ISO 8601 duration where the limit has one; working days have none (they depend on the
/// calendar), so those are said in words in the channel's description instead.
fn duration(t: &TimeLimit) -> Option<String> {
    let v = t.value?;
    let n = if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    };
    match t.unit {
        TimeUnit::CalendarDays => Some(format!("P{n}D")),
        TimeUnit::Hours => Some(format!("PT{n}H")),
        _ => None,
    }
}

/// What a fee row is called when it has no name of its own.
pub(crate) fn fee_kind_name(k: FeeKind) -> &'static str {
    match k {
        FeeKind::Fee => "Phí",
        FeeKind::Charge => "Lệ phí",
    }
}

/// The GovernmentService of `p`, as a JSON value.
pub fn procedure(c: &Catalogue, urls: &Urls, p: &Procedure, description: &str) -> Value {
    let page = urls.absolute(&urls::procedure(&p.code));
    let agency = |id: &String| c.agencies.get(id);
    // Where dossiers are handed in: the one-stop offices, else the executing agencies.
    let mut places: Vec<&Agency> = p.offices.iter().filter_map(agency).collect();
    if places.is_empty() {
        places = p.agencies.executing.iter().filter_map(agency).collect();
    }
    let channels: Vec<Value> = p
        .channels
        .iter()
        .map(|ch| {
            let mut v = json!({
                "@type": "ServiceChannel",
                "@id": format!("{page}#kenh-{}", ch.kind.id()),
                "name": channel_name(ch.kind),
                "availableLanguage": "vi",
            });
            if let Some(u) = &ch.url {
                v["serviceUrl"] = Value::String(u.to_string());
            }
            if ch.kind == ChannelKind::InPerson && !places.is_empty() {
                v["serviceLocation"] =
                    Value::Array(places.iter().map(|a| office(urls, a)).collect());
            }
            if let Some(t) = ch.time_limits.first() {
                if let Some(d) = duration(t) {
                    v["processingTime"] = Value::String(d);
                }
                v["description"] =
                    Value::String(format!("Thời hạn giải quyết: {}", time_limit_text(t)));
            }
            v
        })
        .collect();
    let offers: Vec<Value> = p
        .channels
        .iter()
        .flat_map(|ch| ch.fees.iter().map(move |f| (ch, f)))
        .filter_map(|(ch, f)| {
            let price = match f.amount.as_ref()? {
                Amount::Vnd(v) => *v,
                Amount::Word(AmountWord::Free) => 0,
            };
            let mut v = json!({
                "@type": "Offer",
                "name": f.name.clone().unwrap_or_else(|| fee_kind_name(f.kind).to_string()),
                "price": price,
                "priceCurrency": "VND",
                "availableAtOrFrom": {"@id": format!("{page}#kenh-{}", ch.kind.id())},
            });
            if let Some(cond) = &f.condition {
                v["description"] = Value::String(cond.clone());
            }
            Some(v)
        })
        .collect();
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "@id": format!("{page}#dich-vu"),
        "identifier": p.code,
        "name": p.name,
        "description": description,
        "url": page,
        "serviceType": c.sector(&p.sector).map(|s| s.name.clone()).unwrap_or_default(),
        "areaServed": {"@type": "AdministrativeArea", "name": c.site.province},
        "availableChannel": channels,
        "audience": {"@type": "Audience", "audienceType": p.applicants.join("; ")},
        "dateModified": p.last_verified.format("%Y-%m-%d").to_string(),
        "inLanguage": "vi",
    });
    if let Some(a) = agency(&p.agencies.competent) {
        v["provider"] = organization(urls, a);
    }
    let operators: Vec<Value> = p
        .agencies
        .executing
        .iter()
        .filter_map(agency)
        .map(|a| organization(urls, a))
        .collect();
    if !operators.is_empty() {
        v["serviceOperator"] = Value::Array(operators);
    }
    if !offers.is_empty() {
        v["offers"] = Value::Array(offers);
    }
    v
}

/// [`procedure`] as text safe inside a `<script>` element: `<` and `>` are escaped, so no
/// string can close the element.
pub fn script_text(v: &Value) -> String {
    let text = v.to_string();
    // Most records have neither: skip the copies then (this runs once per procedure page).
    if !text.contains(['<', '>']) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 32);
    for ch in text.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            c => out.push(c),
        }
    }
    out
}
