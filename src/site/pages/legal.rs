//! The list of legal documents, and one page per document: its details, validity and the
//! procedures that cite it.

use std::collections::{BTreeMap, BTreeSet};

use super::listing::{crumb, sources, Detail, Group, ListPage, NoteLink};
use super::procedure::cited_documents;
use super::{files_of, Cx, PageKind, Selection};
use crate::catalogue::model::{Catalogue, LegalDocument, Procedure};
use crate::site::urls::{self, Urls};
use crate::site::views;
use crate::site::SiteError;

/// Legal document pages.
pub(super) struct LegalDocuments;

/// For each legal document number, the codes of procedures citing it anywhere.
fn citations_by_document(c: &Catalogue) -> BTreeMap<&str, BTreeSet<&str>> {
    let mut map: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for p in &c.procedures {
        for d in cited_documents(p) {
            if let Some((key, _)) = c.legal.get_key_value(d) {
                map.entry(key.as_str()).or_default().insert(p.code.as_str());
            }
        }
    }
    map
}

fn details(c: &Catalogue, u: &Urls, d: &LegalDocument) -> Vec<Detail> {
    let mut details = vec![
        Detail::text("Số, ký hiệu", d.number.clone()),
        Detail::text("Loại văn bản", d.kind.clone()),
        Detail::text("Cơ quan ban hành", d.issuer.clone()),
        Detail::text("Ngày ban hành", views::date_text_vi(&d.signed)),
    ];
    if let Some(e) = &d.in_force_from {
        details.push(Detail::text("Ngày hiệu lực", views::date_text_vi(e)));
    }
    let (status, replacement) = views::legal_status(c, u, d);
    details.push(Detail::inside("Tình trạng", status, replacement));
    if let Some(url) = &d.url {
        details.push(Detail::outside("Toàn văn", "Xem toàn văn", url));
    }
    details
}

impl PageKind for LegalDocuments {
    fn files(&self, c: &Catalogue) -> Vec<String> {
        let mut dirs = vec![urls::LEGAL.to_string()];
        dirs.extend(c.legal.values().map(|d| urls::legal(&d.number)));
        files_of(dirs.iter().map(String::as_str))
    }

    fn showing(&self, c: &Catalogue, p: &Procedure) -> Vec<String> {
        let docs: BTreeSet<&str> = cited_documents(p).into_iter().collect();
        let dirs: Vec<String> = docs
            .into_iter()
            .filter_map(|doc| c.legal.get(doc))
            .map(|d| urls::legal(&d.number))
            .collect();
        files_of(dirs.iter().map(String::as_str))
    }

    fn sample(&self, c: &Catalogue) -> Vec<String> {
        let mut dirs = vec![urls::LEGAL.to_string()];
        dirs.extend(c.legal.values().next().map(|d| urls::legal(&d.number)));
        files_of(dirs.iter().map(String::as_str))
    }

    fn render(&self, cx: &Cx, sel: &Selection) -> Result<(), SiteError> {
        let (c, u) = (cx.c, cx.urls);
        if sel.wants_page(urls::LEGAL) {
            cx.list(
                urls::LEGAL,
                &ListPage {
                    title: "Văn bản pháp luật".into(),
                    description: "Các văn bản quy định thủ tục, giấy tờ, phí, lệ phí và thời hạn."
                        .into(),
                    links: c
                        .legal
                        .values()
                        .map(|d| NoteLink {
                            name: format!("{} {}", d.kind, d.number),
                            url: u.link(&urls::legal(&d.number)),
                            note: Some(d.title.clone()),
                        })
                        .collect(),
                    ..ListPage::default()
                },
            )?;
        }
        let wanted: Vec<&LegalDocument> = c
            .legal
            .values()
            .filter(|d| sel.wants_page(&urls::legal(&d.number)))
            .collect();
        // Scanning every procedure's citations is only worth it when a document page is wanted.
        if wanted.is_empty() {
            return Ok(());
        }
        let citing = citations_by_document(c);
        for d in wanted {
            let items = cx.cards.cards(
                citing
                    .get(d.number.as_str())
                    .into_iter()
                    .flatten()
                    .filter_map(|code| c.procedure(code)),
            );
            cx.list(
                &urls::legal(&d.number),
                &ListPage {
                    title: format!("{} {}", d.kind, d.number),
                    description: format!(
                        "{} {}: {}. Các thủ tục dựa trên văn bản này.",
                        d.kind, d.number, d.title
                    ),
                    intro: Some(d.title.clone()),
                    crumbs: vec![crumb(u, "Văn bản pháp luật", urls::LEGAL)],
                    details: details(c, u, d),
                    sources: sources(&d.sources),
                    empty: items
                        .is_empty()
                        .then(|| "Chưa có thủ tục nào trích dẫn văn bản này.".to_string()),
                    groups: if items.is_empty() {
                        vec![]
                    } else {
                        vec![Group {
                            title: Some("Thủ tục dựa trên văn bản này".into()),
                            anchor: "thu-tuc".into(),
                            items,
                        }]
                    },
                    ..ListPage::default()
                },
            )?;
        }
        Ok(())
    }
}
