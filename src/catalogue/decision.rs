//! Publishing decisions (quyết định công bố TTHC, NĐ 63/2010 Điều 13–15): the file kind
//! `decisions/<slug>.yaml` — its raw types (which also generate the JSON Schema), the rules
//! that need only the file, the model, and the rules that hold it against the catalogue.
//!
//! Kept in one module so the rest of the catalogue code only dispatches to it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, Weekday};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::model::Catalogue;
use super::raw::{DateText, HttpUrl, LegalBasis, Source};
use super::schema::closest;
use super::yaml::{Node, PathSeg};
use crate::diagnostics::{Diagnostic, Diagnostics, Span};

/// `catalogue/decisions/<slug>.yaml`: one publishing decision and the procedures it announces.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Quyết định công bố thủ tục hành chính (decisions/<mã>.yaml)")]
pub struct DecisionFile {
    #[schemars(
        description = "Số, ký hiệu quyết định, ví dụ \"2873/QĐ-UBND\" hoặc \"3152/QĐ-BTP\".",
        regex(pattern = r"^\d+/QĐ-[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$")
    )]
    pub number: String,
    #[serde(default)]
    #[schemars(
        description = "Trích yếu, ví dụ \"Về việc công bố Danh mục thủ tục hành chính mới ban hành, được sửa đổi, bổ sung… lĩnh vực Hộ tịch\"."
    )]
    pub title: Option<String>,
    #[schemars(description = "Người ký, cơ quan ban hành, ví dụ \"Chủ tịch UBND tỉnh Hà Tĩnh\".")]
    pub issuer: String,
    #[schemars(
        description = "Cấp ban hành: province (Chủ tịch UBND tỉnh) hoặc ministry (Bộ trưởng, Thủ trưởng cơ quan ngang bộ)."
    )]
    pub level: DecisionLevel,
    #[schemars(description = "Ngày ký (YYYY-MM-DD).")]
    pub signed: DateText,
    #[serde(default)]
    #[schemars(description = "Ngày có hiệu lực (YYYY-MM-DD).")]
    pub effective: Option<DateText>,
    #[serde(default)]
    #[schemars(description = "Đường dẫn tới toàn văn quyết định (kèm phụ lục).")]
    pub url: Option<HttpUrl>,
    #[serde(default)]
    #[schemars(
        description = "Số hiệu các văn bản quy phạm pháp luật mà quyết định này công bố thủ tục để thi hành (có trong legal/)."
    )]
    pub implements: Vec<String>,
    #[schemars(description = "Các thủ tục được công bố, mỗi dòng một thủ tục.")]
    pub items: Vec<DecisionItem>,
    #[serde(default)]
    #[schemars(description = "Ghi chú (Markdown).")]
    pub notes: Option<String>,
    #[serde(default)]
    #[schemars(description = "Nguồn của các thông tin trên.")]
    pub sources: Vec<Source>,
}

/// Who signs a decision; the deadline before the underlying law takes effect depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecisionLevel {
    /// Bộ trưởng, Thủ trưởng cơ quan ngang bộ.
    Ministry,
    /// Chủ tịch UBND cấp tỉnh.
    Province,
}

/// What a decision does to one procedure (the three tables of the annex).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// Mới ban hành.
    New,
    /// Sửa đổi, bổ sung, thay thế.
    Amended,
    /// Bị bãi bỏ.
    Abolished,
}

impl ItemKind {
    /// Every kind in the order of the annex.
    pub const ALL: [ItemKind; 3] = [ItemKind::New, ItemKind::Amended, ItemKind::Abolished];

    /// The annex heading of the kind.
    pub fn heading(self) -> &'static str {
        match self {
            ItemKind::New => "Danh mục thủ tục hành chính mới ban hành",
            ItemKind::Amended => "Danh mục thủ tục hành chính được sửa đổi, bổ sung, thay thế",
            ItemKind::Abolished => "Danh mục thủ tục hành chính bị bãi bỏ",
        }
    }

    /// A short label, e.g. for a history list.
    pub fn label(self) -> &'static str {
        match self {
            ItemKind::New => "Mới ban hành",
            ItemKind::Amended => "Sửa đổi, bổ sung, thay thế",
            ItemKind::Abolished => "Bãi bỏ",
        }
    }
}

