//! The annex of a publishing decision, in the layout provinces publish (TT 02/2017/TT-VPCP):
//! Phần I. Danh mục — grouped by kind of change, then level, then sector — and Phần II. Nội
//! dung cụ thể, each procedure's content in the order of NĐ 63/2010 Điều 8. One model, written
//! out as .docx (`publication::docx`) and as a print page in the site.
//!
//! Time limits and fees are the procedure page's own sentences (`site::views`), not a second
//! rendering of the same data.

use serde::Serialize;

use crate::catalogue::decision::{Decision, DecisionItem, ItemKind, Part};
use crate::catalogue::model::{Catalogue, LegalBasis, Level, Procedure};
use crate::catalogue::validate::Changed;
use crate::site::views::{
    channel_name, count_text, date_text_vi, fee_text, level_name, time_limit_text,
};
use crate::text::markdown_text;

/// Columns of the Danh mục table for new and amended procedures.
pub const CURRENT_COLUMNS: [&str; 7] = [
    "STT",
    "Mã TTHC",
    "Tên thủ tục hành chính",
    "Thời hạn giải quyết",
    "Địa điểm thực hiện",
    "Phí, lệ phí (nếu có)",
    "Căn cứ pháp lý",
];

/// Columns of the Danh mục table for abolished procedures.
pub const ABOLISHED_COLUMNS: [&str; 6] = [
    "STT",
    "Mã TTHC",
    "Tên thủ tục hành chính bị bãi bỏ",
    "Tên VBQPPL quy định việc bãi bỏ",
    "Lĩnh vực",
    "Cơ quan thực hiện",
];

/// A whole annex.
#[derive(Debug, Clone, Serialize)]
pub struct Annex {
    /// "PHỤ LỤC" heading line.
    pub title: String,
    /// The line under it: which decision, or the catalogue as a whole.
    pub subtitle: String,
    /// Phần I.
    pub list: Vec<KindGroup>,
    /// Phần II: new and amended procedures, in the order of Phần I.
    pub contents: Vec<ProcedureContent>,
}

/// Phần I for one kind of change.
#[derive(Debug, Clone, Serialize)]
pub struct KindGroup {
    /// "I." …
    pub number: String,
    /// The kind (absent for the whole-catalogue annex).
    pub kind: Option<ItemKind>,
    /// Its heading.
    pub heading: String,
    /// The table's columns.
    pub columns: Vec<&'static str>,
    /// By level.
    pub levels: Vec<LevelGroup>,
}

/// Procedures of one level within a kind.
#[derive(Debug, Clone, Serialize)]
pub struct LevelGroup {
    /// "A", "B", …
    pub letter: String,
    /// "Thủ tục hành chính cấp tỉnh".
    pub heading: String,
    /// By sector.
    pub sectors: Vec<SectorGroup>,
}

/// Procedures of one sector within a level.
#[derive(Debug, Clone, Serialize)]
pub struct SectorGroup {
    /// "I", "II", …
    pub roman: String,
    /// "Lĩnh vực Hộ tịch".
    pub heading: String,
    /// One row per procedure, cells in column order.
    pub rows: Vec<Vec<String>>,
}

/// Phần II for one procedure.
#[derive(Debug, Clone, Serialize)]
pub struct ProcedureContent {
    /// Its number in Phần II.
    pub number: usize,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
    /// What the decision changed, for amended procedures.
    pub changed: Option<String>,
    /// The parts, in NĐ 63 Điều 8 order (name excepted: it is the heading).
    pub sections: Vec<Section>,
}

/// One part of a procedure's content.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// Its heading.
    pub heading: &'static str,
    /// Paragraphs and tables.
    pub blocks: Vec<Block>,
}

/// A paragraph or a table.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph of plain text.
    Text {
        /// Its text.
        text: String,
    },
    /// A table with a header row.
    Table {
        /// Column headings.
        header: Vec<String>,
        /// Rows.
        rows: Vec<Vec<String>>,
    },
}

fn text(s: impl Into<String>) -> Block {
    Block::Text { text: s.into() }
}

