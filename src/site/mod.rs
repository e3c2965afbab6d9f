//! The site: render the validated catalogue with the theme, index it, write it atomically.

pub(crate) mod deps;
pub(crate) mod feeds;
pub mod index;
pub(crate) mod pages;
pub(crate) mod plan;
pub(crate) mod portable;
pub(crate) mod render;
pub(crate) mod tables;
pub(crate) mod theme;
pub(crate) mod urls;
pub(crate) mod views;
pub(crate) mod write;

pub use pages::Selection;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::catalogue::Catalogue;

/// Procedures per round wherever whole procedures pass one round at a time (pages and open
/// data): enough to keep both cores busy, few enough that a round is a small part of memory
/// even when each procedure is read again from its file.
pub(crate) const ROUND: usize = 512;

/// Problems that stop a build (catalogue errors are reported before this stage).
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// A template failed to parse or render.
    #[error("lỗi mẫu giao diện{}: {message}", file.as_ref().map(|f| format!(" {}", f.display())).unwrap_or_default())]
    Template {
        /// The template file, when known.
        file: Option<PathBuf>,
        /// Tera's message with its causes.
        message: String,
    },
    /// The theme could not be loaded.
    #[error("{0}")]
    Theme(String),
    /// The output directory cannot be used.
    #[error("{0}")]
    Output(String),
    /// Reading or writing a file failed.
    #[error("lỗi đọc/ghi `{0}`: {1}")]
    Io(PathBuf, #[source] std::io::Error),
    /// A procedure file changed while the build read it again (low-memory builds).
    #[error(transparent)]
    Changed(#[from] crate::catalogue::validate::Changed),
}

/// Settings of one build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Overrides `site.yaml`'s base URL.
    pub base_url: Option<String>,
    /// The date staleness is measured against.
    pub today: NaiveDate,
    /// HTML inserted before `</body>` on every page (the live-reload script in `serve`).
    pub inject_before_body_end: Option<String>,
    /// Links name files (`…/index.html`) and the data the browser reads is also written as
    /// scripts, so the site works opened from disk (`file://`); see [`portable`].
    pub portable: bool,
}

impl Default for BuildOptions {
    fn default() -> BuildOptions {
        BuildOptions {
            base_url: None,
            today: crate::catalogue::validate::today(),
            inject_before_body_end: None,
            portable: false,
        }
    }
}

/// A rendered site in memory.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// Output path (relative, `/`-separated) → contents.
    pub files: BTreeMap<String, Vec<u8>>,
    /// How long each stage took.
    pub timings: Vec<(&'static str, Duration)>,
}

/// Where rendered files go: memory for `serve`, the staging directory for `build`. Called
/// from several threads at once.
pub trait Sink: Sync {
    /// Stores one output file (path relative to the site root, `/`-separated).
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), SiteError>;

    /// Starts an output file written in parts: the open data exports, hundreds of MB for a
    /// national catalogue, which a sink on disk writes as they grow instead of holding them.
    /// By default the parts are gathered and [`Sink::put`] when the file is done.
    fn create<'s>(&'s self, path: String) -> Result<Box<dyn FilePart + 's>, SiteError> {
        Ok(Box::new(Gathered {
            sink: self,
            path,
            bytes: Vec::new(),
        }))
    }
}

/// An output file being written in parts (see [`Sink::create`]).
pub trait FilePart: std::io::Write + Send {
    /// Completes the file; until then it is not part of the output.
    fn done(self: Box<Self>) -> Result<(), SiteError>;
}

/// A file written in parts into memory, then stored whole.
struct Gathered<'s, S: Sink + ?Sized> {
    sink: &'s S,
    path: String,
    bytes: Vec<u8>,
}

impl<S: Sink + ?Sized> std::io::Write for Gathered<'_, S> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<S: Sink + ?Sized> FilePart for Gathered<'_, S> {
    fn done(self: Box<Self>) -> Result<(), SiteError> {
        self.sink.put(self.path, self.bytes)
    }
}