/// A part of a procedure as NĐ 63/2010 Điều 8 lists them, in that order.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// Tên thủ tục.
    Name,
    /// Trình tự thực hiện.
    Steps,
    /// Cách thức thực hiện.
    Channels,
    /// Thành phần, số lượng hồ sơ.
    Papers,
    /// Thời hạn giải quyết.
    TimeLimit,
    /// Đối tượng thực hiện.
    Applicants,
    /// Cơ quan thực hiện.
    Agencies,
    /// Kết quả thực hiện.
    Result,
    /// Mẫu đơn, mẫu tờ khai.
    Forms,
    /// Yêu cầu, điều kiện.
    Conditions,
    /// Phí, lệ phí.
    Fees,
    /// Căn cứ pháp lý.
    LegalBasis,
}

impl Part {
    /// Every part, in the order of NĐ 63/2010 Điều 8.
    pub const ALL: [Part; 12] = [
        Part::Name,
        Part::Steps,
        Part::Channels,
        Part::Papers,
        Part::TimeLimit,
        Part::Applicants,
        Part::Agencies,
        Part::Result,
        Part::Forms,
        Part::Conditions,
        Part::Fees,
        Part::LegalBasis,
    ];

    /// The heading used in annexes and on pages.
    pub fn label(self) -> &'static str {
        match self {
            Part::Name => "Tên thủ tục",
            Part::Steps => "Trình tự thực hiện",
            Part::Channels => "Cách thức thực hiện",
            Part::Papers => "Thành phần, số lượng hồ sơ",
            Part::TimeLimit => "Thời hạn giải quyết",
            Part::Applicants => "Đối tượng thực hiện",
            Part::Agencies => "Cơ quan thực hiện",
            Part::Result => "Kết quả thực hiện",
            Part::Forms => "Mẫu đơn, mẫu tờ khai",
            Part::Conditions => "Yêu cầu, điều kiện thực hiện",
            Part::Fees => "Phí, lệ phí",
            Part::LegalBasis => "Căn cứ pháp lý",
        }
    }

    /// The name written in YAML (`time_limit`).
    pub fn key(self) -> &'static str {
        match self {
            Part::Name => "name",
            Part::Steps => "steps",
            Part::Channels => "channels",
            Part::Papers => "papers",
            Part::TimeLimit => "time_limit",
            Part::Applicants => "applicants",
            Part::Agencies => "agencies",
            Part::Result => "result",
            Part::Forms => "forms",
            Part::Conditions => "conditions",
            Part::Fees => "fees",
            Part::LegalBasis => "legal_basis",
        }
    }
}

/// One procedure announced by a decision.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionItem {
    #[schemars(
        description = "Mã thủ tục (d.dddddd) có trong procedures/.",
        regex(pattern = r"^\d\.\d{6}$")
    )]
    pub procedure: String,
    #[schemars(
        description = "new (mới ban hành), amended (sửa đổi, bổ sung, thay thế) hoặc abolished (bị bãi bỏ)."
    )]
    pub kind: ItemKind,
    #[serde(default)]
    #[schemars(
        description = "Những bộ phận được sửa đổi (bắt buộc với amended): name, steps, channels, papers, time_limit, applicants, agencies, result, forms, conditions, fees, legal_basis."
    )]
    pub parts: Vec<Part>,
    #[serde(default)]
    #[schemars(
        description = "Văn bản quy phạm pháp luật quy định nội dung mới ban hành hoặc sửa đổi (có trong legal/)."
    )]
    pub legal_basis: Vec<LegalBasis>,
    #[serde(default)]
    #[schemars(
        description = "Với thủ tục bị bãi bỏ: văn bản quy định việc bãi bỏ (có trong legal/)."
    )]
    pub abolished_by: Option<LegalBasis>,
    #[serde(default)]
    #[schemars(description = "Với thủ tục bị bãi bỏ: mã thủ tục thay thế, nếu có.")]
    pub replaced_by: Option<String>,
    #[serde(default)]
    #[schemars(description = "Ghi chú cho dòng này.")]
    pub note: Option<String>,
}

/// Positions the cross-file rules point at, taken while the file's tree is at hand.
#[derive(Debug, Clone, Default)]
pub struct DecisionSpans {
    /// `number`.
    pub number: Span,
    /// `signed`.
    pub signed: Span,
    /// Each item's `procedure` value.
    pub items: Vec<Span>,
    /// Each `implements` entry.
    pub implements: Vec<Span>,
}