const ROMAN: [&str; 20] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI", "XVII", "XVIII", "XIX", "XX",
];

fn roman(i: usize) -> String {
    ROMAN
        .get(i)
        .map(|s| s.to_string())
        .unwrap_or_else(|| (i + 1).to_string())
}

/// The level a procedure is listed under: the first it names.
fn primary_level(p: &Procedure) -> Level {
    p.levels.first().copied().unwrap_or(Level::Other)
}

/// Annex levels in the order provinces use: province, commune, then the rest.
const LEVEL_ORDER: [Level; 5] = [
    Level::Province,
    Level::Commune,
    Level::District,
    Level::Ministry,
    Level::Other,
];

/// A legal document as an annex cites it: "khoản 2 Điều 16 Luật Hộ tịch số 60/2014/QH13",
/// "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ".
pub fn basis_text(c: &Catalogue, b: &LegalBasis) -> String {
    let doc = match c.legal.get(&b.document) {
        Some(d) if d.kind == "Luật" || d.kind == "Bộ luật" => {
            format!("{} số {}", d.title, d.number)
        }
        Some(d) => format!(
            "{} số {} ngày {} của {}",
            d.kind,
            d.number,
            date_text_vi(&d.signed),
            d.issuer
        ),
        None => b.document.clone(),
    };
    match &b.article {
        Some(a) => format!("{a} {doc}"),
        None => doc,
    }
}

fn agency_name(c: &Catalogue, id: &str) -> String {
    c.agencies
        .get(id)
        .map(|a| a.name.clone())
        .unwrap_or_else(|| id.to_string())
}

