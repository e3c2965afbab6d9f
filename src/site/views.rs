//! View models: everything a template shows, computed in Rust so templates stay dumb.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;

use super::urls::{self, Urls};
use crate::catalogue::model::{
    Actor, Amount, Catalogue, ChangeKind, ChannelKind, Fee, FeeKind, HttpUrl, LegalBasis,
    LegalDocument, LegalStatus, Level, OnlineLevel, PaperHandling, Procedure, Source, SourceKind,
    TimeLimit, TimeUnit,
};
use crate::text::{markdown, markdown_text, truncate, vnd};

/// Vietnamese display of a date: 01/07/2025.
pub fn date_vi(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// A `YYYY-MM-DD` text date shown as 01/07/2025 (left as written when it does not parse).
pub fn date_text_vi(s: &str) -> String {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(date_vi)
        .unwrap_or_else(|_| s.to_string())
}

/// Display name of a level.
pub fn level_name(l: Level) -> &'static str {
    match l {
        Level::Ministry => "Cấp bộ",
        Level::Province => "Cấp tỉnh",
        Level::District => "Cấp huyện (trước 01/7/2025)",
        Level::Commune => "Cấp xã",
        Level::Other => "Cơ quan khác",
    }
}

/// Display name of a channel.
pub fn channel_name(c: ChannelKind) -> &'static str {
    match c {
        ChannelKind::InPerson => "Trực tiếp",
        ChannelKind::Online => "Trực tuyến",
        ChannelKind::Postal => "Qua bưu chính",
    }
}

/// A time limit as a sentence fragment: "5 ngày làm việc kể từ ...".
pub fn time_limit_text(t: &TimeLimit) -> String {
    let v = t.value.map(|v| {
        if v.fract() == 0.0 {
            format!("{}", v as i64)
        } else {
            format!("{v}").replace('.', ",")
        }
    });
    let mut s = match (t.unit, v) {
        (TimeUnit::WorkingDays, Some(v)) => format!("{v} ngày làm việc"),
        (TimeUnit::CalendarDays, Some(v)) => format!("{v} ngày"),
        (TimeUnit::Hours, Some(v)) => format!("{v} giờ"),
        (TimeUnit::Immediate, _) => "Giải quyết ngay".to_string(),
        (TimeUnit::NotSpecified, _) => "Văn bản không quy định".to_string(),
        (_, None) => "Chưa có thông tin".to_string(),
    };
    if let Some(c) = &t.counted_from {
        s.push(' ');
        s.push_str(c);
    }
    if let Some(h) = t.cutoff_hour {
        s.push_str(&format!(
            " (hồ sơ nhận sau {h} giờ được tính từ ngày làm việc tiếp theo)"
        ));
    }
    s
}

/// Approximate length in hours, to pick the quickest channel.
fn time_limit_hours(t: &TimeLimit) -> f64 {
    match (t.unit, t.value) {
        (TimeUnit::Immediate, _) => 0.0,
        (TimeUnit::Hours, Some(v)) => v,
        (TimeUnit::WorkingDays, Some(v)) => v * 24.0 * 7.0 / 5.0,
        (TimeUnit::CalendarDays, Some(v)) => v * 24.0,
        _ => f64::INFINITY,
    }
}

/// The quickest normal-case time limit over the channels, as text.
pub fn shortest_time(p: &Procedure) -> String {
    p.channels
        .iter()
        .filter_map(|c| c.time_limits.first())
        .min_by(|a, b| time_limit_hours(a).total_cmp(&time_limit_hours(b)))
        .map(|t| {
            let mut short = t.clone();
            short.counted_from = None;
            short.cutoff_hour = None;
            time_limit_text(&short)
        })
        .unwrap_or_else(|| "Chưa có thông tin".to_string())
}

/// A one-line summary of fees: never says "free" unless a row says so.
pub fn fee_summary(p: &Procedure) -> String {
    let fees: Vec<&Fee> = p.channels.iter().flat_map(|c| c.fees.iter()).collect();
    if fees.is_empty() {
        return "Chưa có thông tin".to_string();
    }
    let amounts: Vec<Option<i64>> = fees
        .iter()
        .map(|f| match &f.amount {
            Some(Amount::Vnd(v)) => Some(*v),
            Some(Amount::Word(_)) => Some(0),
            None => None,
        })
        .collect();
    if amounts.iter().all(Option::is_none) {
        return "Chưa có thông tin số tiền".to_string();
    }
    let known: Vec<i64> = amounts.iter().flatten().copied().collect();
    let (min, max) = (
        known.iter().copied().min().unwrap_or(0),
        known.iter().copied().max().unwrap_or(0),
    );
    let partial = known.len() < amounts.len();
    let s = if max == 0 {
        "Miễn phí".to_string()
    } else if min == max {
        format!("{} đồng", vnd(max))
    } else if min == 0 {
        format!("Miễn phí hoặc đến {} đồng", vnd(max))
    } else {
        format!("{} – {} đồng", vnd(min), vnd(max))
    };
    if partial {
        format!("{s} (một số khoản chưa có thông tin)")
    } else {
        s
    }
}