/// A validated decision.
#[derive(Debug, Clone)]
pub struct Decision {
    /// File stem (used in URLs: `/cong-bo/<slug>/`).
    pub slug: String,
    /// Where it was defined.
    pub file: PathBuf,
    /// Its data as written.
    pub data: DecisionFile,
    /// `signed`, parsed.
    pub signed: NaiveDate,
    /// `effective`, parsed.
    pub effective: Option<NaiveDate>,
    /// Positions for later rules.
    pub spans: DecisionSpans,
}

impl std::ops::Deref for Decision {
    type Target = DecisionFile;
    fn deref(&self) -> &DecisionFile {
        &self.data
    }
}

impl Decision {
    /// The item about `code`, if any.
    pub fn item(&self, code: &str) -> Option<&DecisionItem> {
        self.items.iter().find(|i| i.procedure == code)
    }

    /// The order of decisions in time: signed, then effective, then number and slug.
    fn order_key(&self) -> (NaiveDate, Option<NaiveDate>, &str, &str) {
        (self.signed, self.effective, &self.number, &self.slug)
    }
}

/// Sorts decisions oldest first (the order `Catalogue::decisions` keeps).
pub fn sort(decisions: &mut [Decision]) {
    decisions.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
}

/// The decisions that name `code`, newest first, with the item about it.
pub fn history<'c>(c: &'c Catalogue, code: &str) -> Vec<(&'c Decision, &'c DecisionItem)> {
    c.decisions
        .iter()
        .rev()
        .filter_map(|d| d.item(code).map(|i| (d, i)))
        .collect()
}

/// A decision by slug or by number; several decisions may share a number (one per year).
pub fn find<'c>(c: &'c Catalogue, key: &str) -> Vec<&'c Decision> {
    match c.decisions.iter().find(|d| d.slug == key) {
        Some(d) => vec![d],
        None => c.decisions.iter().filter(|d| d.number == key).collect(),
    }
}

/// What a decision's own checks found: the decision (when usable), problems, and the
/// references the cross-file stage resolves.
#[derive(Debug, Default)]
pub struct FileOutcome {
    /// The decision, when its dates parse.
    pub decision: Option<Decision>,
    /// Problems found in the file alone.
    pub diags: Vec<Diagnostic>,
    /// Legal document numbers cited, with where.
    pub legal_refs: Vec<(String, Span)>,
    /// Procedure codes cited as replacements, with where.
    pub procedure_refs: Vec<(String, Span)>,
}

struct Cx<'a> {
    path: &'a Path,
    root: &'a Node,
    out: FileOutcome,
}

impl Cx<'_> {
    fn at(&self, path: &[PathSeg]) -> Span {
        self.root.locate(path).0.span
    }

    fn key_at(&self, parent: &[PathSeg], key: &str) -> Span {
        let (node, found) = self.root.locate(parent);
        match node.key_span(key) {
            Some(s) if found => s,
            _ => node.span,
        }
    }

    fn date(&mut self, value: &str, path: &[PathSeg]) -> Option<NaiveDate> {
        let parsed = (value.len() == 10)
            .then(|| NaiveDate::parse_from_str(value, "%Y-%m-%d").ok())
            .flatten();
        if parsed.is_none() {
            let span = self.at(path);
            self.out.diags.push(
                Diagnostic::error(
                    self.path,
                    span,
                    "bad-date",
                    format!("ngày `{value}` không hợp lệ"),
                )
                .with_hint(
                    "viết ngày dạng YYYY-MM-DD, ví dụ \"2025-07-01\", và kiểm tra ngày có thật",
                ),
            );
        }
        parsed
    }
}

fn key(k: &str) -> PathSeg {
    PathSeg::Key(k.to_string())
}

