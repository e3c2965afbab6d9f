//! The comparison of two catalogues behind `motcua diff`: procedures added, removed,
//! abolished and amended, and for amended ones the changed parts (NĐ 63/2010 Điều 8) with old
//! and new values. Time limits and fees are compared as the sentences the procedure page
//! shows, so a reviewer reads the same words as citizens.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;

use super::annex::basis_text;
use crate::catalogue::decision::{ItemKind, Part};
use crate::catalogue::model::{Catalogue, ChannelKind, Procedure};
use crate::site::views::{channel_name, count_text, fee_text, time_limit_text};
use crate::text::markdown_text;

/// Everything that differs between two catalogues.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct CatalogueDiff {
    /// Procedures only in the new catalogue (and not abolished there).
    pub added: Vec<ProcedureRef>,
    /// Procedures only in the old catalogue (their file was deleted).
    pub removed: Vec<ProcedureRef>,
    /// Procedures current in the old catalogue and abolished in the new one.
    pub abolished: Vec<Abolished>,
    /// Procedures whose parts changed.
    pub amended: Vec<Amended>,
    /// Procedures where only fields outside the NĐ 63 parts changed (summary, sources, …).
    pub other: Vec<OtherChange>,
}

impl CatalogueDiff {
    /// True when the two catalogues hold the same procedures with the same content.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.abolished.is_empty()
            && self.amended.is_empty()
            && self.other.is_empty()
    }
}

/// A procedure named in a diff.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ProcedureRef {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
}

/// A procedure that became abolished.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Abolished {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// The decision the new version names.
    pub decision: String,
    /// The code replacing it, if any.
    pub replaced_by: Option<String>,
}

/// A procedure whose parts changed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Amended {
    /// Its code.
    pub code: String,
    /// Its name (new).
    pub name: String,
    /// The changed parts, in NĐ 63 Điều 8 order.
    pub parts: Vec<PartChange>,
}

/// The changes to one part.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PartChange {
    /// Which part.
    pub part: Part,
    /// Its heading.
    pub label: &'static str,
    /// What changed in it.
    pub changes: Vec<Change>,
}

/// One change: `old` absent means added, `new` absent means removed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Change {
    /// What the value is (a paper's name, a channel and case, …).
    pub what: String,
    /// The old value.
    pub old: Option<String>,
    /// The new value.
    pub new: Option<String>,
}

/// A procedure whose content outside the NĐ 63 parts changed.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OtherChange {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// The changed top-level keys.
    pub fields: Vec<String>,
}

/// Compares two catalogues.
pub fn compare(old: &Catalogue, new: &Catalogue) -> CatalogueDiff {
    let mut d = CatalogueDiff::default();
    let old_codes: BTreeSet<&str> = old.procedures.iter().map(|p| p.code.as_str()).collect();
    for p in &new.procedures {
        let Some(o) = old.procedure(&p.code) else {
            if p.is_abolished() {
                d.abolished.push(abolished(p));
            } else {
                d.added.push(reference(p));
            }
            continue;
        };
        match (o.is_abolished(), p.is_abolished()) {
            (false, true) => d.abolished.push(abolished(p)),
            // Announced again after being abolished: as good as new.
            (true, false) => d.added.push(reference(p)),
            _ => {
                let parts = compare_procedures(old, o, new, p);
                if !parts.is_empty() {
                    d.amended.push(Amended {
                        code: p.code.clone(),
                        name: p.name.clone(),
                        parts,
                    });
                } else {
                    let fields = other_fields(o, p);
                    if !fields.is_empty() {
                        d.other.push(OtherChange {
                            code: p.code.clone(),
                            name: p.name.clone(),
                            fields,
                        });
                    }
                }
            }
        }
    }
    for code in old_codes {
        if new.procedure(code).is_none() {
            if let Some(o) = old.procedure(code) {
                d.removed.push(reference(o));
            }
        }
    }
    d
}

fn reference(p: &Procedure) -> ProcedureRef {
    ProcedureRef {
        code: p.code.clone(),
        name: p.name.clone(),
    }
}

