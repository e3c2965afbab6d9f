//! Embeddable procedures: for each procedure a fragment a portal's CMS can include
//! (`nhung.html`: no document shell, no script, classes prefixed `mc-`, absolute links, styled
//! by the scoped `du-lieu/nhung.css`) and a compact page for an `<iframe>` (`khung.html`: the
//! same fragment, links open in the top window). Both show the source link and the date the
//! facts were last verified, so an embed never hides where they came from. None of them is
//! written when `publish.embeds` in `site.yaml` is off.

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
        // Each procedure's fragment and iframe page are rendered by the procedure kind, from
        // the view its page uses (see [`render_procedure`]): one view per procedure.
        Ok(())
    }
}

/// Whether `sel` wants any embed of procedure `code`.
pub(super) fn wanted(cx: &Cx, sel: &Selection, code: &str) -> bool {
    cx.c.site.publish.embeds && (sel.wants(&fragment(code)) || sel.wants(&frame(code)))
}

/// Renders the embeds of `p` that `sel` wants, from `ctx`: the context of its page (view `p`,
/// canonical URL). The fragment is shown on other sites, so every link in both is absolute.
pub(super) fn render_procedure(
    cx: &Cx,
    sel: &Selection,
    p: &Procedure,
    mut ctx: tera::Context,
) -> Result<(), SiteError> {
    if !cx.c.site.publish.embeds {
        return Ok(());
    }
    ctx.insert(
        "verified_iso",
        &p.last_verified.format("%Y-%m-%d").to_string(),
    );
    if sel.wants(&fragment(&p.code)) {
        cx.render_absolute("embed.html", &ctx, fragment(&p.code))?;
    }
    let frame = frame(&p.code);
    if sel.wants(&frame) {
        ctx.insert("target", "_top");
        // The frame is on this site: its stylesheet is found relative to it, even offline.
        ctx.insert(
            "embed_css",
            &format!("{}{STYLESHEET}", urls::to_root(&frame)),
        );
        cx.render_absolute("embed_frame.html", &ctx, frame)?;
    }
    Ok(())
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
