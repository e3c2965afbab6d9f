//! Embeddable procedures: for each procedure a fragment a portal's CMS can include
//! (`nhung.html`: no document shell, no script, classes prefixed `mc-`, absolute links, styled
//! by the scoped `du-lieu/nhung.css`) and a compact page for an `<iframe>` (`khung.html`: the
//! same fragment, links open in the top window). Both show the source link and the date the
//! facts were last verified, so an embed never hides where they came from.

use rayon::prelude::*;

use super::{to_json, Cx, PageKind, Selection};
use crate::catalogue::model::{Catalogue, Procedure};
use crate::site::urls::{self, Urls};
use crate::site::views;
use crate::site::SiteError;

/// The fragments and iframe pages.
pub(super) struct Embeds;

/// The scoped stylesheet of the fragments, at a fixed address portals can link to.
pub(crate) const STYLESHEET: &str = "du-lieu/nhung.css";

/// Where the stylesheet comes from in the theme.
const THEME_STYLESHEET: &str = "css/embed.css";

/// Site-relative path of procedure `code`'s fragment.
pub(crate) fn fragment(code: &str) -> String {
    format!("{}{code}/nhung.html", urls::PROCEDURES)
}

/// Site-relative path of procedure `code`'s iframe page.
pub(crate) fn frame(code: &str) -> String {
    format!("{}{code}/khung.html", urls::PROCEDURES)
}

impl PageKind for Embeds {
    fn files(&self, c: &Catalogue) -> Vec<String> {
        c.procedures
            .iter()
            .flat_map(|p| [fragment(&p.code), frame(&p.code)])
            .collect()
    }

    fn showing(&self, _: &Catalogue, p: &Procedure) -> Vec<String> {
        vec![fragment(&p.code), frame(&p.code)]
    }

    fn sample(&self, c: &Catalogue) -> Vec<String> {
        c.procedures
            .first()
            .map(|p| vec![fragment(&p.code), frame(&p.code)])
            .unwrap_or_default()
    }

    fn per_procedure(&self) -> bool {
        true
    }

    fn render(&self, cx: &Cx, sel: &Selection) -> Result<(), SiteError> {
        if matches!(sel, Selection::All) {
            let css = cx.theme.assets.get(THEME_STYLESHEET).ok_or_else(|| {
                SiteError::Theme(format!("giao diện thiếu tệp `static/{THEME_STYLESHEET}`"))
            })?;
            cx.sink.put(STYLESHEET.to_string(), css.clone())?;
        }
        // The fragment is shown on other sites: every link in it is absolute.
        let absolute = Urls {
            base_url: cx.urls.base_url.clone(),
            base_path: cx.urls.base_url.clone(),
        };
        cx.c.procedures.par_iter().try_for_each(|p| {
            let (want_fragment, want_frame) =
                (sel.wants(&fragment(&p.code)), sel.wants(&frame(&p.code)));
            if !want_fragment && !want_frame {
                return Ok(());
            }
            let view = to_json(&views::procedure_view(cx.c, &absolute, p, cx.opts.today))?;
            let verified =
                serde_json::Value::String(p.last_verified.format("%Y-%m-%d").to_string());
            if want_fragment {
                let ctx = cx.context(
                    vec![("p", view.clone()), ("verified_iso", verified.clone())],
                    None,
                )?;
                cx.render_to("embed.html", &ctx, fragment(&p.code))?;
            }
            if want_frame {
                let ctx = cx.context(
                    vec![
                        ("p", view),
                        ("verified_iso", verified),
                        ("target", serde_json::Value::String("_top".into())),
                        (
                            "embed_css",
                            serde_json::Value::String(cx.urls.link(STYLESHEET)),
                        ),
                    ],
                    Some(&urls::procedure(&p.code)),
                )?;
                cx.render_to("embed_frame.html", &ctx, frame(&p.code))?;
            }
            Ok(())
        })
    }
}