fn abolished(p: &Procedure) -> Abolished {
    Abolished {
        code: p.code.clone(),
        name: p.name.clone(),
        decision: p.version.decision.clone(),
        replaced_by: p.version.replaced_by.clone(),
    }
}

/// Keyed values of one part: what → text.
type Values = BTreeMap<String, String>;

/// The changes between two keyed value sets, in key order.
fn changes(old: &Values, new: &Values) -> Vec<Change> {
    let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    keys.into_iter()
        .filter_map(|k| {
            let (o, n) = (old.get(k), new.get(k));
            (o != n).then(|| Change {
                what: k.clone(),
                old: o.cloned(),
                new: n.cloned(),
            })
        })
        .collect()
}

fn single(what: &str, value: String) -> Values {
    BTreeMap::from([(what.to_string(), value)])
}

fn set(label: &str, items: impl IntoIterator<Item = String>) -> Values {
    // Keyed by the text itself: a changed sentence shows as one removed and one added.
    items
        .into_iter()
        .map(|t| (format!("{label}: {t}"), t))
        .collect()
}

fn agency_name(c: &Catalogue, id: &str) -> String {
    c.agencies
        .get(id)
        .map(|a| a.name.clone())
        .unwrap_or_else(|| id.to_string())
}

fn channel_key(k: ChannelKind) -> &'static str {
    channel_name(k)
}

/// The values of one part of a procedure, keyed so that the same thing in two versions
/// has the same key.
pub fn part_values(c: &Catalogue, p: &Procedure, part: Part) -> Values {
    match part {
        Part::Name => single("Tên thủ tục", p.name.clone()),
        Part::Steps => p
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mut v = s.title.clone();
                if let Some(t) = &s.text {
                    v.push_str(": ");
                    v.push_str(&markdown_text(t));
                }
                (format!("Bước {}", i + 1), v)
            })
            .collect(),
        Part::Channels => p
            .channels
            .iter()
            .map(|ch| {
                let mut v = channel_name(ch.kind).to_string();
                if let Some(l) = ch.online_level {
                    v.push_str(match l {
                        crate::catalogue::model::OnlineLevel::Full => " (toàn trình)",
                        crate::catalogue::model::OnlineLevel::Partial => " (một phần)",
                    });
                }
                if let Some(d) = &ch.description {
                    v.push_str(": ");
                    v.push_str(d);
                }
                if let Some(u) = &ch.url {
                    v.push_str(&format!(" <{u}>"));
                }
                (format!("Kênh {}", channel_key(ch.kind)), v)
            })
            .collect(),
        Part::Papers => {
            let mut v = Values::new();
            for g in &p.papers {
                for paper in &g.items {
                    let mut what = format!("Giấy tờ \"{}\"", paper.name);
                    if let Some(case) = &g.case {
                        what.push_str(&format!(" ({case})"));
                    }
                    let mut text = count_text(paper.originals, paper.copies, paper.handling);
                    if !paper.required {
                        text.push_str(" (nếu có)");
                    }
                    v.insert(what, text);
                }
            }
            if let Some(n) = p.dossier_sets {
                v.insert("Số bộ hồ sơ".to_string(), n.to_string());
            }
            v
        }
        Part::TimeLimit => {
            let mut v = Values::new();
            for ch in &p.channels {
                for (i, t) in ch.time_limits.iter().enumerate() {
                    let case = t.condition.clone().unwrap_or_else(|| match i {
                        0 => "trường hợp thông thường".to_string(),
                        _ => format!("dòng {}", i + 1),
                    });
                    v.insert(
                        format!("{}, {case}", channel_key(ch.kind)),
                        time_limit_text(t),
                    );
                }
            }
            v
        }
        Part::Applicants => set("Đối tượng", p.applicants.iter().cloned()),
        Part::Agencies => {
            let a = &p.agencies;
            let mut v = single("Cơ quan có thẩm quyền", agency_name(c, &a.competent));
            for (label, list) in [
                ("Cơ quan thực hiện", &a.executing),
                ("Cơ quan được ủy quyền", &a.delegated),
                ("Cơ quan phối hợp", &a.coordinating),
                ("Nơi tiếp nhận", &p.offices),
            ] {
                if !list.is_empty() {
                    let names: Vec<String> = list.iter().map(|id| agency_name(c, id)).collect();
                    v.insert(label.to_string(), names.join("; "));
                }
            }
            v
        }
        Part::Result => {
            let mut v = single("Kết quả", p.result.name.clone());
            if let Some(d) = &p.result.description {
                v.insert("Mô tả kết quả".to_string(), markdown_text(d));
            }
            v.insert(
                "Bản điện tử".to_string(),
                if p.result.electronic { "Có" } else { "Không" }.to_string(),
            );
            v
        }
        Part::Forms => {
            let mut v = Values::new();
            for g in &p.papers {
                for paper in &g.items {
                    if let Some(f) = &paper.form {
                        let mut text = f.code.clone();
                        if let Some(doc) = &f.issued_by {
                            text.push_str(&format!(" ({doc})"));
                        }
                        v.insert(format!("Mẫu của \"{}\"", paper.name), text);
                    }
                }
            }
            v
        }
        Part::Conditions => set("Điều kiện", p.conditions.iter().map(|c| c.text.clone())),
        Part::Fees => {
            let mut v = Values::new();
            for ch in &p.channels {
                for (i, f) in ch.fees.iter().enumerate() {
                    let label = f.name.clone().unwrap_or_else(|| format!("khoản {}", i + 1));
                    let mut what = format!("{}, {label}", channel_key(ch.kind));
                    if let Some(c) = &f.condition {
                        what.push_str(&format!(" ({c})"));
                    }
                    v.insert(what, fee_text(f));
                }
            }
            v
        }
        Part::LegalBasis => p
            .legal_basis
            .iter()
            .map(|b| (format!("Văn bản {}", b.document), basis_text(c, b)))
            .collect(),
    }
}