/// A sink that keeps every file in memory.
#[derive(Debug, Default)]
pub struct MemorySink(std::sync::Mutex<BTreeMap<String, Vec<u8>>>);

impl MemorySink {
    /// The files stored.
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemorySink {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), SiteError> {
        let mut files = self.0.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(path, bytes);
        Ok(())
    }
}

/// Counts what passes through to another sink, and keeps the paths for the sitemap.
struct Tally<'a> {
    inner: &'a dyn Sink,
    paths: std::sync::Mutex<Vec<String>>,
    bytes: std::sync::atomic::AtomicUsize,
}

impl Sink for Tally<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), SiteError> {
        self.bytes
            .fetch_add(bytes.len(), std::sync::atomic::Ordering::Relaxed);
        self.paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.clone());
        self.inner.put(path, bytes)
    }

    fn create<'s>(&'s self, path: String) -> Result<Box<dyn FilePart + 's>, SiteError> {
        self.paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(path.clone());
        Ok(Box::new(Counted {
            inner: self.inner.create(path)?,
            bytes: &self.bytes,
        }))
    }
}

/// A file in parts whose bytes a [`Tally`] counts as they pass.
struct Counted<'s> {
    inner: Box<dyn FilePart + 's>,
    bytes: &'s std::sync::atomic::AtomicUsize,
}

impl std::io::Write for Counted<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes
            .fetch_add(n, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl FilePart for Counted<'_> {
    fn done(self: Box<Self>) -> Result<(), SiteError> {
        self.inner.done()
    }
}

/// What [`render_site_into`] produced.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Number of HTML pages.
    pub pages: usize,
    /// Number of files.
    pub files: usize,
    /// Total bytes.
    pub bytes: usize,
    /// How long each stage took.
    pub timings: Vec<(&'static str, Duration)>,
}

/// Renders the whole site (pages, feeds, data, assets, forms) into memory.
pub fn render_site(c: &Catalogue, opts: &BuildOptions) -> Result<Site, SiteError> {
    let sink = MemorySink::default();
    let summary = render_site_into(c, opts, &sink)?;
    Ok(Site {
        files: sink.into_files(),
        timings: summary.timings,
    })
}

/// Renders the whole site into `sink`, each file handed over as soon as it is ready.
pub fn render_site_into(
    c: &Catalogue,
    opts: &BuildOptions,
    sink: &dyn Sink,
) -> Result<Summary, SiteError> {
    let tally = Tally {
        inner: sink,
        paths: std::sync::Mutex::new(Vec::new()),
        bytes: std::sync::atomic::AtomicUsize::new(0),
    };
    let urls = site_urls(c, opts);
    let theme = theme::load(&c.root, c.site.theme.as_deref())?;
    // The search index is independent of the pages and its merge step is serial, so it is
    // built beside them: the other core keeps rendering meanwhile.
    let (pages_and_feeds, index) = rayon::join(
        || -> Result<_, SiteError> {
            let t = Instant::now();
            // The open data is made from each round of procedures as their pages are.
            let mut data = feeds::OpenData::new(&urls, c, c.site.publish.records, &tally)?;
            render::render_all_with(c, &theme, &urls, opts, &tally, &mut |round| data.add(round))?;
            let rendered = t.elapsed();
            let t = Instant::now();
            data.finish()?;
            if let Some(cal) = &c.calendar {
                let json = format!("{}\n", cal.to_json());
                put_data(
                    &tally,
                    opts,
                    urls::CALENDAR_JSON.to_string(),
                    json.into_bytes(),
                )?;
            }
            tally.put(urls::FEED.to_string(), feeds::atom(&urls, c)?.into_bytes())?;
            tally.put("robots.txt".to_string(), feeds::robots(&urls).into_bytes())?;
            for form in &c.forms {
                let path = c.root.join(form);
                let bytes = std::fs::read(&path).map_err(|e| SiteError::Io(path.clone(), e))?;
                tally.put(form.clone(), bytes)?;
            }
            Ok([("render", rendered), ("feeds", t.elapsed())])
        },
        || -> Result<_, SiteError> {
            let t = Instant::now();
            // A failed write stops the index; its error is the one to report.
            let mut failed = None;
            let built = index::static_index(c, &mut |path, bytes| {
                put_data(&tally, opts, path, bytes).map_err(|e| {
                    let io = std::io::Error::other(e.to_string());
                    failed = Some(e);
                    io
                })
            });
            if let Some(e) = failed {
                return Err(e);
            }
            built.map_err(|e| SiteError::Io(PathBuf::from("search"), e))?;
            Ok(("index", t.elapsed()))
        },
    );
    let mut timings = pages_and_feeds?.to_vec();
    timings.push(index?);
    let mut paths = tally.paths.into_inner().unwrap_or_else(|e| e.into_inner());
    paths.sort_unstable();
    let sitemap = feeds::sitemap(&urls, paths.iter().map(String::as_str), c);
    let bytes = tally.bytes.into_inner() + sitemap.len();
    sink.put(urls::SITEMAP.to_string(), sitemap.into_bytes())?;
    Ok(Summary {
        pages: paths.iter().filter(|p| p.ends_with(".html")).count(),
        files: paths.len() + 1,
        bytes,
        timings,
    })
}

