//! Embeddable procedures: for each procedure a fragment a portal's CMS can include
//! (`nhung.html`: no document shell, no script, classes prefixed `mc-`, absolute links, styled
//! by the scoped `du-lieu/nhung.css`) and a compact page for an `<iframe>` (`khung.html`: the
//! same fragment, links open in the top window). Both show the source link and the date the
//! facts were last verified, so an embed never hides where they came from. None of them is
//! written when `publish.embeds` in `site.yaml` is off.

use tera::Context;

use super::{Cx, PageKind, Selection};
use crate::catalogue::model::{Catalogue, Procedure};
use crate::site::urls;
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
        // Each procedure's fragment and iframe page: see `render_procedure`.
        Ok(())
    }

    fn wants_procedure(&self, cx: &Cx, sel: &Selection, p: &Procedure) -> bool {
        cx.c.site.publish.embeds && (sel.wants(&fragment(&p.code)) || sel.wants(&frame(&p.code)))
    }

    /// The fragment is shown on other sites, so every link in both is absolute.
    fn render_procedure(
        &self,
        cx: &Cx,
        sel: &Selection,
        p: &Procedure,
        ctx: &mut Context,
    ) -> Result<(), SiteError> {
        if !cx.c.site.publish.embeds {
            return Ok(());
        }
        ctx.insert(
            "verified_iso",
            &p.last_verified.format("%Y-%m-%d").to_string(),
        );
        let render = |ctx: &mut Context| -> Result<(), SiteError> {
            if sel.wants(&fragment(&p.code)) {
                cx.render_absolute("embed.html", ctx, fragment(&p.code))?;
            }
            let frame = frame(&p.code);
            if sel.wants(&frame) {
                ctx.insert("target", "_top");
                // The frame is on this site: its stylesheet is found relative to it, even
                // offline.
                ctx.insert(
                    "embed_css",
                    &format!("{}{STYLESHEET}", urls::to_root(&frame)),
                );
                cx.render_absolute("embed_frame.html", ctx, frame)?;
            }
            Ok(())
        };
        let rendered = render(ctx);
        for added in ["verified_iso", "target", "embed_css"] {
            ctx.remove(added);
        }
        rendered
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::raw::Publish;

    #[test]
    fn rendering_embeds_leaves_the_page_context_as_it_was() {
        let dir = tempfile::tempdir().expect("tempdir");
        crate::cmd::init::write(dir.path(), false).expect("init");
        let (c, d) = crate::catalogue::load_and_validate(dir.path(), &Default::default());
        assert!(!d.has_errors());
        let theme = crate::site::theme::load(&c.root, None).expect("theme");
        let tera = crate::site::render::tera(&theme).expect("templates");
        let assets = theme
            .assets
            .keys()
            .map(|k| (k.clone(), format!("static/{k}")))
            .collect();
        let urls = crate::site::urls::Urls::new("https://example.gov.vn/");
        let opts = crate::site::BuildOptions::default();
        let sink = crate::site::MemorySink::default();
        let cx = Cx::new(&c, &urls, &opts, &tera, &theme, &assets, &sink).expect("cx");
        let p = &c.procedures[0];
        let mut ctx = tera::Context::new();
        ctx.insert("p", &serde_json::json!({}));
        let before = ctx.clone().into_json();
        let mut all = std::collections::BTreeSet::new();
        all.extend([fragment(&p.code), frame(&p.code)]);
        let sel = Selection::Only(all);
        assert!(Embeds.wants_procedure(&cx, &sel, p));
        // The templates may fail on this bare context; the keys must be gone either way.
        let _ = Embeds.render_procedure(&cx, &sel, p, &mut ctx);
        assert_eq!(ctx.into_json(), before);
    }

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
