//! The site's pages, one module per kind. Each kind states, in one place, which pages it has,
//! the view model and template of each, which pages show a given procedure (so `serve`
//! re-renders only those after an edit) and a small sample for `check`. [`KINDS`] is the one
//! list the renderer, `serve`'s dependency tracking and `check` all read.

mod agency;
mod az;
mod communes;
mod embed;
mod fixed;
mod home;
mod journey;
mod legal;
mod level;
mod listing;
mod open_data;
mod procedure;
pub(crate) mod publication;
mod sector;

use std::collections::BTreeSet;

use serde::Serialize;
use tera::{Context, Tera};

use super::urls::{self, Urls};
use super::{BuildOptions, Sink, SiteError};
use crate::catalogue::model::{Catalogue, Procedure};

pub(crate) use procedure::{naming, own_files};

/// A kind of page.
pub(crate) trait PageKind: Sync {
    /// Every page of this kind in `c`, as output files (site-relative, `/`-separated).
    fn files(&self, c: &Catalogue) -> Vec<String>;

    /// The pages of this kind whose content depends on procedure `p` as it is in `c`.
    fn showing(&self, c: &Catalogue, p: &Procedure) -> Vec<String>;

    /// A few pages that between them take every branch of the kind's template.
    fn sample(&self, c: &Catalogue) -> Vec<String>;

    /// True when the kind has one page per procedure: adding or removing a procedure then
    /// adds or removes pages of this kind, which `serve` handles itself. For the other kinds a
    /// change in [`PageKind::files`] means the site's structure changed.
    fn per_procedure(&self) -> bool {
        false
    }

    /// Renders the pages of this kind that `sel` wants, apart from each procedure's own
    /// files, which [`render_procedures`] renders through [`PageKind::render_procedure`].
    fn render(&self, cx: &Cx, sel: &Selection) -> Result<(), SiteError>;

    /// For a kind with files per procedure: whether `sel` wants any of `p`'s files.
    fn wants_procedure(&self, _cx: &Cx, _sel: &Selection, _p: &Procedure) -> bool {
        false
    }

    /// For a kind with files per procedure: renders `p`'s files that `sel` wants from `ctx`,
    /// the context of `p`'s page (its view `p`, `history`, canonical URL), which every such
    /// kind shares. A kind may add variables for its own templates but removes them again, so
    /// the next kind sees the page's context.
    fn render_procedure(
        &self,
        _cx: &Cx,
        _sel: &Selection,
        _p: &Procedure,
        _ctx: &mut Context,
    ) -> Result<(), SiteError> {
        Ok(())
    }
}

/// Every kind of page the site has.
pub(crate) const KINDS: &[&dyn PageKind] = &[
    &home::Home,
    &procedure::ProcedurePages,
    &sector::Sectors,
    &level::Levels,
    &agency::Agencies,
    &legal::LegalDocuments,
    &journey::Journeys,
    &az::AtoZ,
    &fixed::Fixed,
    &open_data::OpenData,
    &embed::Embeds,
    &publication::Publications,
    &communes::CommunesPage,
];

/// Which pages a render produces.
#[derive(Debug, Clone)]
pub enum Selection {
    /// Every page of the site.
    All,
    /// Only these output files (e.g. `thu-tuc/1.001193/index.html`); the rest are not computed.
    Only(BTreeSet<String>),
}

impl Selection {
    /// True when the output file `out` is to be rendered.
    pub fn wants(&self, out: &str) -> bool {
        match self {
            Selection::All => true,
            Selection::Only(set) => set.contains(out),
        }
    }

    /// True when the page at `dir` (a URL directory such as `linh-vuc/ho-tich/`, or an
    /// `.html` file) is to be rendered.
    pub fn wants_page(&self, dir: &str) -> bool {
        match self {
            Selection::All => true,
            Selection::Only(set) => set.contains(&urls::file_for(dir)),
        }
    }

    /// True when any wanted file starts with `prefix` (a listing's own directory).
    fn wants_any_under(&self, prefix: &str) -> bool {
        match self {
            Selection::All => true,
            Selection::Only(set) => set.iter().any(|f| f.starts_with(prefix)),
        }
    }
}