/// A legal document's force as one sentence, from its declared status and dates (not from the
/// build date, so the page reads the same whenever it is built).
pub fn legal_status(c: &Catalogue, d: &LegalDocument) -> String {
    if !d.status.ends_force() {
        let mut text = match d.status {
            LegalStatus::Amended if !d.amended_by.is_empty() => format!(
                "Còn hiệu lực, đã được sửa đổi, bổ sung bởi {}",
                d.amended_by
                    .iter()
                    .map(|a| format!("{} (từ {})", a.document, date_text_vi(&a.from)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            LegalStatus::Amended => "Còn hiệu lực, đã được sửa đổi, bổ sung".to_string(),
            _ => "Còn hiệu lực".to_string(),
        };
        if let Some(u) = d.until {
            text.push_str(&format!(" đến hết ngày {}", date_vi(u)));
        }
        return text;
    }
    let mut text = match d.until {
        Some(u) => format!("Hết hiệu lực từ {}", date_vi(u.succ_opt().unwrap_or(u))),
        None => "Hết hiệu lực".to_string(),
    };
    match (&d.status, &d.replaced_by) {
        (_, Some(r)) => text.push_str(&format!(
            ", được thay thế bởi {}",
            document_name(c, &r.document)
        )),
        (LegalStatus::Expired, None) => text.push_str(" (hết thời hạn áp dụng)"),
        (LegalStatus::Repealed, None) => text.push_str(" (bị bãi bỏ)"),
        _ => {}
    }
    text
}

/// "Luật 68/2020/QH14" when the registry has the document, else its number.
fn document_name(c: &Catalogue, number: &str) -> String {
    c.legal
        .get(number)
        .map(|n| format!("{} {}", n.kind, n.number))
        .unwrap_or_else(|| number.to_string())
}

/// A document related to another (its replacement or an amendment), linked to its page.
#[derive(Debug, Clone, Serialize)]
pub struct RelatedDocument {
    /// What the relation is, then the document: "Thay thế bởi Luật 68/2020/QH14".
    pub name: String,
    /// Its page on this site.
    pub url: String,
    /// Its title, and from when the relation applies.
    pub note: String,
}

/// The documents that replaced or amended `d`, in that order, with links to their pages.
pub fn related_documents(c: &Catalogue, urls: &Urls, d: &LegalDocument) -> Vec<RelatedDocument> {
    let replaced = d.replaced_by.iter().map(|r| ("Được thay thế bởi", r));
    let amended = d
        .amended_by
        .iter()
        .map(|a| ("Được sửa đổi, bổ sung bởi", a));
    replaced
        .chain(amended)
        .map(|(what, r)| RelatedDocument {
            name: format!("{what} {}", document_name(c, &r.document)),
            url: urls.link(&urls::legal(&r.document)),
            note: match c.legal.get(&r.document) {
                Some(n) => format!("{} (từ {})", n.title, date_text_vi(&r.from)),
                None => format!("từ {}", date_text_vi(&r.from)),
            },
        })
        .collect()
}

/// A link to a legal document as shown next to a fact.
#[derive(Debug, Clone, Serialize)]
pub struct BasisView {
    /// Document number.
    pub number: String,
    /// Article, if given.
    pub article: Option<String>,
    /// Link to the document's page.
    pub url: String,
    /// Document title.
    pub title: String,
    /// Document kind (Luật, Nghị định…).
    pub kind: String,
    /// True when the document is not in force on the build date.
    pub repealed: bool,
    /// Its status when that matters to a reader: not in force, or amended.
    pub status: Option<String>,
    /// The document that replaced it, when it is no longer in force and the registry knows.
    pub replaced_by: Option<NamedDoc>,
}

/// A legal document's number and page.
#[derive(Debug, Clone, Serialize)]
pub struct NamedDoc {
    /// "Luật 68/2020/QH14".
    pub name: String,
    /// Its page on this site.
    pub url: String,
}

/// Citations as shown next to a fact, each with the document's force on `today` (the build
/// date): a reader must see at once that a citation is no longer the law.
fn basis(c: &Catalogue, urls: &Urls, items: &[LegalBasis], today: NaiveDate) -> Vec<BasisView> {
    items
        .iter()
        .map(|b| {
            let doc = c.legal.get(&b.document);
            let in_force = doc.map(|d| d.in_force_on(today)).unwrap_or(true);
            BasisView {
                number: b.document.clone(),
                article: b.article.clone(),
                url: urls.link(&urls::legal(&b.document)),
                title: doc.map(|d| d.title.clone()).unwrap_or_default(),
                kind: doc.map(|d| d.kind.clone()).unwrap_or_default(),
                repealed: !in_force,
                status: doc
                    .filter(|d| !in_force || d.status == LegalStatus::Amended)
                    .map(|d| legal_status(c, d)),
                replaced_by: doc
                    .filter(|_| !in_force)
                    .and_then(|d| d.replaced_by.as_ref())
                    .map(|r| NamedDoc {
                        name: document_name(c, &r.document),
                        url: urls.link(&urls::legal(&r.document)),
                    }),
            }
        })
        .collect()
}

/// A link to an agency.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyLink {
    /// Display name.
    pub name: String,
    /// Its page.
    pub url: String,
}

fn agency_link(c: &Catalogue, urls: &Urls, id: &str) -> AgencyLink {
    AgencyLink {
        name: c
            .agencies
            .get(id)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| id.to_string()),
        url: urls.link(&urls::agency(id)),
    }
}

/// An office where citizens go.
#[derive(Debug, Clone, Serialize)]
pub struct OfficeView {
    /// Display name.
    pub name: String,
    /// Its page.
    pub url: String,
    /// What it is.
    pub description: Option<String>,
    /// Street address.
    pub address: Option<String>,
    /// Opening hours lines.
    pub opening_hours: Vec<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// OpenStreetMap link when coordinates are known.
    pub map_url: Option<HttpUrl>,
    /// For a commune-level office, the page that tells which xã or phường (`communes.yaml`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub communes_url: Option<String>,
}

/// The map link of a point (OpenStreetMap: no key, no tracking). Always a valid address;
/// `None` would only mean the format below stopped being one.
pub fn map_url(lat: f64, lon: f64) -> Option<HttpUrl> {
    HttpUrl::parse(&format!(
        "https://www.openstreetmap.org/?mlat={lat:.6}&mlon={lon:.6}#map=17/{lat:.6}/{lon:.6}"
    ))
    .ok()
}

fn office_view(c: &Catalogue, urls: &Urls, id: &str) -> Option<OfficeView> {
    let a = c.agencies.get(id)?;
    Some(OfficeView {
        name: a.name.clone(),
        url: urls.link(&urls::agency(id)),
        description: a.description.clone(),
        address: a.address.clone(),
        opening_hours: a.opening_hours.clone(),
        phone: a.phone.clone(),
        email: a.email.clone(),
        map_url: a.coordinates.and_then(|k| map_url(k.lat, k.lon)),
        communes_url: (a.level == Level::Commune && c.communes.is_some())
            .then(|| urls.link(urls::COMMUNES)),
    })
}

/// One procedure in a listing.
#[derive(Debug, Clone, Serialize)]
pub struct ProcedureCard {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Page URL.
    pub url: String,
    /// Sector name.
    pub sector_name: String,
    /// Levels, joined.
    pub levels: String,
    /// Quickest time.
    pub shortest_time: String,
    /// Fee summary.
    pub fee_summary: String,
    /// True when abolished.
    pub abolished: bool,
}

/// The card of a procedure for listings.
pub fn card(c: &Catalogue, urls: &Urls, p: &Procedure) -> ProcedureCard {
    ProcedureCard {
        code: p.code.clone(),
        name: p.name.clone(),
        url: urls.link(&urls::procedure(&p.code)),
        sector_name: c
            .sector(&p.sector)
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        levels: levels_text(&p.levels),
        shortest_time: shortest_time(p),
        fee_summary: fee_summary(p),
        abolished: p.is_abolished(),
    }
}

fn levels_text(levels: &[Level]) -> String {
    levels
        .iter()
        .map(|l| level_name(*l))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Everything the procedure and checklist templates show.
#[derive(Debug, Clone, Serialize)]
pub struct ProcedureView {
    code: String,
    name: String,
    /// The build date the due dates are counted from ("thứ Hai, 07/12/2026"), when the
    /// catalogue has a calendar.
    filed_on: Option<String>,
    /// The calendar's JSON, for counting from another day in the browser.
    calendar_url: Option<String>,
    /// The one office dossiers go to (its closures count), if there is just one.
    office: Option<String>,
    /// Where the calendar the due dates are counted with ends (issue 14).
    calendar_end: Option<super::plan::CalendarEnd>,
    /// The cases the papers are grouped by, for the case picker (issue 14).
    cases: Vec<super::plan::CaseView>,
    /// The URL parameter holding the chosen cases.
    case_param: &'static str,
    description: String,
    url: String,
    checklist_url: String,
    json_url: String,
    summary_html: String,
    sector: AgencyLink,
    levels: String,
    applicants: String,
    result: ResultView,
    shortest_time: String,
    fee_summary: String,
    channels: Vec<ChannelView>,
    /// The channels as the printed checklist lists them: channels with the same time limits
    /// and fees share one entry, so the list fits on one page.
    checklist_channels: Vec<ChannelGroupView>,
    paper_groups: Vec<PaperGroupView>,
    looked_up: Vec<LookupView>,
    dossier_sets: Option<u32>,
    conditions: Vec<ConditionView>,
    steps: Vec<StepView>,
    offices: Vec<OfficeView>,
    agencies: AgenciesView,
    legal_basis: Vec<BasisView>,
    version: VersionView,
    sources: Vec<SourceView>,
    /// Every fact rests only on secondary sources.
    secondary_all: bool,
    /// The parts that rest only on secondary sources.
    secondary_parts: Vec<String>,
    last_verified: String,
    stale: bool,
    alert_html: Option<String>,
    abolished: bool,
    json_ld: String,
}

#[derive(Debug, Clone, Serialize)]
struct ResultView {
    name: String,
    description_html: Option<String>,
    electronic: bool,
}

#[derive(Debug, Clone, Serialize)]
struct ChannelView {
    label: String,
    /// Its code (`in_person`), as `motcua deadline --channel` takes it.
    kind: &'static str,
    description: Option<String>,
    url: Option<HttpUrl>,
    online_level: Option<&'static str>,
    time_limits: Vec<TimeLimitView>,
    fees: Vec<FeeView>,
}

/// Channels that share their time limits and fees, for the printed checklist.
#[derive(Debug, Clone, Serialize)]
struct ChannelGroupView {
    /// "Trực tiếp, Qua bưu chính".
    labels: String,
    /// The channels' codes, joined with a space (`in_person postal`).
    kinds: String,
    time_limits: Vec<TimeLimitView>,
    fees: Vec<FeeView>,
}

/// Channels whose time limits and fees read the same share one entry, in the order each first
/// appears ([`super::plan::same_groups`]).
fn channel_groups(channels: &[ChannelView]) -> Vec<ChannelGroupView> {
    let keys: Vec<_> = channels.iter().map(|c| (&c.time_limits, &c.fees)).collect();
    super::plan::same_groups(&keys)
        .into_iter()
        .map(|group| {
            let first = &channels[group[0]];
            let names = |f: fn(&ChannelView) -> &str, sep: &str| {
                group
                    .iter()
                    .map(|&i| f(&channels[i]))
                    .collect::<Vec<_>>()
                    .join(sep)
            };
            ChannelGroupView {
                labels: names(|c| &c.label, ", "),
                kinds: names(|c| c.kind, " "),
                time_limits: first.time_limits.clone(),
                fees: first.fees.clone(),
            }
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
struct TimeLimitView {
    text: String,
    condition: Option<String>,
    basis: Vec<BasisView>,
    unverified: bool,
    /// When the result is due for a dossier filed on the build date, by the calendar.
    due: Option<String>,
    /// What the page script needs to count the same for another day.
    unit: &'static str,
    value: Option<f64>,
    cutoff_hour: Option<u8>,
}

/// The sentence "hẹn trả muộn nhất …" for a dossier filed on `today` in the morning (before
/// any cut-off), counted by [`crate::deadline::due`] over the catalogue's calendar; `None`
/// when the catalogue has no calendar or the limit names no duration.
fn due_text(
    c: &Catalogue,
    office: Option<&str>,
    t: &TimeLimit,
    today: NaiveDate,
) -> Option<String> {
    let cal = c.calendar.as_ref()?;
    let filed = today.and_hms_opt(8, 0, 0)?;
    match crate::deadline::due(cal, office, &crate::deadline::Limit::from(t), filed) {
        Ok(Some(d)) => Some(match d.time {
            Some(time) => format!(
                "{} lúc {}",
                crate::deadline::day_vn(d.date),
                time.format("%H:%M")
            ),
            None => format!("hết ngày {}", crate::deadline::day_vn(d.date)),
        }),
        Ok(None) => None,
        Err(e) => Some(format!("chưa tính được ({e})")),
    }
}

#[derive(Debug, Clone, Serialize)]
struct FeeView {
    kind: &'static str,
    name: Option<String>,
    amount: String,
    unknown: bool,
    per: Option<String>,
    condition: Option<String>,
    exemptions: Vec<String>,
    validity: Option<String>,
    basis: Vec<BasisView>,
    unverified: bool,
}

#[derive(Debug, Clone, Serialize)]
struct PaperGroupView {
    index: usize,
    case: Option<String>,
    /// The slug of its case; `None` for papers common to every case.
    slug: Option<String>,
    items: Vec<PaperView>,
}

#[derive(Debug, Clone, Serialize)]
struct PaperView {
    name: String,
    count: String,
    required: bool,
    form: Option<FormView>,
    note: Option<String>,
    basis: Vec<BasisView>,
    unverified: bool,
}

#[derive(Debug, Clone, Serialize)]
struct FormView {
    code: String,
    href: Option<String>,
    issued_by: Option<BasisView>,
}

#[derive(Debug, Clone, Serialize)]
struct LookupView {
    name: String,
    when: String,
    /// The slug of the case its group is for; `None` for every case.
    slug: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct ConditionView {
    text: String,
    basis: Vec<BasisView>,
    unverified: bool,
}

#[derive(Debug, Clone, Serialize)]
struct StepView {
    title: String,
    actor: Option<&'static str>,
    html: String,
}

#[derive(Debug, Clone, Serialize)]
struct AgenciesView {
    competent: AgencyLink,
    executing: Vec<AgencyLink>,
    delegated: Vec<AgencyLink>,
    coordinating: Vec<AgencyLink>,
}

#[derive(Debug, Clone, Serialize)]
struct VersionView {
    decision: String,
    decision_link: String,
    signed: String,
    effective: Option<String>,
    change: &'static str,
    changed_parts: Vec<String>,
    replaces: Vec<CodeLink>,
    replaced_by: Option<CodeLink>,
    notes_html: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct CodeLink {
    code: String,
    name: String,
    url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct SourceView {
    title: String,
    url: Option<HttpUrl>,
    accessed: Option<String>,
    /// "nguồn thứ cấp" and the like, so a reader can weigh each source.
    kind: &'static str,
}

/// How a source kind is named on the page.
fn source_kind_name(k: SourceKind) -> &'static str {
    match k {
        SourceKind::OfficialText => "văn bản chính thức",
        SourceKind::NationalDatabase => "CSDL quốc gia về thủ tục hành chính",
        SourceKind::ProvincialPublication => "văn bản của tỉnh",
        SourceKind::OtherProvince => "công bố của tỉnh khác",
        SourceKind::Secondary => "nguồn thứ cấp",
    }
}

/// How a `covers` entry is named on the page; unknown names are shown as written.
fn part_name(part: &str) -> &str {
    match part {
        "name" => "tên thủ tục",
        "code" => "mã thủ tục",
        "levels" => "cấp thực hiện",
        "applicants" => "đối tượng thực hiện",
        "agencies" => "cơ quan thực hiện",
        "offices" => "nơi nộp hồ sơ",
        "steps" => "trình tự thực hiện",
        "channels" => "cách thức nộp",
        "time_limits" => "thời hạn giải quyết",
        "fees" => "phí, lệ phí",
        "papers" => "thành phần hồ sơ",
        "conditions" => "điều kiện",
        "result" => "kết quả",
        "legal_basis" => "căn cứ pháp lý",
        "version" => "phiên bản",
        "forms" => "mẫu đơn, tờ khai",
        other => other,
    }
}

/// What on the page rests only on secondary sources: every part some source `covers` that no
/// other kind of source covers. A non-secondary source that names no parts may cover
/// anything, so it clears every part; with only secondary sources, everything is flagged.
pub(crate) struct SecondaryOnly {
    /// Every source is secondary.
    pub(crate) all: bool,
    /// The parts (display names, in the order first covered) resting only on secondary sources.
    pub(crate) parts: Vec<String>,
}

/// The parts of a record that rest only on secondary sources.
pub(crate) fn secondary_only(sources: &[Source]) -> SecondaryOnly {
    let primary = |s: &&Source| s.kind != SourceKind::Secondary;
    let all = !sources.is_empty() && !sources.iter().any(|s| primary(&s));
    if all || sources.iter().filter(primary).any(|s| s.covers.is_empty()) {
        return SecondaryOnly {
            all,
            parts: Vec::new(),
        };
    }
    let firm: BTreeSet<&str> = sources
        .iter()
        .filter(primary)
        .flat_map(|s| s.covers.iter().map(String::as_str))
        .collect();
    let mut parts: Vec<String> = Vec::new();
    for part in sources
        .iter()
        .filter(|s| s.kind == SourceKind::Secondary)
        .flat_map(|s| s.covers.iter().map(String::as_str))
        .filter(|p| !firm.contains(p))
    {
        let name = part_name(part).to_string();
        if !parts.contains(&name) {
            parts.push(name);
        }
    }
    SecondaryOnly { all, parts }
}

/// How many copies of a paper to bring, as the procedure page says it.
pub fn count_text(originals: u32, copies: u32, handling: PaperHandling) -> String {
    let verb = match handling {
        PaperHandling::Submit => "Nộp",
        PaperHandling::Show => "Xuất trình",
    };
    match (originals, copies) {
        (0, 0) => match handling {
            PaperHandling::Show => "Xuất trình bản chính để đối chiếu".to_string(),
            PaperHandling::Submit => "Chưa có thông tin số lượng".to_string(),
        },
        (o, 0) => format!("{verb} {o} bản chính"),
        (0, c) => format!("{verb} {c} bản sao"),
        (o, c) => format!("{verb} {o} bản chính, {c} bản sao"),
    }
}

/// A fee's amount as the procedure page shows it, and whether it is unknown.
pub fn fee_amount_text(f: &Fee) -> (String, bool) {
    match &f.amount {
        Some(Amount::Vnd(0)) | Some(Amount::Word(_)) => ("Miễn phí".to_string(), false),
        Some(Amount::Vnd(v)) => (format!("{} đồng", vnd(*v)), false),
        None => ("Chưa có thông tin".to_string(), true),
    }
}

/// A fee row as one sentence, built from the same amount text as the procedure page:
/// "Lệ phí đăng ký khai sinh: Miễn phí (Đăng ký khai sinh đúng hạn)".
pub fn fee_text(f: &Fee) -> String {
    let label = f.name.clone().unwrap_or_else(|| {
        match f.kind {
            FeeKind::Fee => "Phí",
            FeeKind::Charge => "Lệ phí",
        }
        .to_string()
    });
    let (amount, _) = fee_amount_text(f);
    let mut s = format!("{label}: {amount}");
    if let Some(per) = &f.per {
        s.push_str(&format!(" / {per}"));
    }
    if let Some(c) = &f.condition {
        s.push_str(&format!(" ({c})"));
    }
    s
}

fn fee_view(c: &Catalogue, urls: &Urls, f: &Fee, today: NaiveDate) -> FeeView {
    let (amount, unknown) = fee_amount_text(f);
    let validity = match (&f.valid_from, &f.valid_until) {
        (Some(a), Some(b)) => Some(format!(
            "Áp dụng từ {} đến {}",
            date_text_vi(a),
            date_text_vi(b)
        )),
        (Some(a), None) => Some(format!("Áp dụng từ {}", date_text_vi(a))),
        (None, Some(b)) => Some(format!("Áp dụng đến {}", date_text_vi(b))),
        (None, None) => None,
    };
    FeeView {
        kind: match f.kind {
            FeeKind::Fee => "Phí",
            FeeKind::Charge => "Lệ phí",
        },
        name: f.name.clone(),
        amount,
        unknown,
        per: f.per.clone(),
        condition: f.condition.clone(),
        exemptions: f.exemptions.clone(),
        validity,
        basis: basis(c, urls, &f.legal_basis, today),
        unverified: f.unverified,
    }
}

fn code_link(c: &Catalogue, urls: &Urls, code: &str) -> CodeLink {
    match c.procedure(code) {
        Some(p) => CodeLink {
            code: code.to_string(),
            name: p.name.clone(),
            url: Some(urls.link(&urls::procedure(code))),
        },
        None => CodeLink {
            code: code.to_string(),
            name: code.to_string(),
            url: None,
        },
    }
}

/// Builds the full view of one procedure.
pub fn procedure_view(
    c: &Catalogue,
    urls: &Urls,
    p: &Procedure,
    today: NaiveDate,
) -> ProcedureView {
    // Reads the parts a summary drops: callers pass `Catalogue::full`'s procedure.
    debug_assert!(!p.is_summary(), "{} is a summary", p.code);
    let url = urls.link(&urls::procedure(&p.code));
    let summary_text = markdown_text(&p.summary);
    // Closures of the one office a dossier goes to, when there is just one.
    let office = match p.offices.as_slice() {
        [only] => Some(only.as_str()),
        _ => None,
    };
    let channels: Vec<ChannelView> = p
        .channels
        .iter()
        .map(|ch| ChannelView {
            label: channel_name(ch.kind).to_string(),
            kind: ch.kind.id(),
            description: ch.description.clone(),
            url: ch.url.clone(),
            online_level: ch.online_level.map(|l| match l {
                OnlineLevel::Full => "Dịch vụ công trực tuyến toàn trình",
                OnlineLevel::Partial => "Dịch vụ công trực tuyến một phần",
            }),
            time_limits: ch
                .time_limits
                .iter()
                .map(|t| TimeLimitView {
                    text: time_limit_text(t),
                    condition: t.condition.clone(),
                    basis: basis(c, urls, &t.legal_basis, today),
                    unverified: t.unverified,
                    due: due_text(c, office, t, today),
                    unit: t.unit.id(),
                    value: t.value,
                    cutoff_hour: t.cutoff_hour,
                })
                .collect(),
            fees: ch
                .fees
                .iter()
                .map(|f| fee_view(c, urls, f, today))
                .collect(),
        })
        .collect();
    let mut looked_up = Vec::new();
    let (cases, slugs) = super::plan::cases(&p.papers);
    let paper_groups = p
        .papers
        .iter()
        .zip(slugs)
        .enumerate()
        .map(|(gi, (g, slug))| PaperGroupView {
            index: gi + 1,
            case: slug.as_ref().and(g.case.clone()),
            items: g
                .items
                .iter()
                .map(|i| {
                    if let Some(when) = &i.office_looks_up {
                        looked_up.push(LookupView {
                            name: i.name.clone(),
                            when: when.clone(),
                            slug: slug.clone(),
                        });
                    }
                    PaperView {
                        name: i.name.clone(),
                        count: count_text(i.originals, i.copies, i.handling),
                        required: i.required,
                        form: i.form.as_ref().map(|f| FormView {
                            code: f.code.clone(),
                            href: f
                                .file
                                .as_ref()
                                .map(|file| urls.link(file))
                                .or_else(|| f.url.as_ref().map(HttpUrl::to_string)),
                            issued_by: f.issued_by.as_ref().and_then(|d| {
                                basis(
                                    c,
                                    urls,
                                    &[LegalBasis {
                                        document: d.clone(),
                                        article: None,
                                    }],
                                    today,
                                )
                                .into_iter()
                                .next()
                            }),
                        }),
                        note: i.note.clone(),
                        basis: basis(c, urls, &i.legal_basis, today),
                        unverified: i.unverified,
                    }
                })
                .collect(),
            slug,
        })
        .collect();
    let offices: Vec<OfficeView> = if p.offices.is_empty() {
        p.agencies
            .executing
            .iter()
            .filter_map(|id| office_view(c, urls, id))
            .collect()
    } else {
        p.offices
            .iter()
            .filter_map(|id| office_view(c, urls, id))
            .collect()
    };
    let v = &p.version;
    let decision_link = match &v.decision_url {
        Some(u) => format!(
            "<a href=\"{}\" rel=\"noopener\">{}</a>",
            escape_html(u.as_str()),
            escape_html(&v.decision)
        ),
        None => escape_html(&v.decision),
    };
    let secondary = secondary_only(&p.sources);
    let stale = (today - p.last_verified).num_days() > i64::from(c.site.freshness_days);
    let sector = c.sector(&p.sector);
    ProcedureView {
        code: p.code.clone(),
        name: p.name.clone(),
        filed_on: c.calendar.as_ref().map(|_| crate::deadline::day_vn(today)),
        calendar_url: c.calendar.as_ref().map(|_| urls.link(urls::CALENDAR_JSON)),
        office: office.map(str::to_string),
        calendar_end: c
            .calendar
            .as_ref()
            .and_then(|cal| super::plan::calendar_end(cal, today)),
        cases,
        case_param: super::plan::CASE_PARAM,
        description: truncate(&summary_text, 155),
        checklist_url: urls.link(&urls::checklist(&p.code)),
        json_url: urls.link(&urls::procedure_json(&p.code)),
        summary_html: markdown(&p.summary),
        sector: AgencyLink {
            name: sector.map(|s| s.name.clone()).unwrap_or_default(),
            url: urls.link(&urls::sector(&p.sector)),
        },
        levels: levels_text(&p.levels),
        applicants: p.applicants.join("; "),
        result: ResultView {
            name: p.result.name.clone(),
            description_html: p.result.description.as_deref().map(markdown),
            electronic: p.result.electronic,
        },
        shortest_time: shortest_time(p),
        fee_summary: fee_summary(p),
        checklist_channels: channel_groups(&channels),
        channels,
        paper_groups,
        looked_up,
        dossier_sets: p.dossier_sets,
        conditions: p
            .conditions
            .iter()
            .map(|k| ConditionView {
                text: k.text.clone(),
                basis: basis(c, urls, &k.legal_basis, today),
                unverified: k.unverified,
            })
            .collect(),
        steps: p
            .steps
            .iter()
            .map(|s| StepView {
                title: s.title.clone(),
                actor: s.actor.map(|a| match a {
                    Actor::Applicant => "người dân thực hiện",
                    Actor::Agency => "cơ quan thực hiện",
                }),
                html: s.text.as_deref().map(markdown).unwrap_or_default(),
            })
            .collect(),
        offices,
        agencies: AgenciesView {
            competent: agency_link(c, urls, &p.agencies.competent),
            executing: p
                .agencies
                .executing
                .iter()
                .map(|a| agency_link(c, urls, a))
                .collect(),
            delegated: p
                .agencies
                .delegated
                .iter()
                .map(|a| agency_link(c, urls, a))
                .collect(),
            coordinating: p
                .agencies
                .coordinating
                .iter()
                .map(|a| agency_link(c, urls, a))
                .collect(),
        },
        legal_basis: basis(c, urls, &p.legal_basis, today),
        version: VersionView {
            decision: v.decision.clone(),
            decision_link,
            signed: date_vi(p.signed),
            effective: p.effective.map(date_vi),
            change: match v.change {
                ChangeKind::New => "Công bố mới",
                ChangeKind::Amended => "Sửa đổi, bổ sung",
                ChangeKind::Replaced => "Thay thế",
                ChangeKind::Abolished => "Bãi bỏ",
            },
            changed_parts: v.changed_parts.clone(),
            replaces: v.replaces.iter().map(|r| code_link(c, urls, r)).collect(),
            replaced_by: v.replaced_by.as_deref().map(|r| code_link(c, urls, r)),
            notes_html: v.notes.as_deref().map(markdown),
        },
        sources: p
            .sources
            .iter()
            .map(|s| SourceView {
                title: s.title.clone(),
                url: s.url.clone(),
                accessed: s.accessed.as_deref().map(date_text_vi),
                kind: source_kind_name(s.kind),
            })
            .collect(),
        secondary_all: secondary.all,
        secondary_parts: secondary.parts,
        last_verified: date_vi(p.last_verified),
        stale,
        alert_html: p.alert.as_deref().map(markdown),
        abolished: p.is_abolished(),
        json_ld: json_ld(c, urls, p, &summary_text),
        url,
    }
}

/// Escapes text for HTML built outside templates.
pub fn escape_html(s: &str) -> String {
    // Most text has nothing to escape; skip the char-by-char copy then.
    if !s
        .bytes()
        .any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 16);
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// schema.org GovernmentService JSON-LD (see [`crate::export::jsonld`]), safe to embed in a
/// `<script>` element.
fn json_ld(c: &Catalogue, urls: &Urls, p: &Procedure, summary: &str) -> String {
    let v = crate::export::jsonld::procedure(c, urls, p, summary);
    crate::export::jsonld::script_text(&v)
}

/// A sector tile on the home page.
#[derive(Debug, Clone, Serialize)]
pub struct Tile {
    /// Display name.
    pub name: String,
    /// Link.
    pub url: String,
    /// How many procedures.
    pub count: usize,
}

/// Sector tiles in the catalogue's order, with counts of current procedures.
pub fn sector_tiles(c: &Catalogue, urls: &Urls) -> Vec<Tile> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for p in c.procedures.iter().filter(|p| !p.is_abolished()) {
        *counts.entry(p.sector.as_str()).or_default() += 1;
    }
    c.sectors
        .iter()
        .map(|s| Tile {
            name: s.name.clone(),
            url: urls.link(&urls::sector(&s.id)),
            count: counts.get(s.id.as_str()).copied().unwrap_or(0),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(kind: SourceKind, covers: &[&str]) -> Source {
        Source {
            title: "Nguồn".into(),
            kind,
            url: None,
            printed: true,
            accessed: None,
            covers: covers.iter().map(|c| c.to_string()).collect(),
        }
    }

    #[test]
    fn parts_resting_only_on_secondary_sources() {
        let s = secondary_only(&[
            src(SourceKind::NationalDatabase, &["papers", "fees"]),
            src(
                SourceKind::Secondary,
                &["fees", "time_limits", "steps", "time_limits"],
            ),
        ]);
        assert!(!s.all);
        assert_eq!(s.parts, ["thời hạn giải quyết", "trình tự thực hiện"]);
        let all = secondary_only(&[src(SourceKind::Secondary, &["fees"])]);
        assert!(all.all);
        // An official source naming no parts may cover anything: nothing is flagged.
        let open = secondary_only(&[
            src(SourceKind::OfficialText, &[]),
            src(SourceKind::Secondary, &["fees"]),
        ]);
        assert!(!open.all && open.parts.is_empty());
    }

    fn tl(value: Option<f64>, unit: TimeUnit) -> TimeLimit {
        TimeLimit {
            value,
            unit,
            counted_from: None,
            cutoff_hour: None,
            condition: None,
            legal_basis: vec![],
            unverified: true,
        }
    }

    #[test]
    fn time_limit_texts() {
        assert_eq!(
            time_limit_text(&tl(Some(5.0), TimeUnit::WorkingDays)),
            "5 ngày làm việc"
        );
        assert_eq!(
            time_limit_text(&tl(Some(0.5), TimeUnit::WorkingDays)),
            "0,5 ngày làm việc"
        );
        assert_eq!(
            time_limit_text(&tl(None, TimeUnit::Immediate)),
            "Giải quyết ngay"
        );
        let mut t = tl(Some(1.0), TimeUnit::WorkingDays);
        t.cutoff_hour = Some(15);
        assert!(time_limit_text(&t).contains("sau 15 giờ"));
    }

    #[test]
    fn counts() {
        assert_eq!(count_text(1, 0, PaperHandling::Submit), "Nộp 1 bản chính");
        assert_eq!(
            count_text(1, 1, PaperHandling::Show),
            "Xuất trình 1 bản chính, 1 bản sao"
        );
        assert_eq!(
            count_text(0, 0, PaperHandling::Submit),
            "Chưa có thông tin số lượng"
        );
    }

    #[test]
    fn json_ld_cannot_close_the_script() {
        let v = serde_json::json!({ "name": "a</script><b>đ" });
        let text = crate::export::jsonld::script_text(&v);
        assert_eq!(text, r#"{"name":"a\u003c/script\u003e\u003cb\u003eđ"}"#);
        let back: serde_json::Value = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(back, v);
        assert_eq!(
            crate::export::jsonld::script_text(&serde_json::json!({ "a": "b" })),
            r#"{"a":"b"}"#
        );
    }
}
