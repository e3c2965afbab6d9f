//! `calendar.yaml`: the days public offices are closed (weekly rest days, public holidays as the
//! government announces them each year, compensatory and bridge days), the weekend days worked
//! in exchange for a bridge day, and closures of single offices. Raw types (which also generate
//! `schema/calendar.schema.json`), the checks that need only this file, and the model the
//! deadline computation ([`crate::deadline`]) reads.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, Weekday as ChronoWeekday};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::one_file::OneFile as Cx;
use super::raw::DateText;
use super::schema::closest;
use super::yaml::{Node, PathSeg};
use crate::diagnostics::{Diagnostic, Span};

/// `catalogue/calendar.yaml`: the working calendar of public offices.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Lịch làm việc của cơ quan nhà nước (calendar.yaml)")]
pub struct CalendarFile {
    #[schemars(description = "Ngày nghỉ hằng tuần và văn bản quy định.")]
    pub weekly_rest: WeeklyRest,
    #[schemars(
        description = "Các văn bản làm căn cứ (luật, thông báo lịch nghỉ của Bộ Nội vụ…); các mục bên dưới ghi `source` bằng số hiệu `document` ở đây."
    )]
    pub sources: Vec<CalendarSource>,
    #[schemars(
        description = "Từng năm: ngày nghỉ lễ, tết, nghỉ bù, hoán đổi và ngày làm bù. Lịch chỉ dùng được cho những năm có ở đây."
    )]
    pub years: Vec<CalendarYear>,
    #[serde(default)]
    #[schemars(description = "Ngày một cơ quan cụ thể không tiếp nhận hồ sơ (nếu có).")]
    pub closures: Vec<Closure>,
}

/// The weekly rest days.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WeeklyRest {
    #[schemars(
        description = "Ngày nghỉ hằng tuần, ví dụ [saturday, sunday] (Quyết định 188/1999/QĐ-TTg)."
    )]
    pub days: Vec<Weekday>,
    #[serde(default)]
    #[schemars(description = "Số hiệu văn bản quy định (có trong `sources`).")]
    pub source: Option<String>,
}

/// A day of the week.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    /// Thứ Hai.
    Monday,
    /// Thứ Ba.
    Tuesday,
    /// Thứ Tư.
    Wednesday,
    /// Thứ Năm.
    Thursday,
    /// Thứ Sáu.
    Friday,
    /// Thứ Bảy.
    Saturday,
    /// Chủ nhật.
    Sunday,
}

impl Weekday {
    /// Monday = 0 … Sunday = 6.
    fn index(self) -> usize {
        self as usize
    }
}

/// What kind of source a document is: the same kinds as every `sources:` list.
pub use super::raw::SourceKind;

/// A document the calendar rests on.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CalendarSource {
    #[schemars(
        description = "Số hiệu văn bản, ví dụ \"9441/TB-BNV\" hoặc \"45/2019/QH14\"; các mục khác trích bằng số hiệu này."
    )]
    pub document: String,
    #[schemars(
        description = "Tên đầy đủ: loại, số, ngày, cơ quan ban hành, trích yếu (và điều khoản nếu cần)."
    )]
    pub title: String,
    #[schemars(
        description = "Loại nguồn: official_text, national_database, provincial_publication, other_province, secondary."
    )]
    pub kind: SourceKind,
    #[serde(default)]
    #[schemars(description = "Đường dẫn (http/https); bắt buộc trừ khi `printed: true`.")]
    pub url: Option<String>,
    #[serde(default)]
    #[schemars(description = "true: văn bản in, không có đường dẫn (title ghi nơi đăng).")]
    pub printed: bool,
    #[serde(default)]
    #[schemars(description = "Ngày truy cập (YYYY-MM-DD).")]
    pub accessed: Option<DateText>,
}