/// Renders every page without writing anything, turning a template failure into a
/// diagnostic, so `check` catches a broken theme before publishing.
pub fn check_render(c: &Catalogue, opts: &BuildOptions) -> Option<crate::diagnostics::Diagnostic> {
    use crate::diagnostics::{Diagnostic, Span};
    // Only the templates can fail here (feeds and the search index are plain Rust), so pages
    // are rendered and nothing else: every template, over a sample that covers the shapes of
    // data a template branches on. `build` renders everything and refuses to publish on a
    // template error, so a rarer failure is still caught before anything is written.
    let urls = site_urls(c, opts);
    let rendered = theme::load(&c.root, c.site.theme.as_deref())
        .and_then(|theme| render::render_check_sample(c, &theme, &urls, opts));
    match rendered {
        Ok(_) => None,
        Err(SiteError::Template { file, message }) => {
            let file = file.unwrap_or_else(|| PathBuf::from("themes"));
            // Tera reports positions as "--> 12:5" for syntax errors; use them when present.
            let span = message
                .split("--> ")
                .nth(1)
                .and_then(|rest| {
                    let mut it = rest
                        .split(|ch: char| !ch.is_ascii_digit())
                        .filter(|s| !s.is_empty());
                    Some(Span::new(
                        it.next()?.parse().ok()?,
                        it.next()?.parse().ok()?,
                        1,
                    ))
                })
                .unwrap_or_else(Span::start);
            Some(
                Diagnostic::error(&file, span, "template", message).with_hint(
                    "sửa mẫu giao diện; biến có sẵn được mô tả trong README, mục Giao diện",
                ),
            )
        }
        Err(e) => Some(Diagnostic::error(
            &c.root,
            crate::diagnostics::Span::start(),
            "theme",
            e.to_string(),
        )),
    }
}

/// Files to replace (`Some`) or delete (`None`) in a rendered site, from an incremental update.
#[derive(Debug, Clone, Default)]
pub struct Update {
    /// Output path → new contents, or `None` when the file no longer exists.
    pub changes: BTreeMap<String, Option<Vec<u8>>>,
    /// Rebuild the sitemap after applying (it lists the site's files).
    pub sitemap: bool,
    /// A new search index replacing every file under `search/` (its names are hashes).
    pub search: Option<BTreeMap<String, Vec<u8>>>,
}

/// Which part of an incremental update to plan, so `serve` can publish the edited pages
/// before the slower listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Everything the edit touched, feeds included.
    All,
    /// The edited procedures' own pages, checklists and JSON records.
    Own,
    /// The rest: listings, other procedures' pages, feeds and bulk data.
    Rest,
}