/// The "Thời hạn giải quyết" cell: the normal-case limit of each channel, once when all agree.
fn time_cell(p: &Procedure) -> String {
    let per: Vec<(String, String)> = p
        .channels
        .iter()
        .filter_map(|ch| {
            ch.time_limits
                .first()
                .map(|t| (channel_name(ch.kind).to_string(), time_limit_text(t)))
        })
        .collect();
    let first = per.first().map(|(_, t)| t.clone());
    match first {
        None => "Chưa có thông tin".to_string(),
        Some(t) if per.iter().all(|(_, x)| *x == t) => t,
        Some(_) => per
            .iter()
            .map(|(ch, t)| format!("{ch}: {t}"))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// The "Phí, lệ phí" cell: each distinct fee sentence, or "Chưa có thông tin".
fn fee_cell(p: &Procedure) -> String {
    let mut lines: Vec<String> = Vec::new();
    for ch in &p.channels {
        for f in &ch.fees {
            let t = fee_text(f);
            if !lines.contains(&t) {
                lines.push(t);
            }
        }
    }
    if lines.is_empty() {
        "Chưa có thông tin".to_string()
    } else {
        lines.join("\n")
    }
}

fn place_cell(c: &Catalogue, p: &Procedure) -> String {
    let ids = if p.offices.is_empty() {
        &p.agencies.executing
    } else {
        &p.offices
    };
    ids.iter()
        .map(|id| agency_name(c, id))
        .collect::<Vec<_>>()
        .join("; ")
}

fn basis_cell(c: &Catalogue, items: &[LegalBasis]) -> String {
    items
        .iter()
        .map(|b| format!("- {}", basis_text(c, b)))
        .collect::<Vec<_>>()
        .join("\n")
}

fn sector_name(c: &Catalogue, id: &str) -> String {
    c.sector(id)
        .map(|s| s.name.clone())
        .unwrap_or_else(|| id.to_string())
}

/// A procedure with what the decision says about it.
struct Entry<'a> {
    p: &'a Procedure,
    item: Option<&'a DecisionItem>,
}

fn row(c: &Catalogue, kind: Option<ItemKind>, e: &Entry, stt: usize) -> Vec<String> {
    let p = e.p;
    if kind == Some(ItemKind::Abolished) {
        let by = e
            .item
            .and_then(|i| i.abolished_by.as_ref())
            .map(|b| basis_text(c, b))
            .unwrap_or_else(|| "Chưa có thông tin".to_string());
        return vec![
            stt.to_string(),
            p.code.clone(),
            p.name.clone(),
            by,
            sector_name(c, &p.sector),
            agency_name(c, &p.agencies.competent),
        ];
    }
    // An item's own legal basis is what changed; the procedure's is the full basis.
    let basis = match e.item {
        Some(i) if !i.legal_basis.is_empty() => basis_cell(c, &i.legal_basis),
        _ => basis_cell(c, &p.legal_basis),
    };
    vec![
        stt.to_string(),
        p.code.clone(),
        p.name.clone(),
        time_cell(p),
        place_cell(c, p),
        fee_cell(p),
        basis,
    ]
}

fn kind_group(
    c: &Catalogue,
    number: usize,
    kind: Option<ItemKind>,
    entries: &[Entry],
) -> Option<KindGroup> {
    if entries.is_empty() {
        return None;
    }
    let mut levels = Vec::new();
    for level in LEVEL_ORDER {
        let at_level: Vec<&Entry> = entries
            .iter()
            .filter(|e| primary_level(e.p) == level)
            .collect();
        if at_level.is_empty() {
            continue;
        }
        let mut sectors = Vec::new();
        // Sectors in the order of sectors.yaml, then any unknown ones by id.
        let mut ids: Vec<&str> = c.sectors.iter().map(|s| s.id.as_str()).collect();
        for e in &at_level {
            if !ids.contains(&e.p.sector.as_str()) {
                ids.push(&e.p.sector);
            }
        }
        for id in ids {
            let mut in_sector: Vec<&&Entry> =
                at_level.iter().filter(|e| e.p.sector == id).collect();
            if in_sector.is_empty() {
                continue;
            }
            in_sector.sort_by(|a, b| a.p.code.cmp(&b.p.code));
            let rows = in_sector
                .iter()
                .enumerate()
                .map(|(i, e)| row(c, kind, e, i + 1))
                .collect();
            sectors.push(SectorGroup {
                roman: roman(sectors.len()),
                heading: format!("Lĩnh vực {}", sector_name(c, id)),
                rows,
            });
        }
        let letter = char::from(b'A' + levels.len() as u8).to_string();
        levels.push(LevelGroup {
            letter,
            heading: format!("Thủ tục hành chính {}", level_name(level).to_lowercase()),
            sectors,
        });
    }
    Some(KindGroup {
        number: roman(number),
        kind,
        heading: kind
            .map(|k| k.heading().to_string())
            .unwrap_or_else(|| "Danh mục thủ tục hành chính".to_string()),
        columns: match kind {
            Some(ItemKind::Abolished) => ABOLISHED_COLUMNS.to_vec(),
            _ => CURRENT_COLUMNS.to_vec(),
        },
        levels,
    })
}

/// Phần II for one procedure, in NĐ 63 Điều 8 order.
pub fn content(
    c: &Catalogue,
    p: &Procedure,
    number: usize,
    item: Option<&DecisionItem>,
) -> ProcedureContent {
    // Reads the parts a summary drops: callers pass `Catalogue::full`'s procedure.
    debug_assert!(!p.is_summary(), "{} is a summary", p.code);
    let mut sections = Vec::new();
    let mut push = |part: Part, blocks: Vec<Block>| {
        sections.push(Section {
            heading: part.label(),
            blocks,
        })
    };
    push(
        Part::Steps,
        p.steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut t = format!("Bước {}: {}", i + 1, s.title);
                if let Some(x) = &s.text {
                    t.push_str(". ");
                    t.push_str(&markdown_text(x));
                }
                text(t)
            })
            .collect(),
    );
    push(
        Part::Channels,
        p.channels
            .iter()
            .map(|ch| {
                let mut t = format!("- {}", channel_name(ch.kind));
                if let Some(d) = &ch.description {
                    t.push_str(": ");
                    t.push_str(d);
                }
                if let Some(u) = &ch.url {
                    t.push_str(&format!(" ({u})"));
                }
                text(t)
            })
            .collect(),
    );
    let mut papers = Vec::new();
    for g in &p.papers {
        if let Some(case) = &g.case {
            papers.push(text(format!("* {case}:")));
        }
        papers.push(Block::Table {
            header: vec![
                "Tên giấy tờ".to_string(),
                "Mẫu đơn, tờ khai".to_string(),
                "Số lượng".to_string(),
            ],
            rows: g
                .items
                .iter()
                .map(|paper| {
                    let mut name = paper.name.clone();
                    if !paper.required {
                        name.push_str(" (nếu có)");
                    }
                    vec![
                        name,
                        paper
                            .form
                            .as_ref()
                            .map(|f| f.code.clone())
                            .unwrap_or_default(),
                        count_text(paper.originals, paper.copies, paper.handling),
                    ]
                })
                .collect(),
        });
    }
    if let Some(n) = p.dossier_sets {
        papers.push(text(format!("Số lượng hồ sơ: {n} bộ.")));
    }
    push(Part::Papers, papers);
    let mut limits = Vec::new();
    for ch in &p.channels {
        for t in &ch.time_limits {
            let mut s = format!("- {}: {}", channel_name(ch.kind), time_limit_text(t));
            if let Some(cond) = &t.condition {
                s.push_str(&format!(" ({cond})"));
            }
            limits.push(text(s));
        }
    }
    push(Part::TimeLimit, limits);
    push(
        Part::Applicants,
        p.applicants
            .iter()
            .map(|a| text(format!("- {a}")))
            .collect(),
    );
    let a = &p.agencies;
    let mut agencies = vec![text(format!(
        "- Cơ quan có thẩm quyền quyết định: {}",
        agency_name(c, &a.competent)
    ))];
    for (label, list) in [
        ("Cơ quan trực tiếp thực hiện", &a.executing),
        ("Cơ quan được ủy quyền hoặc phân cấp", &a.delegated),
        ("Cơ quan phối hợp", &a.coordinating),
    ] {
        if !list.is_empty() {
            let names: Vec<String> = list.iter().map(|id| agency_name(c, id)).collect();
            agencies.push(text(format!("- {label}: {}", names.join("; "))));
        }
    }
    push(Part::Agencies, agencies);
    let mut result = vec![text(p.result.name.clone())];
    if let Some(d) = &p.result.description {
        result.push(text(markdown_text(d)));
    }
    push(Part::Result, result);
    let mut fees = Vec::new();
    for ch in &p.channels {
        for f in &ch.fees {
            fees.push(text(format!(
                "- {}: {}",
                channel_name(ch.kind),
                fee_text(f)
            )));
        }
    }
    if fees.is_empty() {
        fees.push(text("Chưa có thông tin"));
    }
    let mut forms = Vec::new();
    for g in &p.papers {
        for paper in &g.items {
            if let Some(f) = &paper.form {
                let mut s = format!("- {} ({})", f.code, paper.name);
                if let Some(doc) = &f.issued_by {
                    s.push_str(&format!(
                        ", ban hành kèm theo {}",
                        basis_text(
                            c,
                            &LegalBasis {
                                document: doc.clone(),
                                article: None
                            }
                        )
                    ));
                }
                forms.push(text(s));
            }
        }
    }
    if forms.is_empty() {
        forms.push(text("Không có"));
    }
    push(Part::Forms, forms);
    let mut conditions: Vec<Block> = p
        .conditions
        .iter()
        .map(|x| text(format!("- {}", x.text)))
        .collect();
    if conditions.is_empty() {
        conditions.push(text("Không có"));
    }
    push(Part::Conditions, conditions);
    push(Part::Fees, fees);
    push(
        Part::LegalBasis,
        p.legal_basis
            .iter()
            .map(|b| text(format!("- {}", basis_text(c, b))))
            .collect(),
    );
    let changed = item.filter(|i| i.kind == ItemKind::Amended).map(|i| {
        let parts: Vec<&str> = i.parts.iter().map(|p| p.label()).collect();
        format!("Nội dung sửa đổi, bổ sung: {}", parts.join("; "))
    });
    ProcedureContent {
        number,
        code: p.code.clone(),
        name: p.name.clone(),
        changed,
        sections,
    }
}