/// One year of the calendar.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CalendarYear {
    #[schemars(description = "Năm dương lịch.", range(min = 1990, max = 2200))]
    pub year: i32,
    #[serde(default)]
    #[schemars(description = "Ngày nghỉ lễ, tết, nghỉ bù, nghỉ hoán đổi trong năm.")]
    pub holidays: Vec<Holiday>,
    #[serde(default)]
    #[schemars(
        description = "Ngày nghỉ hằng tuần phải đi làm để bù cho một ngày nghỉ hoán đổi (bridge)."
    )]
    pub working_days: Vec<SwappedDay>,
}

/// Why a day is off.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DayOffKind {
    /// Ngày nghỉ lễ, tết (Bộ luật Lao động 2019, Điều 112).
    Holiday,
    /// Ngày nghỉ bù khi ngày lễ trùng ngày nghỉ hằng tuần (Điều 111 khoản 3).
    Compensatory,
    /// Ngày làm việc được hoán đổi thành ngày nghỉ (làm bù vào một ngày nghỉ hằng tuần).
    Bridge,
}

impl DayOffKind {
    /// The name used in test vectors and JSON.
    pub fn code(self) -> &'static str {
        match self {
            DayOffKind::Holiday => "holiday",
            DayOffKind::Compensatory => "compensatory",
            DayOffKind::Bridge => "bridge",
        }
    }

    /// Vietnamese label.
    pub fn label(self) -> &'static str {
        match self {
            DayOffKind::Holiday => "nghỉ lễ, tết",
            DayOffKind::Compensatory => "nghỉ bù",
            DayOffKind::Bridge => "nghỉ hoán đổi",
        }
    }
}

/// A day off.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    #[schemars(description = "Ngày (YYYY-MM-DD).")]
    pub date: DateText,
    #[schemars(description = "Tên, ví dụ \"Tết Âm lịch (mùng 1)\".")]
    pub name: String,
    #[schemars(
        description = "holiday (lễ, tết), compensatory (nghỉ bù), bridge (nghỉ hoán đổi, có ngày làm bù)."
    )]
    pub kind: DayOffKind,
    #[serde(default)]
    #[schemars(description = "Số hiệu văn bản căn cứ (có trong `sources`).")]
    pub source: Option<String>,
}

/// A weekly rest day worked in exchange for a bridge day.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SwappedDay {
    #[schemars(description = "Ngày làm bù (YYYY-MM-DD), là một ngày nghỉ hằng tuần.")]
    pub date: DateText,
    #[schemars(description = "Ngày nghỉ hoán đổi (bridge) mà ngày này làm bù.")]
    pub replaces: DateText,
    #[serde(default)]
    #[schemars(description = "Số hiệu văn bản căn cứ (có trong `sources`).")]
    pub source: Option<String>,
}

/// Days one office does not receive dossiers.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Closure {
    #[schemars(description = "Mã cơ quan (tên tệp trong agencies/).")]
    pub agency: String,
    #[schemars(description = "Các ngày nghỉ (YYYY-MM-DD).")]
    pub dates: Vec<DateText>,
    #[schemars(description = "Lý do, ví dụ \"chuyển trụ sở\".")]
    pub reason: String,
    #[serde(default)]
    #[schemars(description = "Số hiệu văn bản căn cứ (có trong `sources`).")]
    pub source: Option<String>,
}

/// A day off in the model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayOff {
    /// Its name.
    pub name: String,
    /// Why it is off.
    pub kind: DayOffKind,
}

/// What a day is for an office.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayStatus<'a> {
    /// An ordinary working day.
    Working,
    /// A weekly rest day worked in exchange for a bridge day.
    SwappedWorking,
    /// A weekly rest day.
    Rest,
    /// A public holiday, compensatory or bridge day.
    Off(&'a DayOff),
    /// The office is closed that day.
    Closed(&'a str),
    /// The calendar has no data for that year.
    Unknown,
}

impl DayStatus<'_> {
    /// True when dossiers are received and time limits run.
    pub fn is_working(self) -> bool {
        matches!(self, DayStatus::Working | DayStatus::SwappedWorking)
    }
}

