//! Every procedure from A to Z, grouped by first letter (diacritics folded: Đ under D).

use std::collections::BTreeMap;

use super::listing::{Group, ListPage, NoteLink};
use super::{files_of, Cx, PageKind, Selection};
use crate::catalogue::model::{Catalogue, Procedure};
use crate::site::urls;
use crate::site::SiteError;
use crate::text::fold_ascii;

/// The A–Z page.
pub(super) struct AtoZ;

impl PageKind for AtoZ {
    fn files(&self, _: &Catalogue) -> Vec<String> {
        files_of([urls::AZ])
    }

    fn showing(&self, _: &Catalogue, _: &Procedure) -> Vec<String> {
        files_of([urls::AZ])
    }

    fn sample(&self, _: &Catalogue) -> Vec<String> {
        // The whole catalogue on one page: its template branches are those of other
        // listings, which are sampled; rendering it in `check` would cost a full listing.
        Vec::new()
    }

    fn render(&self, cx: &Cx, sel: &Selection) -> Result<(), SiteError> {
        if !sel.wants_page(urls::AZ) {
            return Ok(());
        }
        let c = cx.c;
        let mut by_letter: BTreeMap<String, Vec<&Procedure>> = BTreeMap::new();
        for p in c.procedures.iter() {
            let letter = fold_ascii(&p.name)
                .chars()
                .find(|ch| ch.is_alphanumeric())
                .map(|ch| ch.to_uppercase().to_string())
                .unwrap_or_else(|| "#".into());
            by_letter.entry(letter).or_default().push(p);
        }
        cx.list(
            urls::AZ,
            &ListPage {
                title: "Tất cả thủ tục (A–Z)".into(),
                description: format!(
                    "Danh sách đầy đủ {} thủ tục hành chính theo thứ tự chữ cái.",
                    c.procedures.len()
                ),
                links: by_letter
                    .keys()
                    .map(|l| NoteLink {
                        name: l.clone(),
                        url: format!("#chu-{}", l.to_lowercase()),
                        note: None,
                    })
                    .collect(),
                groups: by_letter
                    .iter()
                    .map(|(l, ps)| Group {
                        title: Some(l.clone()),
                        anchor: format!("chu-{}", l.to_lowercase()),
                        items: cx.cards.cards(ps.iter().copied()),
                    })
                    .collect(),
                ..ListPage::default()
            },
        )
    }
}