fn build(
    c: &Catalogue,
    title: String,
    subtitle: String,
    groups: Vec<(Option<ItemKind>, Vec<Entry>)>,
) -> Result<Annex, Changed> {
    let list = list(c, &groups);
    // Phần II follows Phần I: kind, level, sector, code; abolished procedures have no content.
    let mut contents = Vec::new();
    for g in &list {
        if g.kind == Some(ItemKind::Abolished) {
            continue;
        }
        for lvl in &g.levels {
            for s in &lvl.sectors {
                for r in &s.rows {
                    let Some(code) = r.get(1) else { continue };
                    let Some(entry) = groups
                        .iter()
                        .filter(|(k, _)| *k == g.kind)
                        .flat_map(|(_, es)| es.iter())
                        .find(|e| e.p.code == *code)
                    else {
                        continue;
                    };
                    // Phần II shows everything: the whole procedure, read again when the
                    // catalogue holds a summary.
                    let p = c.full(entry.p)?;
                    contents.push(content(c, &p, contents.len() + 1, entry.item));
                }
            }
        }
    }
    Ok(Annex {
        title,
        subtitle,
        list,
        contents,
    })
}

/// Phần I: the groups of rows, numbered in order.
fn list(c: &Catalogue, groups: &[(Option<ItemKind>, Vec<Entry>)]) -> Vec<KindGroup> {
    let mut list = Vec::new();
    for (kind, entries) in groups {
        if let Some(g) = kind_group(c, list.len(), *kind, entries) {
            list.push(g);
        }
    }
    list
}

