//! The home page: sectors, journeys and the procedures people file most.

use super::{current, files_of, to_json, Cx, PageKind, Selection};
use crate::catalogue::model::{Catalogue, Procedure};
use crate::site::urls;
use crate::site::views::{self, card};
use crate::site::SiteError;

/// The home page.
pub(super) struct Home;

/// The procedures shown on the home page: the site's `featured` list, or else one per
/// sector (so the page shows breadth), at most ten.
fn featured(c: &Catalogue) -> Vec<&Procedure> {
    if !c.site.featured.is_empty() {
        return c
            .site
            .featured
            .iter()
            .filter_map(|code| c.procedure(code))
            .collect();
    }
    let mut v: Vec<&Procedure> = c
        .sectors
        .iter()
        .filter_map(|s| current(c).find(|p| p.sector == s.id))
        .collect();
    v.truncate(10);
    v
}

impl PageKind for Home {
    fn files(&self, _: &Catalogue) -> Vec<String> {
        files_of([urls::HOME])
    }

    fn showing(&self, _: &Catalogue, _: &Procedure) -> Vec<String> {
        // Sector tiles count procedures, so every procedure is on the home page.
        files_of([urls::HOME])
    }

    fn sample(&self, c: &Catalogue) -> Vec<String> {
        self.files(c)
    }

    fn render(&self, cx: &Cx, sel: &Selection) -> Result<(), SiteError> {
        if !sel.wants_page(urls::HOME) {
            return Ok(());
        }
        let (c, u) = (cx.c, cx.urls);
        let journeys: Vec<serde_json::Value> = c
            .journeys
            .iter()
            .map(|j| {
                serde_json::json!({
                    "name": j.name,
                    "url": u.link(&urls::journey(&j.id)),
                    "count": j.steps.len(),
                })
            })
            .collect();
        let popular: Vec<_> = featured(c).into_iter().map(|p| card(c, u, p)).collect();
        cx.page(
            urls::HOME,
            "index.html",
            vec![
                ("sectors", to_json(&views::sector_tiles(c, u))?),
                ("journeys", to_json(&journeys)?),
                ("popular", to_json(&popular)?),
                ("total", serde_json::json!(current(c).count())),
                (
                    "communes",
                    match &c.communes {
                        Some(k) => serde_json::json!({
                            "url": u.link(urls::COMMUNES),
                            "count": k.units.len(),
                            "province": k.province,
                            "from": super::communes::vn_date(&k.resolution.operating_from)?,
                        }),
                        None => serde_json::Value::Null,
                    },
                ),
            ],
        )
    }
}
