//! The list of levels (cấp thực hiện) and one page per level in use, grouped by sector.

use std::collections::BTreeSet;

use super::listing::{crumb, Group, ListPage, NoteLink};
use super::{current, files_of, Cx, PageKind, Selection};
use crate::catalogue::model::{Catalogue, Level, Procedure};
use crate::site::urls;
use crate::site::views;
use crate::site::SiteError;

/// Level pages.
pub(super) struct Levels;

/// The levels some procedure (current or abolished) is carried out at.
fn in_use(c: &Catalogue) -> Vec<Level> {
    let set: BTreeSet<Level> = c
        .procedures
        .iter()
        .flat_map(|p| p.levels.iter().copied())
        .collect();
    set.into_iter().collect()
}

impl PageKind for Levels {
    fn files(&self, c: &Catalogue) -> Vec<String> {
        let mut dirs = vec![urls::LEVELS.to_string()];
        dirs.extend(in_use(c).into_iter().map(urls::level));
        files_of(dirs.iter().map(String::as_str))
    }

    fn showing(&self, _: &Catalogue, p: &Procedure) -> Vec<String> {
        let mut dirs = vec![urls::LEVELS.to_string()];
        dirs.extend(p.levels.iter().map(|l| urls::level(*l)));
        files_of(dirs.iter().map(String::as_str))
    }

    fn sample(&self, c: &Catalogue) -> Vec<String> {
        let mut dirs = vec![urls::LEVELS.to_string()];
        dirs.extend(
            c.procedures
                .first()
                .and_then(|p| p.levels.first())
                .map(|l| urls::level(*l)),
        );
        files_of(dirs.iter().map(String::as_str))
    }

    fn render(&self, cx: &Cx, sel: &Selection) -> Result<(), SiteError> {
        let (c, u) = (cx.c, cx.urls);
        let levels = in_use(c);
        if sel.wants_page(urls::LEVELS) {
            cx.list(
                urls::LEVELS,
                &ListPage {
                    title: "Cấp thực hiện".into(),
                    description: "Thủ tục hành chính theo cấp thực hiện.".into(),
                    links: levels
                        .iter()
                        .map(|l| NoteLink {
                            name: views::level_name(*l).to_string(),
                            url: u.link(&urls::level(*l)),
                            note: Some(format!(
                                "{} thủ tục",
                                current(c).filter(|p| p.levels.contains(l)).count()
                            )),
                        })
                        .collect(),
                    ..ListPage::default()
                },
            )?;
        }
        for l in levels.iter().filter(|l| sel.wants_page(&urls::level(**l))) {
            let groups = c
                .sectors
                .iter()
                .map(|s| Group {
                    title: Some(s.name.clone()),
                    anchor: s.id.clone(),
                    items: cx
                        .cards
                        .cards(current(c).filter(|p| p.levels.contains(l) && p.sector == s.id)),
                })
                .filter(|g| !g.items.is_empty())
                .collect();
            let name = views::level_name(*l).to_lowercase();
            cx.list(
                &urls::level(*l),
                &ListPage {
                    title: format!("Thủ tục {name}"),
                    description: format!("Thủ tục hành chính {name} tại {}.", c.site.province),
                    crumbs: vec![crumb(u, "Cấp thực hiện", urls::LEVELS)],
                    groups,
                    ..ListPage::default()
                },
            )?;
        }
        Ok(())
    }
}
