//! Every procedure from A to Z, grouped by first letter (diacritics folded: Đ under D).

use std::collections::BTreeMap;

use super::listing::{Group, ListPage, NoteLink};
use super::{files_of, Cx, PageKind, Selection};
use crate::catalogue::model::{Catalogue, Procedure};
use crate::site::urls;
use crate::site::SiteError;
use crate::text::fold_ascii_chars;

/// The A–Z page.
pub(super) struct AtoZ;

impl PageKind for AtoZ {
    fn files(&self, _: &Catalogue) -> Vec<String> {
        files_of([urls::AZ])
    }

    fn showing(&self, _: &Catalogue, _: &Procedure) -> Vec<String> {
        files_of([urls::AZ])
    }

    fn sample(&self, c: &Catalogue) -> Vec<String> {
        // In `check` a listing shows a few cards of each group, so the whole catalogue on one
        // page costs no more than grouping the names.
        self.files(c)
    }

    fn render(&self, cx: &Cx, sel: &Selection) -> Result<(), SiteError> {
        if !sel.wants_page(urls::AZ) {
            return Ok(());
        }
        let c = cx.c;
        let mut by_letter: BTreeMap<String, Vec<&Procedure>> = BTreeMap::new();
        for p in c.procedures.iter() {
            let letter = first_letter(&p.name)
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

/// The first letter or digit of `name` without diacritics (`Đ` → `D`): the first
/// alphanumeric character of [`crate::text::fold_ascii`]`(name)`, found without folding the
/// rest of the name.
fn first_letter(name: &str) -> Option<char> {
    fold_ascii_chars(name).find(|ch| ch.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold_ascii;

    #[test]
    fn the_first_letter_is_that_of_the_whole_folded_name() {
        for name in [
            "Đăng ký khai sinh",
            "đổi giấy phép",
            "Ấp trứng",
            "  (1) Cấp lại",
            "\u{301}a: a combining mark first",
            "ư",
            "—",
            "",
        ] {
            let whole = fold_ascii(name).chars().find(|ch| ch.is_alphanumeric());
            assert_eq!(first_letter(name), whole, "{name:?}");
        }
        assert_eq!(first_letter("Đăng ký"), Some('D'));
        assert_eq!(first_letter("—"), None);
    }
}