/// The changed parts of one procedure between two catalogues.
pub fn compare_procedures(
    old_c: &Catalogue,
    old: &Procedure,
    new_c: &Catalogue,
    new: &Procedure,
) -> Vec<PartChange> {
    Part::ALL
        .iter()
        .filter_map(|&part| {
            let ch = changes(
                &part_values(old_c, old, part),
                &part_values(new_c, new, part),
            );
            (!ch.is_empty()).then_some(PartChange {
                part,
                label: part.label(),
                changes: ch,
            })
        })
        .collect()
}

/// Top-level keys outside the NĐ 63 parts whose values differ.
fn other_fields(old: &Procedure, new: &Procedure) -> Vec<String> {
    let (Ok(serde_json::Value::Object(o)), Ok(serde_json::Value::Object(n))) = (
        serde_json::to_value(&old.data),
        serde_json::to_value(&new.data),
    ) else {
        return Vec::new();
    };
    const PART_KEYS: [&str; 12] = [
        "name",
        "steps",
        "channels",
        "papers",
        "dossier_sets",
        "applicants",
        "agencies",
        "offices",
        "result",
        "conditions",
        "legal_basis",
        "code",
    ];
    let keys: BTreeSet<&String> = o.keys().chain(n.keys()).collect();
    keys.into_iter()
        .filter(|k| !PART_KEYS.contains(&k.as_str()))
        .filter(|k| o.get(*k) != n.get(*k))
        .map(|k| k.to_string())
        .collect()
}

fn arrow(c: &Change) -> String {
    match (&c.old, &c.new) {
        (None, Some(n)) => format!("+ {}: {n}", c.what),
        (Some(o), None) => format!("- {}: {o}", c.what),
        (Some(o), Some(n)) => format!("~ {}: {o} → {n}", c.what),
        (None, None) => format!("~ {}", c.what),
    }
}

