//! Publishing decisions on the site: "Thay đổi gần đây" (`cong-bo/`, every decision newest
//! first with its items), one page per decision (`cong-bo/<slug>/`, its items in the annex's
//! grouping) and the decision's annex as a print page (`cong-bo/<slug>/phu-luc/`, A4, Times New
//! Roman), built from the same model as `motcua annex`.

use serde::Serialize;

use super::{files_of, Cx, PageKind, Selection};
use crate::catalogue::decision::{self, Decision};
use crate::catalogue::model::{Catalogue, Procedure};
use crate::publication::annex;
use crate::site::urls::{self, Urls};
use crate::site::SiteError;

/// The pages of publishing decisions.
pub(super) struct Publications;

/// Where the recent-changes page lives.
pub(crate) const RECENT: &str = "cong-bo/";

/// Site-relative directory of a decision's page.
pub(crate) fn decision_page(slug: &str) -> String {
    format!("{RECENT}{slug}/")
}

/// Site-relative directory of a decision's annex print page.
pub(crate) fn annex_page(slug: &str) -> String {
    format!("{RECENT}{slug}/phu-luc/")
}

/// One item as listed on the pages.
#[derive(Debug, Clone, Serialize)]
struct ItemView {
    code: String,
    name: String,
    url: Option<String>,
    kind: &'static str,
    parts: Vec<&'static str>,
    replaced_by: Option<String>,
    note: Option<String>,
}

/// A group of items under one heading (kind, level, sector).
#[derive(Debug, Clone, Serialize)]
struct GroupView {
    heading: String,
    items: Vec<ItemView>,
}

/// A decision as the pages show it.
#[derive(Debug, Clone, Serialize)]
struct DecisionView {
    number: String,
    title: Option<String>,
    issuer: String,
    signed: String,
    effective: Option<String>,
    url: Option<String>,
    page: String,
    annex: String,
    groups: Vec<GroupView>,
}

fn item_view(c: &Catalogue, u: &Urls, item: &decision::DecisionItem) -> ItemView {
    let p = c.procedure(&item.procedure);
    ItemView {
        code: item.procedure.clone(),
        name: p.map(|p| p.name.clone()).unwrap_or_default(),
        url: p.map(|p| u.link(&urls::procedure(&p.code))),
        kind: item.kind.label(),
        parts: item.parts.iter().map(|p| p.label()).collect(),
        replaced_by: item.replaced_by.clone(),
        note: item.note.clone(),
    }
}

fn view(c: &Catalogue, u: &Urls, d: &Decision) -> DecisionView {
    // The official grouping: kind, then level and sector as in the annex's Phần I.
    let mut groups = Vec::new();
    for g in &annex::decision_list(c, d) {
        for l in &g.levels {
            for s in &l.sectors {
                let items = s
                    .rows
                    .iter()
                    .filter_map(|r| r.get(1))
                    .filter_map(|code| d.item(code))
                    .map(|i| item_view(c, u, i))
                    .collect();
                groups.push(GroupView {
                    heading: format!("{} — {} — {}", g.heading, l.heading, s.heading),
                    items,
                });
            }
        }
    }
    DecisionView {
        number: d.number.clone(),
        title: d.title.clone(),
        issuer: d.issuer.clone(),
        signed: d.signed.format("%d/%m/%Y").to_string(),
        effective: d.effective.map(|e| e.format("%d/%m/%Y").to_string()),
        url: d.url.as_ref().map(|x| x.as_str().to_string()),
        page: u.link(&decision_page(&d.slug)),
        annex: u.link(&annex_page(&d.slug)),
        groups,
    }
}

/// One line of a procedure's "Lịch sử công bố": a decision naming it, and what it did.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct HistoryEntry {
    number: String,
    signed: String,
    url: String,
    kind: &'static str,
    parts: Vec<&'static str>,
    replaced_by: Option<String>,
}

/// The decisions naming procedure `code`, newest first, for its page.
pub(crate) fn history(c: &Catalogue, u: &Urls, code: &str) -> Vec<HistoryEntry> {
    decision::history(c, code)
        .into_iter()
        .map(|(d, i)| HistoryEntry {
            number: d.number.clone(),
            signed: d.signed.format("%d/%m/%Y").to_string(),
            url: u.link(&decision_page(&d.slug)),
            kind: i.kind.label(),
            parts: i.parts.iter().map(|p| p.label()).collect(),
            replaced_by: i.replaced_by.clone(),
        })
        .collect()
}

impl PageKind for Publications {
    fn files(&self, c: &Catalogue) -> Vec<String> {
        let mut dirs = vec![RECENT.to_string()];
        for d in &c.decisions {
            dirs.push(decision_page(&d.slug));
            dirs.push(annex_page(&d.slug));
        }
        files_of(dirs.iter().map(String::as_str))
    }

    fn showing(&self, c: &Catalogue, p: &Procedure) -> Vec<String> {
        let mut dirs = Vec::new();
        for (d, _) in decision::history(c, &p.code) {
            dirs.push(decision_page(&d.slug));
            dirs.push(annex_page(&d.slug));
        }
        if !dirs.is_empty() {
            dirs.push(RECENT.to_string());
        }
        files_of(dirs.iter().map(String::as_str))
    }

    fn sample(&self, c: &Catalogue) -> Vec<String> {
        let mut dirs = vec![RECENT.to_string()];
        if let Some(d) = c.decisions.last() {
            dirs.push(decision_page(&d.slug));
            dirs.push(annex_page(&d.slug));
        }
        files_of(dirs.iter().map(String::as_str))
    }

    fn render(&self, cx: &Cx, sel: &Selection) -> Result<(), SiteError> {
        let (c, u) = (cx.c, cx.urls);
        if sel.wants_page(RECENT) {
            let decisions: Vec<DecisionView> =
                c.decisions.iter().rev().map(|d| view(c, u, d)).collect();
            cx.page(
                RECENT,
                "publication.html",
                vec![
                    ("title", "Thay đổi gần đây".into()),
                    ("recent", serde_json::Value::Bool(true)),
                    ("decisions", super::to_json(&decisions)?),
                ],
            )?;
        }
        for d in &c.decisions {
            let page = decision_page(&d.slug);
            if sel.wants_page(&page) {
                cx.page(
                    &page,
                    "publication.html",
                    vec![
                        ("title", format!("Quyết định {}", d.number).into()),
                        ("recent", serde_json::Value::Bool(false)),
                        ("decisions", super::to_json(&[view(c, u, d)])?),
                    ],
                )?;
            }
            let print = annex_page(&d.slug);
            if sel.wants_page(&print) {
                let a = annex::for_decision(c, d)?;
                let lines: Vec<&str> = a.subtitle.lines().collect();
                cx.page(
                    &print,
                    "annex.html",
                    vec![
                        ("subtitle_lines", super::to_json(&lines)?),
                        ("annex", super::to_json(&a)?),
                        ("decision", super::to_json(&view(c, u, d))?),
                    ],
                )?;
            }
        }
        Ok(())
    }
}