/// The validated calendar.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// Where it was defined.
    pub file: PathBuf,
    /// Weekly rest days, Monday = 0.
    pub rest: [bool; 7],
    /// Years with data.
    pub years: BTreeSet<i32>,
    /// Public days off.
    pub days_off: BTreeMap<NaiveDate, DayOff>,
    /// Weekly rest days worked, with the bridge day each makes up for.
    pub working: BTreeMap<NaiveDate, NaiveDate>,
    /// Office closures: agency id → date → reason.
    pub closures: BTreeMap<String, BTreeMap<NaiveDate, String>>,
    /// The documents it rests on.
    pub sources: Vec<CalendarSource>,
    /// The position of `years`, for the coverage warning.
    pub years_span: Span,
}

impl Calendar {
    /// What `date` is for `office` (an agency id), or for every office when `None`.
    pub fn status(&self, date: NaiveDate, office: Option<&str>) -> DayStatus<'_> {
        if !self.years.contains(&date.year()) {
            return DayStatus::Unknown;
        }
        if let Some(reason) = office
            .and_then(|o| self.closures.get(o))
            .and_then(|c| c.get(&date))
        {
            return DayStatus::Closed(reason);
        }
        if let Some(off) = self.days_off.get(&date) {
            return DayStatus::Off(off);
        }
        if self.working.contains_key(&date) {
            return DayStatus::SwappedWorking;
        }
        if self.rest[date.weekday().num_days_from_monday() as usize] {
            DayStatus::Rest
        } else {
            DayStatus::Working
        }
    }

    /// The last day with data, when the years run without a gap from `from`'s year.
    pub fn end_from(&self, from: NaiveDate) -> Option<NaiveDate> {
        let mut y = from.year();
        if !self.years.contains(&y) {
            return None;
        }
        while self.years.contains(&(y + 1)) {
            y += 1;
        }
        NaiveDate::from_ymd_opt(y, 12, 31)
    }

    /// The calendar as the JSON the browser twin of the deadline computation reads.
    pub fn to_json(&self) -> serde_json::Value {
        let days_off: serde_json::Map<String, serde_json::Value> = self
            .days_off
            .iter()
            .map(|(d, o)| {
                (
                    d.to_string(),
                    serde_json::json!({"name": o.name, "kind": o.kind.code()}),
                )
            })
            .collect();
        let working: serde_json::Map<String, serde_json::Value> = self
            .working
            .iter()
            .map(|(d, r)| (d.to_string(), serde_json::Value::String(r.to_string())))
            .collect();
        let closures: serde_json::Map<String, serde_json::Value> = self
            .closures
            .iter()
            .map(|(a, days)| {
                let m: serde_json::Map<String, serde_json::Value> = days
                    .iter()
                    .map(|(d, r)| (d.to_string(), serde_json::Value::String(r.clone())))
                    .collect();
                (a.clone(), serde_json::Value::Object(m))
            })
            .collect();
        let rest: Vec<usize> = (0..7).filter(|&i| self.rest[i]).map(|i| i + 1).collect();
        serde_json::json!({
            "rest_weekdays": rest,
            "years": self.years,
            "days_off": days_off,
            "working": working,
            "closures": closures,
        })
    }

    /// The warning when the calendar does not reach 12 months past `today`.
    pub fn coverage(&self, today: NaiveDate) -> Option<Diagnostic> {
        let horizon = today
            .checked_add_signed(chrono::Duration::days(365))
            .unwrap_or(today);
        let missing: Vec<i32> = (today.year()..=horizon.year())
            .filter(|y| !self.years.contains(y))
            .collect();
        if missing.is_empty() {
            return None;
        }
        let list = missing
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        Some(
            Diagnostic::warning(
                &self.file,
                self.years_span,
                "calendar-ends",
                format!(
                    "lịch chưa có năm {list}: không tính được hạn trả kết quả đến hết 12 tháng tới (đến {})",
                    horizon.format("%d/%m/%Y")
                ),
            )
            .with_hint("thêm năm mới vào `years` theo thông báo lịch nghỉ lễ, tết của Bộ Nội vụ ngay khi có; đến lúc đó trang ghi rõ lịch chỉ có đến đâu"),
        )
    }
}