/// The diff as text for a terminal.
pub fn human(d: &CatalogueDiff) -> String {
    if d.is_empty() {
        return "Không có thay đổi.\n".to_string();
    }
    let mut s = String::new();
    let list = |s: &mut String, title: &str, items: &[ProcedureRef]| {
        if !items.is_empty() {
            let _ = writeln!(s, "{title} ({}):", items.len());
            for p in items {
                let _ = writeln!(s, "  {} {}", p.code, p.name);
            }
            s.push('\n');
        }
    };
    list(&mut s, "Thủ tục mới", &d.added);
    if !d.abolished.is_empty() {
        let _ = writeln!(s, "Thủ tục bị bãi bỏ ({}):", d.abolished.len());
        for a in &d.abolished {
            let _ = write!(s, "  {} {} (quyết định {}", a.code, a.name, a.decision);
            if let Some(r) = &a.replaced_by {
                let _ = write!(s, "; thay bằng {r}");
            }
            s.push_str(")\n");
        }
        s.push('\n');
    }
    if !d.amended.is_empty() {
        let _ = writeln!(s, "Thủ tục được sửa đổi, bổ sung ({}):", d.amended.len());
        for a in &d.amended {
            let _ = writeln!(s, "  {} {}", a.code, a.name);
            for p in &a.parts {
                let _ = writeln!(s, "    {}:", p.label);
                for c in &p.changes {
                    let _ = writeln!(s, "      {}", arrow(c));
                }
            }
        }
        s.push('\n');
    }
    list(&mut s, "Thủ tục bị xoá khỏi danh mục", &d.removed);
    if !d.other.is_empty() {
        let _ = writeln!(
            s,
            "Thay đổi ngoài các bộ phận của thủ tục ({}):",
            d.other.len()
        );
        for o in &d.other {
            let _ = writeln!(s, "  {} {}: {}", o.code, o.name, o.fields.join(", "));
        }
        s.push('\n');
    }
    s.truncate(s.trim_end().len());
    s.push('\n');
    s
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// The diff as Markdown, for a pull request or an e-mail to the legal department.
pub fn markdown(d: &CatalogueDiff) -> String {
    if d.is_empty() {
        return "Không có thay đổi.\n".to_string();
    }
    let mut s = String::from("# Thay đổi danh mục thủ tục hành chính\n");
    let list = |s: &mut String, title: &str, items: &[ProcedureRef]| {
        if !items.is_empty() {
            let _ = writeln!(s, "\n## {title} ({})\n", items.len());
            for p in items {
                let _ = writeln!(s, "- **{}** {}", p.code, md_escape(&p.name));
            }
        }
    };
    list(&mut s, "Thủ tục mới", &d.added);
    if !d.abolished.is_empty() {
        let _ = writeln!(s, "\n## Thủ tục bị bãi bỏ ({})\n", d.abolished.len());
        for a in &d.abolished {
            let _ = write!(
                s,
                "- **{}** {} (quyết định {}",
                a.code,
                md_escape(&a.name),
                a.decision
            );
            if let Some(r) = &a.replaced_by {
                let _ = write!(s, "; thay bằng {r}");
            }
            s.push_str(")\n");
        }
    }
    if !d.amended.is_empty() {
        let _ = writeln!(
            s,
            "\n## Thủ tục được sửa đổi, bổ sung ({})",
            d.amended.len()
        );
        for a in &d.amended {
            let _ = writeln!(s, "\n### {} {}\n", a.code, md_escape(&a.name));
            s.push_str("| Bộ phận | Nội dung | Trước | Sau |\n|---|---|---|---|\n");
            for p in &a.parts {
                for c in &p.changes {
                    let _ = writeln!(
                        s,
                        "| {} | {} | {} | {} |",
                        p.label,
                        md_escape(&c.what),
                        md_escape(c.old.as_deref().unwrap_or("—")),
                        md_escape(c.new.as_deref().unwrap_or("—"))
                    );
                }
            }
        }
    }
    list(&mut s, "Thủ tục bị xoá khỏi danh mục", &d.removed);
    if !d.other.is_empty() {
        let _ = writeln!(
            s,
            "\n## Thay đổi ngoài các bộ phận của thủ tục ({})\n",
            d.other.len()
        );
        for o in &d.other {
            let _ = writeln!(
                s,
                "- **{}** {}: {}",
                o.code,
                md_escape(&o.name),
                o.fields.join(", ")
            );
        }
    }
    s
}

/// A proposed decision file (YAML) with one item per change, for staff to complete and
/// review: number, issuer and dates are left for them to fill in.
pub fn as_decision(d: &CatalogueDiff, new: &Catalogue, old: &Catalogue) -> String {
    let mut s = String::from(
        "# Đề xuất từ `motcua diff`: điền số, ngày ký, người ký; đối chiếu từng dòng với dự thảo quyết định\n\
         # rồi lưu vào decisions/<số>-qd-<cơ-quan>-<năm>.yaml (ví dụ 2873-qd-ubnd-2025.yaml).\n",
    );
    let _ = writeln!(s, "number: \"\"  # ví dụ \"2873/QĐ-UBND\"");
    let _ = writeln!(
        s,
        "issuer: \"\"  # người ký, ví dụ \"Chủ tịch UBND tỉnh {}\"",
        new.site.province
    );
    s.push_str("level: province\n");
    s.push_str("signed: \"\"  # YYYY-MM-DD\n");
    s.push_str("items:\n");
    let item = |s: &mut String, code: &str, kind: ItemKind, name: &str| {
        let _ = writeln!(
            s,
            "  - procedure: \"{code}\"  # {}",
            name.replace('\n', " ")
        );
        let _ = writeln!(
            s,
            "    kind: {}",
            serde_json::to_value(kind)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default()
        );
    };
    for p in &d.added {
        item(&mut s, &p.code, ItemKind::New, &p.name);
        if let Some(proc_) = new.procedure(&p.code) {
            basis_lines(
                &mut s,
                proc_.legal_basis.iter().map(|b| b.document.as_str()),
            );
        }
    }
    for a in &d.amended {
        item(&mut s, &a.code, ItemKind::Amended, &a.name);
        let parts: Vec<&str> = a.parts.iter().map(|p| p.part.key()).collect();
        let _ = writeln!(s, "    parts: [{}]", parts.join(", "));
        // The documents newly cited are the likely grounds of the change.
        let added: Vec<&str> = match (old.procedure(&a.code), new.procedure(&a.code)) {
            (Some(o), Some(n)) => n
                .legal_basis
                .iter()
                .map(|b| b.document.as_str())
                .filter(|doc| !o.legal_basis.iter().any(|ob| ob.document == *doc))
                .collect(),
            _ => Vec::new(),
        };
        basis_lines(&mut s, added.into_iter());
    }
    for a in &d.abolished {
        item(&mut s, &a.code, ItemKind::Abolished, &a.name);
        s.push_str("    abolished_by: {document: \"\"}  # văn bản quy định việc bãi bỏ\n");
        if let Some(r) = &a.replaced_by {
            let _ = writeln!(s, "    replaced_by: \"{r}\"");
        }
    }
    for p in &d.removed {
        item(&mut s, &p.code, ItemKind::Abolished, &p.name);
        s.push_str("    abolished_by: {document: \"\"}  # tệp thủ tục đã bị xoá: kiểm tra đây có đúng là bãi bỏ\n");
    }
    s
}

fn basis_lines<'a>(s: &mut String, docs: impl Iterator<Item = &'a str>) {
    let docs: Vec<&str> = docs.collect();
    if !docs.is_empty() {
        let list: Vec<String> = docs
            .iter()
            .map(|d| format!("{{document: \"{d}\"}}"))
            .collect();
        let _ = writeln!(s, "    legal_basis: [{}]", list.join(", "));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_report_added_removed_and_changed_in_key_order() {
        let old: Values = [("a", "1"), ("b", "2")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let new: Values = [("b", "3"), ("c", "4")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let got: Vec<String> = changes(&old, &new).iter().map(arrow).collect();
        assert_eq!(got, vec!["- a: 1", "~ b: 2 → 3", "+ c: 4"]);
    }
}