/// Phần I of one decision's annex alone (the decision pages show it; only the print page
/// needs Phần II, which reads each whole procedure).
pub fn decision_list(c: &Catalogue, d: &Decision) -> Vec<KindGroup> {
    list(c, &decision_groups(c, d))
}

/// A decision's items that are in the catalogue, by kind.
fn decision_groups<'c>(
    c: &'c Catalogue,
    d: &'c Decision,
) -> Vec<(Option<ItemKind>, Vec<Entry<'c>>)> {
    ItemKind::ALL
        .iter()
        .map(|&k| {
            let entries = d
                .items
                .iter()
                .filter(|i| i.kind == k)
                .filter_map(|i| {
                    c.procedure(&i.procedure)
                        .map(|p| Entry { p, item: Some(i) })
                })
                .collect();
            (Some(k), entries)
        })
        .collect()
}

/// The annex of one decision: its items that are in the catalogue.
pub fn for_decision(c: &Catalogue, d: &Decision) -> Result<Annex, Changed> {
    let groups = decision_groups(c, d);
    let mut subtitle = format!(
        "(Kèm theo Quyết định số {} ngày {} của {})",
        d.number,
        d.signed.format("%d/%m/%Y"),
        d.issuer
    );
    if let Some(t) = &d.title {
        subtitle = format!("{t}\n{subtitle}");
    }
    build(c, "PHỤ LỤC".to_string(), subtitle, groups)
}

/// The annex of the whole current catalogue (danh mục TTHC): every procedure not abolished.
pub fn for_catalogue(c: &Catalogue) -> Result<Annex, Changed> {
    let entries = c
        .procedures
        .iter()
        .filter(|p| !p.is_abolished())
        .map(|p| Entry { p, item: None })
        .collect();
    let subtitle = format!(
        "Danh mục thủ tục hành chính đang áp dụng — {}",
        c.site.province
    );
    build(c, "PHỤ LỤC".to_string(), subtitle, vec![(None, entries)])
}

impl Annex {
    /// Every Phần I row, in order, with its group's columns.
    pub fn rows(&self) -> impl Iterator<Item = (&KindGroup, &Vec<String>)> {
        self.list.iter().flat_map(|g| {
            g.levels
                .iter()
                .flat_map(|l| l.sectors.iter())
                .flat_map(move |s| s.rows.iter().map(move |r| (g, r)))
        })
    }
}