/// An agency named by a closure, for the cross-file reference check.
#[derive(Debug, Clone)]
pub struct AgencyRef {
    /// The agency id.
    pub agency: String,
    /// Where it is written.
    pub span: Span,
}

/// What the per-file checks produce.
pub struct Checked {
    /// The model, when the file has no errors.
    pub calendar: Option<Calendar>,
    /// Problems found.
    pub diags: Vec<Diagnostic>,
    /// Agencies named by closures.
    pub agencies: Vec<AgencyRef>,
}

/// The calendar's own rule on `source:`, beside the shared ones of [`OneFile`].
trait CalendarRules {
    fn source(&mut self, source: Option<&str>, docs: &BTreeSet<&str>, entry: &[PathSeg]);
}

/// The example in the calendar's `bad-date` hint.
const DATE_EXAMPLE: &str = "2026-02-16";

impl CalendarRules for Cx<'_> {
    /// The `source` rule: every entry names a document listed in `sources`.
    fn source(&mut self, source: Option<&str>, docs: &BTreeSet<&str>, entry: &[PathSeg]) {
        match source {
            None => {
                let span = self.at(entry);
                self.error(
                    span,
                    "no-source",
                    "ngày này không ghi văn bản căn cứ".into(),
                    "thêm `source: \"<số hiệu>\"` trỏ tới một văn bản trong `sources` (thông báo lịch nghỉ của Bộ Nội vụ, Bộ luật Lao động 2019…)",
                );
            }
            Some(s) if !docs.contains(s) => {
                let mut p = entry.to_vec();
                p.push(PathSeg::Key("source".into()));
                let span = self.at(&p);
                let hint = match closest(s, docs.iter().copied()) {
                    Some(c) => {
                        format!("có phải ý bạn là `{c}`? Nếu không: thêm văn bản vào `sources`")
                    }
                    None => {
                        "thêm văn bản vào `sources` (document, title, kind, url) hoặc sửa số hiệu"
                            .to_string()
                    }
                };
                self.error(
                    span,
                    "unknown-source",
                    format!("văn bản `{s}` không có trong `sources`"),
                    &hint,
                );
            }
            Some(_) => {}
        }
    }
}

fn key(k: &str) -> PathSeg {
    PathSeg::Key(k.to_string())
}

