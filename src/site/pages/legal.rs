//! The list of legal documents, and one page per document: its details, validity and the
//! procedures that cite it.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use rayon::prelude::*;

use super::listing::{crumb, sources, Detail, Group, ListPage, NoteLink};
use super::{files_of, Cx, PageKind, Selection};
use crate::catalogue::model::{Catalogue, LegalDocument, Procedure};
use crate::site::urls;
use crate::site::views;
use crate::site::SiteError;

/// Legal document pages.
pub(super) struct LegalDocuments;

/// For each legal document number in `wanted`, the codes of procedures citing it anywhere.
/// `wanted` holds a few documents when only a few pages are rendered (`check`, `serve`):
/// looking up each of a catalogue's two hundred thousand citations among all documents
/// would cost more than those pages.
fn citations_by_document<'c>(
    c: &'c Catalogue,
    wanted: &[&'c LegalDocument],
) -> BTreeMap<&'c str, BTreeSet<&'c str>> {
    let all = wanted.len() == c.legal.len();
    // A handful of numbers is compared directly; hashing every citation costs more.
    let few: Vec<&str> = wanted.iter().map(|d| d.number.as_str()).collect();
    let many: HashSet<&str> = if all || few.len() <= 8 {
        HashSet::new()
    } else {
        few.iter().copied().collect()
    };
    // Each procedure's citations are read on all cores; only the grouping is serial.
    let pairs: Vec<(&str, &str)> = c
        .procedures
        .par_iter()
        .flat_map_iter(|p| {
            p.cited_documents()
                .into_iter()
                .filter_map(|d| {
                    if all {
                        c.legal.get_key_value(d).map(|(k, _)| k.as_str())
                    } else if many.is_empty() {
                        few.iter().find(|n| **n == d).copied()
                    } else {
                        many.get(d).copied()
                    }
                })
                .map(move |key| (key, p.code.as_str()))
        })
        .collect();
    let mut map: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (key, code) in pairs {
        map.entry(key).or_default().insert(code);
    }
    map
}

fn details(c: &Catalogue, d: &LegalDocument) -> Vec<Detail> {
    let mut details = vec![
        Detail::text("Số, ký hiệu", d.number.clone()),
        Detail::text("Loại văn bản", d.kind.clone()),
        Detail::text("Cơ quan ban hành", d.issuer.clone()),
        Detail::text("Ngày ban hành", views::date_text_vi(&d.signed)),
    ];
    if let Some(e) = &d.in_force_from {
        details.push(Detail::text("Ngày hiệu lực", views::date_text_vi(e)));
    }
    details.push(Detail::text("Tình trạng", views::legal_status(c, d)));
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
        let docs: BTreeSet<&str> = p.cited_documents().into_iter().collect();
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
        let citing = citations_by_document(c, &wanted);
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
                    details: details(c, d),
                    // The replacement and the amendments, linked: a reader of an old text
                    // must find the one in force.
                    links: views::related_documents(c, u, d)
                        .into_iter()
                        .map(|r| NoteLink {
                            name: r.name,
                            url: r.url,
                            note: Some(r.note),
                        })
                        .collect(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_of_a_few_documents_are_those_found_among_all() {
        let c = crate::catalogue::testing::shipped(&Default::default());
        let every: Vec<&LegalDocument> = c.legal.values().collect();
        let all = citations_by_document(&c, &every);
        assert!(all.values().any(|codes| codes.len() > 1));
        for d in &every {
            let one = citations_by_document(&c, &[*d]);
            let expected: BTreeMap<&str, BTreeSet<&str>> = all
                .get_key_value(d.number.as_str())
                .map(|(k, v)| (*k, v.clone()))
                .into_iter()
                .collect();
            assert_eq!(one, expected, "{}", d.number);
        }
        // More than a handful, fewer than all: looked up by hash.
        let some: Vec<&LegalDocument> = every.iter().copied().step_by(2).collect();
        assert!(some.len() > 8 && some.len() < every.len());
        let expected: BTreeMap<&str, BTreeSet<&str>> = all
            .iter()
            .filter(|(k, _)| some.iter().any(|d| d.number == **k))
            .map(|(k, v)| (*k, v.clone()))
            .collect();
        assert_eq!(citations_by_document(&c, &some), expected);
    }
}