impl Update {
    /// Number of files rendered (not counting deletions).
    pub fn rendered(&self) -> usize {
        self.changes.values().filter(|v| v.is_some()).count()
    }

    /// Applies the changes to `site` (a quick swap of ready bytes, done under `serve`'s lock),
    /// then rebuilds the sitemap when asked.
    pub fn apply(self, site: &mut Site, c: &Catalogue, opts: &BuildOptions) {
        for (path, bytes) in self.changes {
            match bytes {
                Some(b) => {
                    site.files.insert(path, b);
                }
                None => {
                    site.files.remove(&path);
                }
            }
        }
        if let Some(index) = self.search {
            site.files.retain(|k, _| !k.starts_with("search/"));
            site.files.extend(index);
        }
        if self.sitemap {
            let urls = site_urls(c, opts);
            let sitemap = feeds::sitemap(&urls, site.files.keys().map(String::as_str), c);
            site.files
                .insert(urls::SITEMAP.to_string(), sitemap.into_bytes());
        }
    }
}

/// Stores a data file the browser reads, with its script twin in a portable build.
fn put_data(
    sink: &dyn Sink,
    opts: &BuildOptions,
    path: String,
    bytes: Vec<u8>,
) -> Result<(), SiteError> {
    if opts.portable && portable::needs_twin(&path) {
        let (js, twin) = portable::script_twin(&path, &bytes);
        sink.put(js, twin)?;
    }
    sink.put(path, bytes)
}

/// Writing CSV into memory fails only on a bug in the writer; say so rather than publish a
/// partial table.
impl From<csv::Error> for SiteError {
    fn from(e: csv::Error) -> SiteError {
        SiteError::Output(format!("không ghi được bảng dữ liệu CSV: {e}"))
    }
}

fn site_urls(c: &Catalogue, opts: &BuildOptions) -> urls::Urls {
    urls::Urls::new(opts.base_url.as_deref().unwrap_or(c.site.base_url.as_str()))
}

/// Plans an incremental update after the catalogue changed from `old` to `new` in the
/// procedures `codes` alone (added, edited or removed): renders only the pages that show them.
/// Returns `None` when the change reaches further than those pages (the set of levels in use
/// changed, so level pages appear or vanish) and the caller should run `render_site`.
pub fn plan_procedure_update(
    old: &Catalogue,
    new: &Catalogue,
    codes: &BTreeSet<String>,
    opts: &BuildOptions,
) -> Result<Option<Update>, SiteError> {
    plan_procedure_update_part(old, new, codes, opts, Part::All)
}