/// Runs the rules that need only this file; `d` has passed the schema check.
pub fn check_file(path: &Path, root: &Node, slug: &str, d: DecisionFile) -> FileOutcome {
    let mut cx = Cx {
        path,
        root,
        out: FileOutcome::default(),
    };
    if !crate::catalogue::validate::is_slug(slug) {
        cx.out.diags.push(
            Diagnostic::error(
                path,
                Span::start(),
                "bad-file-name",
                format!("tên tệp `{slug}` không dùng được làm địa chỉ trang quyết định"),
            )
            .with_hint("đặt tên tệp bằng chữ thường không dấu nối bằng gạch ngang, có năm ký, ví dụ 2873-qd-ubnd-2025.yaml"),
        );
    }
    let signed = cx.date(&d.signed, &[key("signed")]);
    let effective = d
        .effective
        .as_ref()
        .and_then(|e| cx.date(e, &[key("effective")]));
    if let (Some(s), Some(e)) = (signed, effective) {
        if e < s {
            let span = cx.at(&[key("effective")]);
            cx.out.diags.push(
                Diagnostic::error(
                    path,
                    span,
                    "date-order",
                    "ngày hiệu lực của quyết định trước ngày ký".to_string(),
                )
                .with_hint("kiểm tra lại `signed` và `effective` theo bản quyết định đã ký"),
            );
        }
    }
    for (i, s) in d.sources.iter().enumerate() {
        if let Some(a) = &s.accessed {
            cx.date(a, &[key("sources"), PathSeg::Index(i), key("accessed")]);
        }
    }
    let mut spans = DecisionSpans {
        number: cx.at(&[key("number")]),
        signed: cx.at(&[key("signed")]),
        ..DecisionSpans::default()
    };
    for (i, n) in d.implements.iter().enumerate() {
        let span = cx.at(&[key("implements"), PathSeg::Index(i)]);
        spans.implements.push(span);
        cx.out.legal_refs.push((n.clone(), span));
    }
    for (i, item) in d.items.iter().enumerate() {
        let base = [key("items"), PathSeg::Index(i)];
        spans
            .items
            .push(cx.at(&[base[0].clone(), base[1].clone(), key("procedure")]));
        if item.kind == ItemKind::Amended && item.parts.is_empty() {
            let span = cx.at(&[base[0].clone(), base[1].clone(), key("kind")]);
            cx.out.diags.push(
                Diagnostic::error(
                    path,
                    span,
                    "amended-without-parts",
                    format!(
                        "thủ tục {} được sửa đổi nhưng không ghi bộ phận nào thay đổi",
                        item.procedure
                    ),
                )
                .with_hint("thêm `parts: [...]` theo quyết định, ví dụ `parts: [papers, fees]` (các bộ phận theo Điều 8 Nghị định 63/2010/NĐ-CP)"),
            );
        }
        for (j, lb) in item.legal_basis.iter().enumerate() {
            let span = cx.at(&[
                base[0].clone(),
                base[1].clone(),
                key("legal_basis"),
                PathSeg::Index(j),
                key("document"),
            ]);
            cx.out.legal_refs.push((lb.document.clone(), span));
        }
        if let Some(lb) = &item.abolished_by {
            let span = cx.at(&[
                base[0].clone(),
                base[1].clone(),
                key("abolished_by"),
                key("document"),
            ]);
            cx.out.legal_refs.push((lb.document.clone(), span));
        }
        if let Some(r) = &item.replaced_by {
            let span = cx.at(&[base[0].clone(), base[1].clone(), key("replaced_by")]);
            cx.out.procedure_refs.push((r.clone(), span));
        }
    }
    if d.items.is_empty() {
        let span = cx.key_at(&[], "items");
        cx.out.diags.push(
            Diagnostic::error(
                path,
                span,
                "empty-list",
                "quyết định không công bố thủ tục nào".to_string(),
            )
            .with_hint("liệt kê các thủ tục trong `items`, mỗi dòng có `procedure` và `kind`"),
        );
    }
    let Some(signed) = signed else {
        return cx.out;
    };
    cx.out.decision = Some(Decision {
        slug: slug.to_string(),
        file: path.to_path_buf(),
        data: d,
        signed,
        effective,
        spans,
    });
    cx.out
}

/// Working days from `from` (not counted, BLDS 2015 Điều 147) up to the day before `to`.
/// Days off, compensatory and swapped days come from the catalogue's calendar for the years
/// it covers; outside them only Saturdays and Sundays are rest days.
pub fn working_days_between(
    from: NaiveDate,
    to: NaiveDate,
    calendar: Option<&super::calendar::Calendar>,
) -> i64 {
    use super::calendar::DayStatus;
    let mut n = 0;
    let mut d = from;
    while let Some(next) = d.succ_opt() {
        if next >= to {
            break;
        }
        d = next;
        let working = match calendar.map(|c| c.status(d, None)) {
            Some(DayStatus::Unknown) | None => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
            Some(status) => status.is_working(),
        };
        if working {
            n += 1;
        }
    }
    n
}