/// Output files of the pages at `dirs`.
fn files_of<'a>(dirs: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    dirs.into_iter().map(urls::file_for).collect()
}

/// What else the build makes from each whole procedure while its pages are rendered (the open
/// data), called with each round of procedures in code order: each file is then read once
/// when the catalogue holds summaries.
pub(crate) type AlsoEach<'a> = dyn FnMut(&[&Procedure]) -> Result<(), SiteError> + Send + 'a;

/// Renders every procedure's own files (page, checklist, embeds, …) that `sel` wants, a round
/// of procedures at a time, and hands each round to `also`. Each procedure's view, the
/// costliest part of rendering it, is computed once and shared by every kind through one
/// context, then dropped: ten thousand views never sit in memory at once. In a catalogue of
/// summaries each procedure is read again, once, for all of this.
pub(crate) fn render_procedures(
    cx: &Cx,
    sel: &Selection,
    mut also: Option<&mut AlsoEach<'_>>,
) -> Result<(), SiteError> {
    use rayon::prelude::*;
    let kinds: Vec<&dyn PageKind> = KINDS
        .iter()
        .copied()
        .filter(|k| k.per_procedure())
        .collect();
    let every = also.is_some();
    for round in candidates(cx.c, sel).chunks(super::ROUND) {
        let wanted: Vec<(&Procedure, Vec<&dyn PageKind>)> = round
            .iter()
            .map(|p| {
                let wanting = kinds
                    .iter()
                    .copied()
                    .filter(|k| k.wants_procedure(cx, sel, p))
                    .collect();
                (*p, wanting)
            })
            .collect();
        let whole: Vec<(std::borrow::Cow<Procedure>, Vec<&dyn PageKind>)> = wanted
            .into_par_iter()
            .filter(|(_, wanting)| every || !wanting.is_empty())
            .map(|(p, wanting)| Ok((cx.c.full(p)?, wanting)))
            .collect::<Result<_, SiteError>>()?;
        whole
            .par_iter()
            .try_for_each(|(p, wanting)| render_one(cx, sel, p, wanting))?;
        if let Some(f) = also.as_deref_mut() {
            let list: Vec<&Procedure> = whole.iter().map(|(p, _)| &**p).collect();
            f(&list)?;
        }
    }
    Ok(())
}

/// One whole procedure's own files, for the kinds that want them.
fn render_one(
    cx: &Cx,
    sel: &Selection,
    p: &Procedure,
    wanting: &[&dyn PageKind],
) -> Result<(), SiteError> {
    if wanting.is_empty() {
        return Ok(());
    }
    {
        let dir = urls::procedure(&p.code);
        let view = to_json(&super::views::procedure_view(
            cx.c,
            cx.urls,
            p,
            cx.opts.today,
        ))?;
        let history = to_json(&publication::history(cx.c, cx.urls, &p.code))?;
        let mut ctx = cx.context(vec![("p", view), ("history", history)], Some(&dir))?;
        for kind in wanting {
            kind.render_procedure(cx, sel, p, &mut ctx)?;
        }
        Ok(())
    }
}

/// The procedures that may have files in `sel`: every file of procedure `code` lies under
/// `thu-tuc/<code>/`, so a small selection (`check`'s sample, `serve` after an edit) names
/// its few procedures without a look at each of ten thousand.
fn candidates<'c>(c: &'c Catalogue, sel: &Selection) -> Vec<&'c Procedure> {
    match sel {
        Selection::All => c.procedures.iter().map(|p| &**p).collect(),
        Selection::Only(files) => {
            let codes: BTreeSet<&str> = files
                .iter()
                .filter_map(|f| f.strip_prefix(urls::PROCEDURES)?.split('/').next())
                .collect();
            codes
                .into_iter()
                .filter_map(|code| c.procedure(code))
                .collect()
        }
    }
}

/// Every output file of every page kind that shows procedure `p` in `c`.
pub(crate) fn showing(c: &Catalogue, p: &Procedure) -> BTreeSet<String> {
    KINDS.iter().flat_map(|k| k.showing(c, p)).collect()
}

