//! Pages with no data of their own: search, help and the 404 page.

use super::{files_of, Cx, PageKind, Selection};
use crate::catalogue::model::{Catalogue, Procedure};
use crate::site::urls;
use crate::site::SiteError;

/// The fixed pages.
pub(super) struct Fixed;

/// URL directory and template of each fixed page with a canonical URL.
const PAGES: [(&str, &str); 2] = [(urls::SEARCH, "search.html"), (urls::ABOUT, "about.html")];

impl PageKind for Fixed {
    fn files(&self, _: &Catalogue) -> Vec<String> {
        let mut v = files_of(PAGES.iter().map(|(dir, _)| *dir));
        v.push(urls::NOT_FOUND.to_string());
        v
    }

    fn showing(&self, _: &Catalogue, _: &Procedure) -> Vec<String> {
        Vec::new()
    }

    fn sample(&self, c: &Catalogue) -> Vec<String> {
        self.files(c)
    }

    fn render(&self, cx: &Cx, sel: &Selection) -> Result<(), SiteError> {
        for (dir, template) in PAGES {
            if sel.wants_page(dir) {
                cx.page(dir, template, Vec::new())?;
            }
        }
        if sel.wants(urls::NOT_FOUND) {
            // Served at any missing path, so it has no canonical URL.
            let ctx = cx.context(Vec::new(), None)?;
            cx.render_to("404.html", &ctx, urls::NOT_FOUND.to_string())?;
        }
        Ok(())
    }
}
