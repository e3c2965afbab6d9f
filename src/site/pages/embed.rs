//! Embeddable procedures: for each procedure a fragment a portal's CMS can include
//! (`nhung.html`: no document shell, no script, classes prefixed `mc-`, absolute links, styled
//! by the scoped `du-lieu/nhung.css`) and a compact page for an `<iframe>` (`khung.html`: the
//! same fragment, links open in the top window). Both show the source link and the date the
//! facts were last verified, so an embed never hides where they came from. None of them is
//! written when `publish.embeds` in `site.yaml` is off.

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

/// The fragment and iframe page of procedure `code`, or none when the site publishes no embeds.
fn own(c: &Catalogue, code: &str) -> Vec<String> {
    if c.site.publish.embeds {
        vec![fragment(code), frame(code)]
    } else {
        Vec::new()
    }
}

impl PageKind for Embeds {
    fn files(&self, c: &Catalogue) -> Vec<String> {
        c.procedures.iter().flat_map(|p| own(c, &p.code)).collect()
    }

    fn showing(&self, c: &Catalogue, p: &Procedure) -> Vec<String> {
        own(c, &p.code)
    }

    fn sample(&self, c: &Catalogue) -> Vec<String> {
        // No procedure, no sample: nothing to render.
        c.procedures
            .first()
            .map(|p| own(c, &p.code))
            .unwrap_or_default()
    }

    fn per_procedure(&self) -> bool {
        true
    }

    fn render(&self, cx: &Cx, sel: &Selection) -> Result<(), SiteError> {
        if !cx.c.site.publish.embeds {
            return Ok(());
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::raw::Publish;

    #[test]
    fn embeds_are_pages_of_the_kind_only_when_published() {
        let dir = tempfile::tempdir().expect("tempdir");
        crate::cmd::init::write(dir.path(), false).expect("init");
        let (mut c, d) = crate::catalogue::load_and_validate(dir.path(), &Default::default());
        assert!(!d.has_errors());
        let n = c.procedures.len();
        assert!(n > 0);
        let p = c.procedures[0].clone();
        assert_eq!(Embeds.files(&c).len(), 2 * n);
        assert_eq!(
            Embeds.showing(&c, &p),
            vec![fragment(&p.code), frame(&p.code)]
        );
        assert_eq!(Embeds.sample(&c).len(), 2);
        c.site.publish = Publish {
            embeds: false,
            ..Publish::default()
        };
        assert!(Embeds.files(&c).is_empty());
        assert!(Embeds.showing(&c, &p).is_empty());
        assert!(Embeds.sample(&c).is_empty());
    }
}