fn vn_date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Runs the rules that need only `calendar.yaml` and builds the model.
pub fn check(path: &Path, root: &Node, file: CalendarFile) -> Checked {
    let mut cx = Cx::new(path, root);
    let mut agencies = Vec::new();

    // Sources: unique numbers, a URL unless printed.
    let mut docs: BTreeSet<&str> = BTreeSet::new();
    for (i, s) in file.sources.iter().enumerate() {
        let base = [key("sources"), PathSeg::Index(i)];
        if !docs.insert(s.document.as_str()) {
            let span = cx.at(&[key("sources"), PathSeg::Index(i), key("document")]);
            cx.error(
                span,
                "duplicate-source",
                format!("văn bản `{}` đã có trong `sources`", s.document),
                "mỗi văn bản chỉ ghi một lần",
            );
        }
        match &s.url {
            Some(u) if !(u.starts_with("https://") || u.starts_with("http://")) => {
                let span = cx.at(&[key("sources"), PathSeg::Index(i), key("url")]);
                cx.error(
                    span,
                    "bad-url",
                    format!("đường dẫn `{u}` không hợp lệ"),
                    "viết đầy đủ, bắt đầu bằng https:// hoặc http://",
                );
            }
            None if !s.printed => {
                let span = cx.at(&base);
                cx.error(
                    span,
                    "no-url",
                    format!("văn bản `{}` không có đường dẫn", s.document),
                    "thêm `url:` tới văn bản (ưu tiên trang chính thức), hoặc `printed: true` nếu chỉ có bản in",
                );
            }
            _ => {}
        }
        if let Some(a) = &s.accessed {
            cx.date(
                DATE_EXAMPLE,
                a,
                &[key("sources"), PathSeg::Index(i), key("accessed")],
            );
        }
    }

    // Weekly rest days.
    let mut rest = [false; 7];
    for d in &file.weekly_rest.days {
        rest[d.index()] = true;
    }
    if rest.iter().all(|r| *r) {
        let span = cx.at(&[key("weekly_rest"), key("days")]);
        cx.error(
            span,
            "no-working-day",
            "tuần không còn ngày làm việc nào".into(),
            "chỉ ghi ngày nghỉ hằng tuần, thường là [saturday, sunday]",
        );
    }
    cx.source(
        file.weekly_rest.source.as_deref(),
        &docs,
        &[key("weekly_rest")],
    );

    let mut years = BTreeSet::new();
    let mut days_off = BTreeMap::new();
    let mut working = BTreeMap::new();
    for (yi, y) in file.years.iter().enumerate() {
        if !years.insert(y.year) {
            let span = cx.at(&[key("years"), PathSeg::Index(yi), key("year")]);
            cx.error(
                span,
                "duplicate-year",
                format!("năm {} đã có ở trên", y.year),
                "gộp các ngày của một năm vào một mục",
            );
            continue;
        }
        // Dates of this year, for the duplicate rule: date → where first listed.
        let mut seen: BTreeMap<NaiveDate, String> = BTreeMap::new();
        let mut year_off: BTreeMap<NaiveDate, DayOff> = BTreeMap::new();
        for (hi, h) in y.holidays.iter().enumerate() {
            let entry = [
                key("years"),
                PathSeg::Index(yi),
                key("holidays"),
                PathSeg::Index(hi),
            ];
            let mut dp = entry.to_vec();
            dp.push(key("date"));
            cx.source(h.source.as_deref(), &docs, &entry);
            let Some(d) = cx.date(DATE_EXAMPLE, &h.date, &dp) else {
                continue;
            };
            if !in_year(&mut cx, d, y.year, &dp) {
                continue;
            }
            if already_listed(&mut cx, &seen, d, &dp) {
                continue;
            }
            seen.insert(d, format!("ngày nghỉ \"{}\"", h.name));
            year_off.insert(
                d,
                DayOff {
                    name: h.name.clone(),
                    kind: h.kind,
                },
            );
        }
        for (wi, w) in y.working_days.iter().enumerate() {
            let entry = [
                key("years"),
                PathSeg::Index(yi),
                key("working_days"),
                PathSeg::Index(wi),
            ];
            let mut dp = entry.to_vec();
            dp.push(key("date"));
            let mut rp = entry.to_vec();
            rp.push(key("replaces"));
            cx.source(w.source.as_deref(), &docs, &entry);
            let d = cx.date(DATE_EXAMPLE, &w.date, &dp);
            let r = cx.date(DATE_EXAMPLE, &w.replaces, &rp);
            let (Some(d), Some(r)) = (d, r) else {
                continue;
            };
            if !in_year(&mut cx, d, y.year, &dp) {
                continue;
            }
            if already_listed(&mut cx, &seen, d, &dp) {
                continue;
            }
            seen.insert(d, "ngày làm bù".to_string());
            if !rest[d.weekday().num_days_from_monday() as usize] {
                let span = cx.at(&dp);
                cx.error(
                    span,
                    "swap-not-rest-day",
                    format!(
                        "ngày làm bù {} ({}) không phải ngày nghỉ hằng tuần",
                        vn_date(d),
                        weekday_vn(d.weekday())
                    ),
                    "ngày làm bù là một ngày nghỉ hằng tuần (thường là thứ Bảy) được chuyển thành ngày làm việc; kiểm tra lại ngày trong thông báo",
                );
                continue;
            }
            let bridged = year_off.get(&r).map(|o| o.kind) == Some(DayOffKind::Bridge)
                || days_off.get(&r).map(|o: &DayOff| o.kind) == Some(DayOffKind::Bridge);
            if !bridged {
                let span = cx.at(&rp);
                cx.error(
                    span,
                    "swap-without-bridge",
                    format!(
                        "ngày {} không phải ngày nghỉ hoán đổi (kind: bridge) trong lịch",
                        vn_date(r)
                    ),
                    "ghi ngày nghỉ hoán đổi vào `holidays` với `kind: bridge`, hoặc sửa `replaces`",
                );
                continue;
            }
            working.insert(d, r);
        }
        // Tết: the first day of the lunar year is always among the five Tết days off.
        if let Some(tet) = lunar::new_year(y.year) {
            if !year_off.contains_key(&tet) {
                let span = cx.at(&[key("years"), PathSeg::Index(yi), key("year")]);
                cx.error(
                    span,
                    "no-tet",
                    format!(
                        "năm {} không có Tết Âm lịch: mùng 1 Tết ({}) không nằm trong các ngày nghỉ",
                        y.year,
                        vn_date(tet)
                    ),
                    "thêm 5 ngày nghỉ Tết Âm lịch (Bộ luật Lao động 2019, Điều 112) đúng theo thông báo lịch nghỉ của Bộ Nội vụ cho năm này",
                );
            }
        }
        days_off.extend(year_off);
    }
    if file.years.is_empty() {
        let span = cx.key_at(&[key("years")]);
        cx.error(
            span,
            "empty-list",
            "lịch không có năm nào".into(),
            "thêm ít nhất năm hiện tại vào `years`",
        );
    }

    let mut closures: BTreeMap<String, BTreeMap<NaiveDate, String>> = BTreeMap::new();
    for (ci, c) in file.closures.iter().enumerate() {
        let entry = [key("closures"), PathSeg::Index(ci)];
        agencies.push(AgencyRef {
            agency: c.agency.clone(),
            span: cx.at(&[key("closures"), PathSeg::Index(ci), key("agency")]),
        });
        cx.source(c.source.as_deref(), &docs, &entry);
        for (di, d) in c.dates.iter().enumerate() {
            let dp = [
                key("closures"),
                PathSeg::Index(ci),
                key("dates"),
                PathSeg::Index(di),
            ];
            if let Some(d) = cx.date(DATE_EXAMPLE, d, &dp) {
                closures
                    .entry(c.agency.clone())
                    .or_default()
                    .insert(d, c.reason.clone());
            }
        }
    }

    let calendar = (cx.errors == 0).then(|| Calendar {
        file: path.to_path_buf(),
        rest,
        years,
        days_off,
        working,
        closures,
        sources: file.sources.clone(),
        years_span: cx.key_at(&[key("years")]),
    });
    Checked {
        calendar,
        diags: cx.diags,
        agencies,
    }
}