/// The pages `check` renders: each kind's sample.
pub(crate) fn check_sample(c: &Catalogue) -> Selection {
    Selection::Only(KINDS.iter().flat_map(|k| k.sample(c)).collect())
}

/// True when the two catalogues have the same pages, apart from per-procedure pages.
pub(crate) fn same_structure(old: &Catalogue, new: &Catalogue) -> bool {
    KINDS
        .iter()
        .filter(|k| !k.per_procedure())
        .all(|k| k.files(old) == k.files(new))
}

/// Links every page needs (header, footer).
#[derive(Debug, Clone, Serialize)]
struct Links {
    home: String,
    sectors: String,
    agencies: String,
    legal: String,
    journeys: String,
    levels: String,
    az: String,
    search: String,
    about: String,
    feed: String,
    sitemap: String,
    data: String,
    open_data: String,
}

/// What rendering a page needs: the catalogue, URLs, templates and where pages go.
pub(crate) struct Cx<'a> {
    /// The catalogue being rendered.
    pub(crate) c: &'a Catalogue,
    /// URLs of the site.
    pub(crate) urls: &'a Urls,
    /// Build settings.
    pub(crate) opts: &'a BuildOptions,
    tera: &'a Tera,
    theme: &'a super::theme::Theme,
    base: Context,
    sink: &'a dyn Sink,
    cards: listing::CardCache<'a>,
}

