//! "Tìm xã, phường": every commune-level unit of the province after the 2025 arrangement, the
//! former units merged into it (so a citizen finds their commune by the old name) and its
//! one-stop office, or a plain note that the office is not verified with a link to the
//! official directory. Only when the catalogue has `communes.yaml`.
//!
//! The filter works on the same folded tokens as the site search
//! ([`crate::search::normalize`]): each unit carries them in `data-q`, and `communes.js` folds
//! what the visitor types with the search bundle's twin of the normalizer, so "ky dong" finds
//! "thị trấn Kỳ Đồng" with or without diacritics. Without JavaScript the whole list is shown.

use serde::Serialize;

use super::{files_of, to_json, Cx, PageKind, Selection};
use crate::catalogue::communes::{CommuneSource, Communes, UnitEntry};
use crate::catalogue::model::{Catalogue, Procedure};
use crate::search::normalize;
use crate::site::urls;
use crate::site::SiteError;

/// The communes page.
pub(super) struct CommunesPage;

/// A link to a source or the directory.
#[derive(Debug, Clone, Serialize)]
struct LinkView {
    title: String,
    url: Option<String>,
}

impl LinkView {
    fn of(s: &CommuneSource) -> LinkView {
        LinkView {
            title: s.title.clone(),
            url: s.url.as_ref().map(ToString::to_string),
        }
    }
}

/// A unit's office, only its sourced facts.
#[derive(Debug, Clone, Serialize)]
struct OfficeView {
    address: Option<String>,
    hours: Vec<String>,
    phone: Option<String>,
    url: Option<String>,
    source: Option<LinkView>,
}

/// One unit as the page shows it.
#[derive(Debug, Clone, Serialize)]
struct UnitView {
    /// "Xã Thạch Lạc".
    name: String,
    /// Fragment id, e.g. `xa-thach-lac`.
    anchor: String,
    code: Option<String>,
    former: Vec<String>,
    unchanged: bool,
    clause: String,
    office: Option<OfficeView>,
    /// Folded tokens of the name and of each former unit, names separated by ` | ` so a
    /// phrase typed in the filter never matches across two names.
    q: String,
}

/// Folded tokens of `text`.
fn folded(text: &str) -> Vec<String> {
    normalize::tokens(text)
        .into_iter()
        .map(|t| t.folded)
        .collect()
}

fn unit_view(c: &Communes, u: &UnitEntry) -> UnitView {
    let name = format!("{} {}", u.kind.title(), u.name);
    let mut texts: Vec<&str> = vec![&name];
    // Only the names: "(một phần dân số)" is a note, not something anyone searches for.
    texts.extend(
        u.former
            .iter()
            .map(|f| f.split(" (").next().unwrap_or(f.as_str())),
    );
    let office = u
        .office
        .as_ref()
        .filter(|o| o.has_facts())
        .map(|o| OfficeView {
            address: o.address.clone(),
            hours: o.opening_hours.clone(),
            phone: o.phone.clone(),
            url: o.url.as_ref().map(ToString::to_string),
            source: o
                .source
                .as_deref()
                .and_then(|s| c.source(s))
                .map(LinkView::of),
        });
    UnitView {
        anchor: u.kind.slug(&u.name),
        q: texts
            .iter()
            .map(|t| folded(t).join(" "))
            .collect::<Vec<_>>()
            .join(" | "),
        name,
        code: u.code.clone(),
        former: u.former.clone(),
        unchanged: u.unchanged,
        clause: u.clause.clone(),
        office,
    }
}

/// Every unit, phường before xã, each group in folded-name order (so the list does not
/// depend on the order of the file).
fn units(c: &Communes) -> Vec<UnitView> {
    let mut v: Vec<(u8, String, UnitView)> = c
        .units
        .iter()
        .map(|u| {
            let group = match u.kind {
                crate::catalogue::communes::UnitKind::Phuong => 0,
                crate::catalogue::communes::UnitKind::DacKhu => 1,
                crate::catalogue::communes::UnitKind::Xa => 2,
            };
            (group, normalize::fold(&u.name), unit_view(c, u))
        })
        .collect();
    v.sort_by(|a, b| (a.0, &a.1, &a.2.name).cmp(&(b.0, &b.1, &b.2.name)));
    v.into_iter().map(|(_, _, u)| u).collect()
}

impl PageKind for CommunesPage {
    fn files(&self, c: &Catalogue) -> Vec<String> {
        if c.communes.is_some() {
            let mut v = files_of([urls::COMMUNES]);
            v.push(urls::COMMUNES_JSON.to_string());
            v
        } else {
            Vec::new()
        }
    }

    fn showing(&self, _: &Catalogue, _: &Procedure) -> Vec<String> {
        Vec::new()
    }

    fn sample(&self, c: &Catalogue) -> Vec<String> {
        self.files(c)
    }

    fn render(&self, cx: &Cx, sel: &Selection) -> Result<(), SiteError> {
        let Some(c) = &cx.c.communes else {
            return Ok(());
        };
        if sel.wants(urls::COMMUNES_JSON) {
            let mut json =
                serde_json::to_vec_pretty(&open_data(c)?).map_err(|e| SiteError::Template {
                    file: None,
                    message: format!("không ghi được {}: {e}", urls::COMMUNES_JSON),
                })?;
            json.push(b'\n');
            cx.sink.put(urls::COMMUNES_JSON.to_string(), json)?;
        }
        if !sel.wants_page(urls::COMMUNES) {
            return Ok(());
        }
        let list = units(c);
        let count = |k| c.units.iter().filter(|u| u.kind == k).count();
        use crate::catalogue::communes::UnitKind;
        let page = serde_json::json!({
            "province": c.province,
            "resolution": {
                "number": c.resolution.number,
                "title": c.resolution.title,
                "adopted": vn_date(&c.resolution.adopted)?,
                "operating_from": vn_date(&c.resolution.operating_from)?,
                "source": c.source(&c.resolution.source).map(LinkView::of),
            },
            "directory": c.directory.as_ref().map(|d| LinkView {
                title: d.title.clone(),
                url: Some(d.url.to_string()),
            }),
            "note": c.note,
            "sources": c.sources.iter().map(LinkView::of).collect::<Vec<_>>(),
            "counts": {
                "xa": count(UnitKind::Xa),
                "phuong": count(UnitKind::Phuong),
                "dac_khu": count(UnitKind::DacKhu),
                "all": c.units.len(),
            },
            "offices_verified": list.iter().filter(|u| u.office.is_some()).count(),
            "json_url": cx.urls.link(urls::COMMUNES_JSON),
            "units": list,
        });
        cx.page(
            urls::COMMUNES,
            "communes.html",
            vec![("page", to_json(&page)?)],
        )
    }
}

/// The units as open data: the file's own content (every rule passed), the dates as written.
fn open_data(c: &Communes) -> Result<serde_json::Value, SiteError> {
    serde_json::to_value(&c.data).map_err(|e| SiteError::Template {
        file: None,
        message: format!("không chuyển được communes.yaml thành JSON: {e}"),
    })
}

/// A date the checks already parsed, as dd/mm/yyyy; a failure here means the model and the
/// checks disagree.
pub(super) fn vn_date(s: &str) -> Result<String, SiteError> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(|d| d.format("%d/%m/%Y").to_string())
        .map_err(|_| SiteError::Template {
            file: None,
            message: format!("ngày `{s}` trong communes.yaml không hợp lệ"),
        })
}