/// Reports `d` when the year already lists it (as a day off or a swapped working day).
fn already_listed(
    cx: &mut Cx,
    seen: &BTreeMap<NaiveDate, String>,
    d: NaiveDate,
    path: &[PathSeg],
) -> bool {
    let Some(first) = seen.get(&d) else {
        return false;
    };
    let span = cx.at(path);
    cx.error(
        span,
        "duplicate-date",
        format!("ngày {} đã có ({first})", vn_date(d)),
        "mỗi ngày chỉ ghi một lần trong năm",
    );
    true
}

fn in_year(cx: &mut Cx, d: NaiveDate, year: i32, path: &[PathSeg]) -> bool {
    if d.year() == year {
        return true;
    }
    let span = cx.at(path);
    cx.error(
        span,
        "date-outside-year",
        format!("ngày {} không thuộc năm {year}", vn_date(d)),
        "chuyển ngày này vào mục của đúng năm, hoặc sửa lại năm",
    );
    false
}

/// The Vietnamese name of a weekday ("thứ Hai" … "Chủ nhật").
pub fn weekday_vn(w: ChronoWeekday) -> &'static str {
    match w {
        ChronoWeekday::Mon => "thứ Hai",
        ChronoWeekday::Tue => "thứ Ba",
        ChronoWeekday::Wed => "thứ Tư",
        ChronoWeekday::Thu => "thứ Năm",
        ChronoWeekday::Fri => "thứ Sáu",
        ChronoWeekday::Sat => "thứ Bảy",
        ChronoWeekday::Sun => "Chủ nhật",
    }
}