impl<'a> Cx<'a> {
    /// A context over `c`, with the shared variables every template sees (`site`, `links`,
    /// `publish`: `site.yaml`'s `publish` switches, `assets`: URL of each theme asset by its
    /// name in [`super::theme::PAGE_ASSETS`]).
    pub(crate) fn new(
        c: &'a Catalogue,
        urls: &'a Urls,
        opts: &'a BuildOptions,
        tera: &'a Tera,
        theme: &'a super::theme::Theme,
        asset_urls: &std::collections::BTreeMap<String, String>,
        sink: &'a dyn Sink,
    ) -> Result<Cx<'a>, SiteError> {
        let mut assets = serde_json::Map::new();
        for (name, path) in super::theme::PAGE_ASSETS {
            let url = asset_urls
                .get(*path)
                .ok_or_else(|| SiteError::Theme(format!("giao diện thiếu tệp `static/{path}`")))?;
            assets.insert(name.to_string(), serde_json::Value::String(url.clone()));
        }
        let links = Links {
            home: urls.link(urls::HOME),
            sectors: urls.link(urls::SECTORS),
            agencies: urls.link(urls::AGENCIES),
            legal: urls.link(urls::LEGAL),
            journeys: urls.link(urls::JOURNEYS),
            levels: urls.link(urls::LEVELS),
            az: urls.link(urls::AZ),
            search: urls.link(urls::SEARCH),
            about: urls.link(urls::ABOUT),
            feed: urls.link(urls::FEED),
            sitemap: urls.link(urls::SITEMAP),
            data: urls.link(urls::DATA),
            open_data: urls.link(urls::OPEN_DATA),
        };
        let mut base = Context::new();
        base.insert("site", &c.site);
        base.insert("links", &links);
        // Which per-procedure copies exist, so no page links to one the site does not write.
        base.insert("publish", &c.site.publish);
        base.insert("assets", &assets);
        Ok(Cx {
            c,
            urls,
            opts,
            tera,
            theme,
            base,
            sink,
            cards: listing::CardCache::new(c, urls),
        })
    }

    /// Makes listings show only a few cards each: for `check`, which renders pages to catch
    /// template errors and throws them away (see [`listing::CardCache::sampling`]).
    pub(crate) fn sample_listings(&mut self) {
        self.cards = listing::CardCache::sampling(self.c, self.urls);
    }

    /// Computes the procedure cards up front when a listing is to be rendered.
    pub(crate) fn prepare(&self, sel: &Selection) {
        let listings = match sel {
            Selection::All => true,
            Selection::Only(set) => set.iter().any(|f| !f.starts_with(urls::PROCEDURES)),
        };
        if listings {
            self.cards.prepare();
        }
    }

    /// The template context of a page: its own variables, the shared ones, and the canonical
    /// URL of `canonical` (a site-relative page directory) when the page has one.
    fn context(&self, vars: Vars, canonical: Option<&str>) -> Result<Context, SiteError> {
        // Moving the variables into the context avoids a deep copy of each view model.
        let vars: serde_json::Map<String, serde_json::Value> =
            vars.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let mut ctx = Context::from_value(serde_json::Value::Object(vars)).map_err(|e| {
            SiteError::Template {
                file: None,
                message: format!("biến của trang không hợp lệ: {e}"),
            }
        })?;
        ctx.extend(self.base.clone());
        if let Some(u) = canonical {
            ctx.insert("canonical", &self.urls.absolute(u));
        }
        Ok(ctx)
    }

    /// Renders `template` with `ctx` into the output file `out`.
    fn render_to(&self, template: &str, ctx: &Context, out: String) -> Result<(), SiteError> {
        let mut html = self.render_bytes(template, ctx)?;
        // The 404 page is served at whatever path was missing, so only links from the site's
        // root can work there; every other page links relative to itself.
        if self.opts.portable {
            // Opened from disk, the 404 page is only ever opened where it lies.
            html = super::portable::relativize(&html, &self.urls.base_path, &urls::to_root(&out));
        } else if out != urls::NOT_FOUND {
            html = urls::relativize(&html, &self.urls.base_path, &urls::to_root(&out));
        }
        self.put_page(out, html)
    }

    /// Renders `template` with `ctx` into `out` for showing on other sites: the site's own
    /// links become absolute URLs.
    fn render_absolute(&self, template: &str, ctx: &Context, out: String) -> Result<(), SiteError> {
        let html = self.render_bytes(template, ctx)?;
        let html = urls::absolutize(&html, &self.urls.base_path, &self.urls.base_url);
        self.put_page(out, html)
    }

    fn render_bytes(&self, template: &str, ctx: &Context) -> Result<Vec<u8>, SiteError> {
        // Rendered straight into bytes: Tera's `render` would check the whole page is UTF-8
        // once more to return a String.
        let mut html = Vec::with_capacity(32 * 1024);
        self.tera
            .render_to(template, ctx, &mut html)
            .map_err(|e| super::render::template_error(self.theme, e))?;
        Ok(html)
    }

    /// Writes a rendered page, with `serve`'s snippet when it has one.
    fn put_page(&self, out: String, mut html: Vec<u8>) -> Result<(), SiteError> {
        if let Some(snippet) = &self.opts.inject_before_body_end {
            if let Some(i) = memchr::memmem::rfind(&html, b"</body>") {
                html.splice(i..i, snippet.bytes());
            }
        }
        self.sink.put(out, html)
    }

    /// Renders the page at `dir` (its canonical URL) with `template` and `vars`.
    fn page(&self, dir: &str, template: &str, vars: Vars) -> Result<(), SiteError> {
        let ctx = self.context(vars, Some(dir))?;
        self.render_to(template, &ctx, urls::file_for(dir))
    }

    /// Renders a listing page at `dir`.
    fn list(&self, dir: &str, page: &listing::ListPage) -> Result<(), SiteError> {
        self.page(dir, "list.html", vec![("page", to_json(page)?)])
    }
}

/// A page's own template variables.
type Vars = Vec<(&'static str, serde_json::Value)>;

/// A view model as a template value.
fn to_json<T: Serialize>(v: &T) -> Result<serde_json::Value, SiteError> {
    serde_json::to_value(v).map_err(|e| SiteError::Template {
        file: None,
        message: format!("không chuyển được dữ liệu trang: {e}"),
    })
}

/// The current (not abolished) procedures of `c`, in code order.
fn current(c: &Catalogue) -> impl Iterator<Item = &Procedure> {
    c.procedures
        .iter()
        .map(|p| &**p)
        .filter(|p| !p.is_abolished())
}
