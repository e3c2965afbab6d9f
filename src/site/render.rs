//! Render stage: the driver. Compiles the theme's templates, writes its assets, then lets
//! every page kind in [`super::pages::KINDS`] render the pages it has, in parallel.

use std::collections::BTreeMap;

use rayon::prelude::*;
use tera::Tera;

use super::pages::{AlsoEach, Cx, Selection, KINDS};
use super::theme::{hashed_name, Theme};
use super::urls::Urls;
use super::views;
use super::{BuildOptions, SiteError};
use crate::catalogue::model::Catalogue;

fn escape(s: &str) -> String {
    views::escape_html(s)
}

/// Builds the Tera instance from the theme's templates.
pub(crate) fn tera(theme: &Theme) -> Result<Tera, SiteError> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's default also escapes `/`, which bloats every URL; these five suffice in HTML.
    tera.set_escape_fn(escape);
    let list: Vec<(String, String)> = theme
        .templates
        .iter()
        .map(|(n, (src, _))| (n.clone(), src.clone()))
        .collect();
    tera.add_raw_templates(list)
        .map_err(|e| template_error(theme, e))?;
    Ok(tera)
}

/// The compiled templates of the last theme seen, by a hash of their sources: compiling them
/// takes tens of milliseconds, which `serve` would otherwise pay again on every save.
static COMPILED: std::sync::Mutex<Option<(u64, std::sync::Arc<Tera>)>> =
    std::sync::Mutex::new(None);

/// Compiles the templates of the theme a catalogue at `root` gets when `site.yaml` names
/// none, keeping them for [`compiled`]. `check` calls it on a thread of its own while the
/// catalogue is read, which leaves a core idle at the start: the render that follows then
/// starts at once. Errors are left for that render to report; another theme is compiled then.
pub(crate) fn warm_default_theme(root: &std::path::Path) {
    if let Ok(theme) = super::theme::load(root, None) {
        let _ = compiled(&theme);
    }
}

/// [`tera`], reusing the last compiled instance when the templates are the same.
fn compiled(theme: &Theme) -> Result<std::sync::Arc<Tera>, SiteError> {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for (name, (src, _)) in &theme.templates {
        h.update(name.as_bytes());
        h.update(&[0]);
        h.update(src.as_bytes());
        h.update(&[0]);
    }
    let key = h.digest();
    if let Ok(guard) = COMPILED.lock() {
        if let Some((k, t)) = guard.as_ref() {
            if *k == key {
                return Ok(std::sync::Arc::clone(t));
            }
        }
    }
    let t = std::sync::Arc::new(tera(theme)?);
    if let Ok(mut guard) = COMPILED.lock() {
        *guard = Some((key, std::sync::Arc::clone(&t)));
    }
    Ok(t)
}

pub(crate) fn template_error(theme: &Theme, e: tera::Error) -> SiteError {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(&e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    // Tera names the template in its message; find which file that is.
    let file = theme
        .templates
        .iter()
        .find(|(n, _)| msg.contains(&format!("'{n}'")))
        .map(|(_, (_, p))| p.clone());
    SiteError::Template { file, message: msg }
}

/// Renders the theme's assets and the selected pages into memory. Pages outside the selection
/// are skipped before their context is computed, so a small selection stays cheap on a large
/// catalogue (this is what `serve` uses to re-render what one edit touched).
pub fn render_selected(
    c: &Catalogue,
    theme: &Theme,
    urls: &Urls,
    opts: &BuildOptions,
    sel: &Selection,
) -> Result<BTreeMap<String, Vec<u8>>, SiteError> {
    let sink = super::MemorySink::default();
    render_into(c, theme, urls, opts, sel, &sink)?;
    Ok(sink.into_files())
}

/// Renders the theme's assets and the selected pages into `sink` as they are produced, in
/// parallel: a page's bytes are handed over (written, for `build`) and dropped at once.
pub fn render_into(
    c: &Catalogue,
    theme: &Theme,
    urls: &Urls,
    opts: &BuildOptions,
    sel: &Selection,
    sink: &dyn super::Sink,
) -> Result<(), SiteError> {
    render_with(c, theme, urls, opts, sel, sink, Mode::Pages)
}

/// Renders the theme's assets and every page into `sink`, handing each round of whole
/// procedures to `also` as their pages are rendered (the build makes its open data there, so
/// each procedure file is read once in a catalogue of summaries).
pub(crate) fn render_all_with(
    c: &Catalogue,
    theme: &Theme,
    urls: &Urls,
    opts: &BuildOptions,
    sink: &dyn super::Sink,
    also: &mut AlsoEach<'_>,
) -> Result<(), SiteError> {
    render_with(
        c,
        theme,
        urls,
        opts,
        &Selection::All,
        sink,
        Mode::Also(also),
    )
}

/// Renders `check`'s sample of pages ([`super::pages::check_sample`]) and drops them: every
/// template runs, and listings show a few cards each instead of thousands (the cards are
/// all alike to a template; see [`Cx::sample_listings`]).
pub(crate) fn render_check_sample(
    c: &Catalogue,
    theme: &Theme,
    urls: &Urls,
    opts: &BuildOptions,
) -> Result<(), SiteError> {
    let sel = super::pages::check_sample(c);
    render_with(c, theme, urls, opts, &sel, &Discard, Mode::CheckSample)
}

/// A sink that keeps nothing: `check` renders only to see that rendering works.
struct Discard;

impl super::Sink for Discard {
    fn put(&self, _: String, _: Vec<u8>) -> Result<(), SiteError> {
        Ok(())
    }
}

/// What a render does besides writing the selected pages.
enum Mode<'a, 'b> {
    /// Nothing more.
    Pages,
    /// `check`'s sample: listings show a few cards each.
    CheckSample,
    /// Each round of whole procedures is also handed to this (the build's open data).
    Also(&'a mut AlsoEach<'b>),
}

/// [`render_into`], in one of the [`Mode`]s.
fn render_with(
    c: &Catalogue,
    theme: &Theme,
    urls: &Urls,
    opts: &BuildOptions,
    sel: &Selection,
    sink: &dyn super::Sink,
    mode: Mode<'_, '_>,
) -> Result<(), SiteError> {
    let tera = compiled(theme)?;
    // Assets first: pages link to their hashed names.
    let mut asset_urls: BTreeMap<String, String> = BTreeMap::new();
    for (path, bytes) in &theme.assets {
        let hashed = if path.ends_with(".css") || path.ends_with(".js") {
            hashed_name(path, bytes)
        } else {
            path.clone()
        };
        let out = format!("static/{hashed}");
        asset_urls.insert(path.clone(), urls.link(&out));
        sink.put(out, bytes.clone())?;
    }
    let mut cx = Cx::new(c, urls, opts, &tera, theme, &asset_urls, sink)?;
    let also = match mode {
        Mode::Pages => None,
        Mode::CheckSample => {
            cx.sample_listings();
            None
        }
        Mode::Also(f) => Some(f),
    };
    cx.prepare(sel);
    let (kinds, procedures) = rayon::join(
        || KINDS.par_iter().try_for_each(|kind| kind.render(&cx, sel)),
        || super::pages::render_procedures(&cx, sel, also),
    );
    kinds.and(procedures)
}