/// The first day of the Vietnamese lunar year, by Hồ Ngọc Đức's algorithm (new moons and
/// solar terms after Meeus, Astronomical Algorithms; time zone UTC+7). Used only to check that
/// a year's days off include Tết, so a year typed without Tết, or with Tết on the wrong dates,
/// does not go unnoticed.
pub mod lunar {
    use chrono::NaiveDate;
    use std::f64::consts::PI;

    const TZ: f64 = 7.0;

    fn jd_from_date(d: NaiveDate) -> i64 {
        // Julian day number: days from the CE epoch plus the offset of 1 January 1 CE.
        i64::from(chrono::Datelike::num_days_from_ce(&d)) + 1_721_425
    }

    fn date_from_jd(jd: i64) -> Option<NaiveDate> {
        NaiveDate::from_num_days_from_ce_opt(i32::try_from(jd - 1_721_425).ok()?)
    }

    fn new_moon(k: f64) -> f64 {
        let t = k / 1236.85;
        let t2 = t * t;
        let t3 = t2 * t;
        let dr = PI / 180.0;
        let mut jd1 = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
        jd1 += 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * dr).sin();
        let m = 359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3;
        let mpr = 306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3;
        let f = 21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3;
        let mut c1 = (0.1734 - 0.000_393 * t) * (m * dr).sin() + 0.0021 * (2.0 * dr * m).sin();
        c1 = c1 - 0.4068 * (mpr * dr).sin() + 0.0161 * (dr * 2.0 * mpr).sin();
        c1 -= 0.0004 * (dr * 3.0 * mpr).sin();
        c1 = c1 + 0.0104 * (dr * 2.0 * f).sin() - 0.0051 * (dr * (m + mpr)).sin();
        c1 = c1 - 0.0074 * (dr * (m - mpr)).sin() + 0.0004 * (dr * (2.0 * f + m)).sin();
        c1 = c1 - 0.0004 * (dr * (2.0 * f - m)).sin() - 0.0006 * (dr * (2.0 * f + mpr)).sin();
        c1 = c1 + 0.0010 * (dr * (2.0 * f - mpr)).sin() + 0.0005 * (dr * (2.0 * mpr + m)).sin();
        let deltat = if t < -11.0 {
            0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
        } else {
            -0.000_278 + 0.000_265 * t + 0.000_262 * t2
        };
        jd1 + c1 - deltat
    }

    fn new_moon_day(k: i64) -> i64 {
        (new_moon(k as f64) + 0.5 + TZ / 24.0).floor() as i64
    }

    /// The sun's longitude at local midnight starting day `jdn`, as one of 12 sectors of 30°.
    fn sun_sector(jdn: i64) -> i64 {
        let jd = jdn as f64 - 0.5 - TZ / 24.0;
        let t = (jd - 2_451_545.0) / 36_525.0;
        let t2 = t * t;
        let dr = PI / 180.0;
        let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
        let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
        let mut dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * (dr * m).sin();
        dl = dl
            + (0.019_993 - 0.000_101 * t) * (dr * 2.0 * m).sin()
            + 0.000_290 * (dr * 3.0 * m).sin();
        let mut l = (l0 + dl) * dr;
        l -= PI * 2.0 * (l / (PI * 2.0)).floor();
        (l / PI * 6.0).floor() as i64
    }

    /// The day the 11th lunar month (the one holding the winter solstice) of `year` begins.
    fn month11(year: i32) -> Option<i64> {
        let off = jd_from_date(NaiveDate::from_ymd_opt(year, 12, 31)?) - 2_415_021;
        let k = (off as f64 / 29.530_588_853).floor() as i64;
        let nm = new_moon_day(k);
        if sun_sector(nm) >= 9 {
            Some(new_moon_day(k - 1))
        } else {
            Some(nm)
        }
    }

    /// Which month after month 11 is the leap month (the first without a major solar term).
    fn leap_offset(a11: i64) -> i64 {
        let k = ((a11 as f64 - 2_415_021.076_998_695) / 29.530_588_853 + 0.5).floor() as i64;
        let mut i = 1;
        let mut arc = sun_sector(new_moon_day(k + i));
        loop {
            let last = arc;
            i += 1;
            arc = sun_sector(new_moon_day(k + i));
            if arc == last || i >= 14 {
                break;
            }
        }
        i - 1
    }

    /// Mùng 1 Tết of `year` (the lunar year that starts in that Gregorian year).
    pub fn new_year(year: i32) -> Option<NaiveDate> {
        let a11 = month11(year - 1)?;
        let b11 = month11(year)?;
        let k = ((a11 as f64 - 2_415_021.076_998_695) / 29.530_588_853 + 0.5).floor() as i64;
        // A leap month 11 or 12 between the two solstice months pushes month 1 one later.
        let offset = if b11 - a11 > 365 && leap_offset(a11) <= 2 {
            3
        } else {
            2
        };
        date_from_jd(new_moon_day(k + offset))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn known_tet_days() {
            // Dates of mùng 1 Tết as published in Vietnamese calendars; 2030, 2007 and 1985
            // differ from the Chinese new year (the new moon falls between 23:00 and 24:00
            // Beijing time, or the months fall differently at UTC+7).
            for (y, m, d) in [
                (2020, 1, 25),
                (2021, 2, 12),
                (2022, 2, 1),
                (2023, 1, 22),
                (2024, 2, 10),
                (2025, 1, 29),
                (2026, 2, 17),
                (2027, 2, 6),
                (2028, 1, 26),
                (2029, 2, 13),
                (2030, 2, 2),
                (2007, 2, 17),
                (1985, 1, 21),
            ] {
                assert_eq!(new_year(y), NaiveDate::from_ymd_opt(y, m, d), "{y}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn status_prefers_closure_then_day_off_then_swap() {
        let mut c = Calendar {
            file: PathBuf::from("calendar.yaml"),
            rest: [false, false, false, false, false, true, true],
            years: [2026].into_iter().collect(),
            days_off: BTreeMap::new(),
            working: BTreeMap::new(),
            closures: BTreeMap::new(),
            sources: Vec::new(),
            years_span: Span::start(),
        };
        c.days_off.insert(
            d("2026-08-31"),
            DayOff {
                name: "Nghỉ hoán đổi".into(),
                kind: DayOffKind::Bridge,
            },
        );
        c.working.insert(d("2026-08-22"), d("2026-08-31"));
        c.closures
            .entry("x".into())
            .or_default()
            .insert(d("2026-08-24"), "chuyển trụ sở".into());
        assert_eq!(c.status(d("2026-08-22"), None), DayStatus::SwappedWorking);
        assert_eq!(c.status(d("2026-08-23"), None), DayStatus::Rest);
        assert!(matches!(c.status(d("2026-08-31"), None), DayStatus::Off(_)));
        assert_eq!(c.status(d("2026-08-24"), None), DayStatus::Working);
        assert_eq!(
            c.status(d("2026-08-24"), Some("x")),
            DayStatus::Closed("chuyển trụ sở")
        );
        assert_eq!(c.status(d("2027-01-04"), None), DayStatus::Unknown);
        assert_eq!(c.end_from(d("2026-03-01")), Some(d("2026-12-31")));
        assert_eq!(c.end_from(d("2027-03-01")), None);
        assert!(c.coverage(d("2026-06-01")).is_some());
        c.years.insert(2027);
        assert!(c.coverage(d("2026-06-01")).is_none());
        assert!(c.coverage(d("2027-01-02")).is_some());
    }
}