/// The rules that hold decisions against the catalogue: unknown codes, abolished procedures
/// still current, procedure versions that disagree with their latest decision, late
/// decisions, duplicate numbers.
/// A procedure whose own file has errors is not reported again as unknown: its errors
/// already explain why it is missing.
pub fn check_catalogue(c: &Catalogue, diags: &mut Diagnostics) {
    let broken: std::collections::BTreeSet<String> = diags
        .items()
        .iter()
        .filter(|d| d.severity == crate::diagnostics::Severity::Error)
        .filter(|d| d.file.components().any(|p| p.as_os_str() == "procedures"))
        .filter_map(|d| d.file.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    let mut seen: BTreeMap<(&str, i32), &Decision> = BTreeMap::new();
    for d in &c.decisions {
        // A number is unique per issuer and year; the same number recurs every year.
        let k = (d.number.as_str(), d.signed.year());
        if let Some(first) = seen.get(&k) {
            diags.push(
                Diagnostic::error(
                    &d.file,
                    d.spans.number,
                    "duplicate-decision",
                    format!(
                        "quyết định {} năm {} đã được khai báo ở {}",
                        d.number,
                        d.signed.year(),
                        shown(c, &first.file)
                    ),
                )
                .with_hint(
                    "mỗi quyết định chỉ có một tệp; gộp các dòng vào một tệp và xoá tệp kia",
                ),
            );
        } else {
            seen.insert(k, d);
        }
        for (i, item) in d.items.iter().enumerate() {
            let span = d.spans.items.get(i).copied().unwrap_or_else(Span::start);
            if c.procedure(&item.procedure).is_none() && !broken.contains(&item.procedure) {
                let hint = match closest(
                    &item.procedure,
                    c.procedures.iter().map(|p| p.code.as_str()),
                ) {
                    Some(s) => format!("có phải ý bạn là `{s}`? Nếu không: tạo procedures/<lĩnh-vực>/{}.yaml trước khi ghi quyết định", item.procedure),
                    None => format!("tạo procedures/<lĩnh-vực>/{}.yaml trước khi ghi quyết định, hoặc sửa mã cho đúng", item.procedure),
                };
                diags.push(
                    Diagnostic::error(
                        &d.file,
                        span,
                        "decision-unknown-procedure",
                        format!("không có thủ tục `{}` trong danh mục", item.procedure),
                    )
                    .with_hint(hint),
                );
            }
        }
        check_deadline(c, d, diags);
    }
    check_latest(c, diags);
}

/// A file's path relative to the catalogue, as a hint names it.
fn shown(c: &Catalogue, file: &Path) -> String {
    file.strip_prefix(&c.root)
        .unwrap_or(file)
        .display()
        .to_string()
}

/// NĐ 63/2010 Điều 15 (as amended by NĐ 48/2013): a province announces at least 5 working
/// days, a ministry at least 20, before the document it implements takes effect.
fn check_deadline(c: &Catalogue, d: &Decision, diags: &mut Diagnostics) {
    let needed = match d.level {
        DecisionLevel::Province => 5,
        DecisionLevel::Ministry => 20,
    };
    for (i, number) in d.implements.iter().enumerate() {
        let Some(doc) = c.legal.get(number) else {
            continue;
        };
        let Some(from) = doc.from else {
            continue;
        };
        let days = working_days_between(d.signed, from, c.calendar.as_ref());
        if days >= needed {
            continue;
        }
        let span = d.spans.implements.get(i).copied().unwrap_or(d.spans.signed);
        let when = if d.signed >= from {
            format!(
                "quyết định ký ngày {} khi văn bản {number} đã có hiệu lực (từ {})",
                d.signed.format("%d/%m/%Y"),
                from.format("%d/%m/%Y")
            )
        } else {
            format!(
                "quyết định ký ngày {}, chỉ {days} ngày làm việc trước khi văn bản {number} có hiệu lực ({}); cần ít nhất {needed}",
                d.signed.format("%d/%m/%Y"),
                from.format("%d/%m/%Y")
            )
        };
        diags.push(
            Diagnostic::warning(&d.file, span, "late-decision", when).with_hint(format!(
                "Điều 15 Nghị định 63/2010/NĐ-CP (sửa đổi bởi Nghị định 48/2013/NĐ-CP): quyết định công bố phải ban hành chậm nhất {needed} ngày làm việc trước ngày văn bản có hiệu lực (trừ ngày nghỉ theo calendar.yaml; năm lịch chưa có thì chỉ trừ thứ Bảy, Chủ nhật); kiểm tra lại ngày ký"
            )),
        );
    }
}

/// Each procedure's latest decision must be the one its `version` names, and a procedure
/// that decision abolishes must be marked abolished.
fn check_latest(c: &Catalogue, diags: &mut Diagnostics) {
    let mut latest: BTreeMap<&str, (&Decision, usize)> = BTreeMap::new();
    for d in &c.decisions {
        // Sorted oldest first: a later decision replaces an earlier one.
        for (i, item) in d.items.iter().enumerate() {
            latest.insert(item.procedure.as_str(), (d, i));
        }
    }
    for (code, (d, i)) in latest {
        let Some(p) = c.procedure(code) else {
            continue;
        };
        let item = &d.items[i];
        let item_span = d.spans.items.get(i).copied().unwrap_or_else(Span::start);
        if item.kind == ItemKind::Abolished && !p.is_abolished() {
            diags.push(
                Diagnostic::error(
                    &d.file,
                    item_span,
                    "abolished-still-current",
                    format!(
                        "quyết định {} bãi bỏ thủ tục {code} nhưng thủ tục vẫn đang được công bố là hiện hành",
                        d.number
                    ),
                )
                .with_hint(format!(
                    "trong {} ghi `version: {{decision: \"{}\", change: abolished, replaced_by: …}}`",
                    shown(c, &p.file),
                    d.number
                )),
            );
        }
        if p.version.decision != d.number {
            let msg = format!(
                "phiên bản ghi quyết định {} nhưng quyết định công bố gần nhất của thủ tục là {} ({})",
                p.version.decision, d.number, d.slug
            );
            let signed = d.signed.format("%Y-%m-%d");
            let span = super::load::read_and_parse(&p.file)
                .ok()
                .map(|n| n.locate(&[key("version"), key("decision")]).0.span)
                .unwrap_or_else(Span::start);
            diags.push(
                Diagnostic::error(&p.file, span, "decision-version-mismatch", msg).with_hint(
                    format!(
                        "cập nhật `version` theo quyết định mới nhất: decision: \"{}\", signed: \"{signed}\" (xem {})",
                        d.number,
                        shown(c, &d.file)
                    ),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn working_days_skip_weekends_and_the_first_day() {
        // Mon 10/11/2025 → Mon 17/11/2025: Tue–Fri count, the signing day does not.
        assert_eq!(
            working_days_between(day(2025, 11, 10), day(2025, 11, 17), None),
            4
        );
        // Fri 7/11 → Mon 17/11: Mon 10 … Fri 14.
        assert_eq!(
            working_days_between(day(2025, 11, 7), day(2025, 11, 17), None),
            5
        );
        assert_eq!(
            working_days_between(day(2025, 11, 17), day(2025, 11, 10), None),
            0
        );
    }

    #[test]
    fn working_days_also_skip_the_calendar_s_days_off() {
        let c = crate::catalogue::testing::shipped(&Default::default());
        let calendar = c.calendar.as_ref();
        assert!(calendar.is_some(), "the shipped catalogue has a calendar");
        // Tue 28/4/2026 → Mon 4/5/2026: Wed 29 works; 30/4 and 1/5 are holidays, then the
        // weekend. Without the calendar, Thu and Fri would count too.
        assert_eq!(
            working_days_between(day(2026, 4, 28), day(2026, 5, 4), calendar),
            1
        );
        assert_eq!(
            working_days_between(day(2026, 4, 28), day(2026, 5, 4), None),
            3
        );
    }

    #[test]
    fn parts_are_in_decree_order_with_their_keys() {
        let keys: Vec<&str> = Part::ALL.iter().map(|p| p.key()).collect();
        assert_eq!(keys[0], "name");
        assert_eq!(keys[11], "legal_basis");
        let mut sorted = Part::ALL;
        sorted.sort();
        assert_eq!(sorted, Part::ALL);
        for p in Part::ALL {
            let json = serde_json::to_value(p).unwrap();
            assert_eq!(json.as_str(), Some(p.key()));
        }
    }

    #[test]
    fn slugs_are_lowercase_ascii() {
        assert!(crate::catalogue::validate::is_slug("2873-qd-ubnd-2025"));
        assert!(!crate::catalogue::validate::is_slug("2873-QĐ-UBND"));
    }
}
