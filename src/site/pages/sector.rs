//! The list of sectors (lĩnh vực) and one page per sector, grouped by level.

use super::listing::{crumb, Group, ListPage, NoteLink};
use super::{current, files_of, Cx, PageKind, Selection};
use crate::catalogue::model::{Catalogue, Level, Procedure};
use crate::site::urls;
use crate::site::views;
use crate::site::SiteError;

/// Sector pages.
pub(super) struct Sectors;

/// The order of level groups on a sector page: where citizens go most first.
const LEVEL_ORDER: [Level; 5] = [
    Level::Province,
    Level::Commune,
    Level::Ministry,
    Level::Other,
    Level::District,
];

impl PageKind for Sectors {
    fn files(&self, c: &Catalogue) -> Vec<String> {
        let mut dirs = vec![urls::SECTORS.to_string()];
        dirs.extend(c.sectors.iter().map(|s| urls::sector(&s.id)));
        files_of(dirs.iter().map(String::as_str))
    }

    fn showing(&self, _: &Catalogue, p: &Procedure) -> Vec<String> {
        files_of([urls::SECTORS, &urls::sector(&p.sector)])
    }

    fn sample(&self, c: &Catalogue) -> Vec<String> {
        let mut dirs = vec![urls::SECTORS.to_string()];
        dirs.extend(c.sectors.first().map(|s| urls::sector(&s.id)));
        files_of(dirs.iter().map(String::as_str))
    }

    fn render(&self, cx: &Cx, sel: &Selection) -> Result<(), SiteError> {
        let (c, u) = (cx.c, cx.urls);
        if sel.wants_page(urls::SECTORS) {
            cx.list(
                urls::SECTORS,
                &ListPage {
                    title: "Lĩnh vực".into(),
                    description: format!(
                        "Thủ tục hành chính của {} theo lĩnh vực.",
                        c.site.province
                    ),
                    links: views::sector_tiles(c, u)
                        .into_iter()
                        .map(|t| NoteLink {
                            name: t.name,
                            url: t.url,
                            note: Some(format!("{} thủ tục", t.count)),
                        })
                        .collect(),
                    ..ListPage::default()
                },
            )?;
        }
        for s in c
            .sectors
            .iter()
            .filter(|s| sel.wants_page(&urls::sector(&s.id)))
        {
            let mut groups = Vec::new();
            for level in LEVEL_ORDER {
                let items = cx.cards.cards(
                    current(c).filter(|p| p.sector == s.id && p.levels.first() == Some(&level)),
                );
                if !items.is_empty() {
                    groups.push(Group {
                        title: Some(views::level_name(level).to_string()),
                        anchor: urls::level_slug(level).to_string(),
                        items,
                    });
                }
            }
            let abolished = cx.cards.cards(
                c.procedures
                    .iter()
                    .map(|p| &**p)
                    .filter(|p| p.sector == s.id && p.is_abolished()),
            );
            if !abolished.is_empty() {
                groups.push(Group {
                    title: Some("Đã bãi bỏ".into()),
                    anchor: "bai-bo".into(),
                    items: abolished,
                });
            }
            cx.list(
                &urls::sector(&s.id),
                &ListPage {
                    title: s.name.clone(),
                    description: format!(
                        "Các thủ tục lĩnh vực {} tại {}.",
                        s.name, c.site.province
                    ),
                    intro: s.description.clone(),
                    crumbs: vec![crumb(u, "Lĩnh vực", urls::SECTORS)],
                    empty: groups
                        .is_empty()
                        .then(|| "Chưa có thủ tục nào trong lĩnh vực này.".to_string()),
                    groups,
                    ..ListPage::default()
                },
            )?;
        }
        Ok(())
    }
}