/// [`plan_procedure_update`] for one [`Part`]; `Own` then `Rest` together equal `All`.
pub fn plan_procedure_update_part(
    old: &Catalogue,
    new: &Catalogue,
    codes: &BTreeSet<String>,
    opts: &BuildOptions,
    part: Part,
) -> Result<Option<Update>, SiteError> {
    // Turning a per-procedure copy on or off adds or removes files of every procedure.
    if old.site.publish != new.site.publish || !pages::same_structure(old, new) {
        return Ok(None);
    }
    let mut affected = BTreeSet::new();
    for code in codes {
        affected.extend(deps::procedure_dependents(old, code));
        affected.extend(deps::procedure_dependents(new, code));
    }
    let records = new.site.publish.records;
    let own: BTreeSet<String> = codes
        .iter()
        .flat_map(|c| {
            let mut own = pages::own_files(new, c);
            if records {
                own.push(urls::procedure_json(c));
            }
            own
        })
        .collect();
    affected.retain(|p| match part {
        Part::All => true,
        Part::Own => own.contains(p),
        Part::Rest => !own.contains(p),
    });
    let html: BTreeSet<String> = affected
        .iter()
        .filter(|p| p.ends_with(".html"))
        .cloned()
        .collect();
    let urls = site_urls(new, opts);
    let theme = theme::load(&new.root, new.site.theme.as_deref())?;
    let mut rendered =
        render::render_selected(new, &theme, &urls, opts, &Selection::Only(html.clone()))?;
    let mut changes = BTreeMap::new();
    for path in html {
        let bytes = rendered.remove(&path);
        changes.insert(path, bytes);
    }
    if part != Part::Rest && records {
        for code in codes {
            let json = new
                .procedure(code)
                .map(|p| feeds::procedure_json(&urls, new, p))
                .transpose()?;
            changes.insert(urls::procedure_json(code), json);
        }
    }
    let feeds = part != Part::Own;
    if feeds {
        // Computed here, outside `serve`'s lock: the bulk export is tens of MB at 10,000.
        changes.insert(
            urls::FEED.to_string(),
            Some(feeds::atom(&urls, new)?.into_bytes()),
        );
        // Of the per-procedure records only the edited ones' changed: they are written above.
        let data = MemorySink::default();
        feeds::open_data(&urls, new, false, &data)?;
        for (path, bytes) in data.into_files() {
            changes.insert(path, Some(bytes));
        }
    }
    let search = if feeds {
        let mut index = BTreeMap::new();
        index::static_index(new, &mut |path, bytes| {
            index.insert(path, bytes);
            Ok(())
        })
        .map_err(|e| SiteError::Io(PathBuf::from("search"), e))?;
        Some(index)
    } else {
        None
    };
    Ok(Some(Update {
        changes,
        sitemap: feeds,
        search,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::validate::Memory;

    fn low() -> crate::catalogue::Options {
        crate::catalogue::Options {
            memory: Memory::Low,
            ..Default::default()
        }
    }

    #[test]
    fn a_procedure_file_edited_during_a_low_memory_build_stops_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let c = crate::catalogue::testing::shipped_copy(dir.path(), &low());
        // Edited after validation, as a user saving during a long build would: the name the
        // listings were made with is no longer the file's.
        let p = &c.procedures[c.procedures.len() / 2];
        let text = std::fs::read_to_string(&p.file).expect("read");
        let edited = text.replacen(&format!("name: \"{}\"", p.name), "name: \"Tên mới\"", 1);
        assert!(edited != text, "the test edits the name");
        std::fs::write(&p.file, edited).expect("write");
        match render_site(&c, &BuildOptions::default()) {
            Err(SiteError::Changed(e)) => {
                assert_eq!(e.file, p.file);
                assert!(e.to_string().contains("chạy lại lệnh"), "{e}");
            }
            other => panic!("expected Changed, got {:?}", other.map(|s| s.files.len())),
        }
    }

    #[test]
    fn check_renders_its_sample_from_summaries() {
        let c = crate::catalogue::testing::shipped(&low());
        assert!(c.procedures.iter().all(|p| p.is_summary()));
        let sample = render::render_selected(
            &c,
            &theme::load(&c.root, None).expect("theme"),
            &site_urls(&c, &BuildOptions::default()),
            &BuildOptions::default(),
            &pages::check_sample(&c),
        )
        .expect("renders");
        let (code, page) = sample
            .iter()
            .find_map(|(path, bytes)| {
                let code = path
                    .strip_prefix(urls::PROCEDURES)?
                    .strip_suffix("/index.html")?;
                Some((code, String::from_utf8_lossy(bytes).into_owned()))
            })
            .expect("a procedure page in the sample");
        // The page shows the papers and steps, which the summary does not hold.
        let summary = c.procedure(code).expect("in the catalogue");
        let whole = c.full(summary).expect("reads back");
        assert!(summary.papers.is_empty() && !whole.papers.is_empty());
        for text in [&whole.papers[0].items[0].name, &whole.steps[0].title] {
            assert!(page.contains(&views::escape_html(text)), "{code}: {text}");
        }
        assert_eq!(check_render(&c, &BuildOptions::default()), None);
    }
}
