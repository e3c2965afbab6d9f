//! The builder side of `serve`: full and incremental rebuilds, and the error overlay.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::time::Instant;

use super::Shared;
use crate::catalogue::{self, Catalogue, Options};
use crate::diagnostics::{self, Format};
use crate::site::{self, BuildOptions, Part};

/// File events gathered since the last good build.
#[derive(Debug, Default)]
pub struct Pending {
    paths: BTreeSet<PathBuf>,
    /// The watcher reports every file under a moved directory (the polling one does), so a
    /// directory's own event needs no full rebuild.
    per_file: bool,
}

impl Pending {
    /// An empty set; `per_file` is true for the polling watcher.
    pub fn new(per_file: bool) -> Pending {
        Pending {
            paths: BTreeSet::new(),
            per_file,
        }
    }

    /// Adds the paths of a debounced batch of events.
    pub fn add(&mut self, paths: &[PathBuf]) {
        self.paths.extend(paths.iter().cloned());
    }

    /// True when some path is worth a rebuild (not an editor's swap or backup file).
    pub fn relevant(&self) -> bool {
        self.paths.iter().any(|p| !ignored(p))
    }

    /// Drops paths that never need a rebuild.
    pub fn clear_ignored(&mut self) {
        self.paths.retain(|p| !ignored(p));
    }

    /// The relevant paths, when every one of them is a procedure file under `root`.
    fn procedure_files(&self, root: &Path) -> Option<BTreeSet<&Path>> {
        let dir = root.join("procedures");
        let mut out = BTreeSet::new();
        for p in self.paths.iter().filter(|p| !ignored(p)) {
            let yaml = matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"));
            if !p.starts_with(&dir) {
                return None;
            }
            if yaml {
                out.insert(p.as_path());
            } else if p.exists() && !(self.per_file && p.is_dir()) {
                // A directory moved or renamed: its files' own events may be missing.
                return None;
            }
            // Otherwise a temporary file already gone (`sed -i`, editors' atomic saves): only
            // YAML files under procedures/ are read, so it changed nothing.
        }
        Some(out)
    }
}

/// Editors write swap, backup and temporary files next to the real one; they never change the
/// catalogue, and rebuilding for them would reload the page for nothing.
fn ignored(p: &Path) -> bool {
    let Some(name) = p.file_name().and_then(|n| n.to_str()) else {
        return true;
    };
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
        || p.components().any(|c| c.as_os_str() == ".git")
}

/// How a rebuild went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The whole site was rendered.
    Full,
    /// Only the pages depending on the edited procedures were rendered.
    Incremental,
}

/// The result of one rebuild, for the console.
#[derive(Debug, Clone)]
pub struct Report {
    /// The line (or diagnostics) printed for the user.
    pub message: String,
}

/// Owns the last good catalogue and rebuilds the served site from file changes. After an edit
/// of procedure files it publishes the edited pages itself and hands the slower rest (listings
/// with thousands of cards, feeds, bulk data, both search indexes) to a background thread, so
/// the page being edited reloads at once and the next save never queues behind the listings.
pub struct Builder {
    root: PathBuf,
    opts: BuildOptions,
    last: Option<Arc<Catalogue>>,
    cache: catalogue::Cache,
    /// Version of the catalogue behind the pages published last (bumped per good build).
    version: u64,
    rest: mpsc::Sender<RestMsg>,
}

impl std::fmt::Debug for Builder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Builder")
            .field("root", &self.root)
            .field("version", &self.version)
            .finish()
    }
}

/// Work for the background thread.
enum RestMsg {
    /// Render what an incremental build left out, for catalogue version `version`.
    Rest(RestJob),
    /// A full build was published: earlier incremental work is covered by it.
    Reset,
}

struct RestJob {
    old: Arc<Catalogue>,
    new: Arc<Catalogue>,
    codes: BTreeSet<String>,
    version: u64,
}

impl Builder {
    /// A builder for the catalogue at `root` (absolute), served at `base_url`, publishing into
    /// `shared`. Starts the background thread that finishes incremental builds.
    pub fn new(root: PathBuf, base_url: String, shared: Arc<Shared>) -> Builder {
        let opts = BuildOptions {
            base_url: Some(base_url),
            inject_before_body_end: Some(super::reload_script()),
            ..BuildOptions::default()
        };
        let (tx, rx) = mpsc::channel();
        let worker_opts = opts.clone();
        std::thread::spawn(move || rest_worker(&rx, &shared, &worker_opts));
        Builder {
            root,
            opts,
            last: None,
            cache: catalogue::Cache::default(),
            version: 0,
            rest: tx,
        }
    }

    /// Directories to watch: the catalogue, and the theme directory when it lives outside it.
    pub fn watched_dirs(&self) -> Vec<PathBuf> {
        let name = self
            .last
            .as_ref()
            .and_then(|c| c.site.theme.clone())
            .unwrap_or_else(|| "default".to_string());
        let mut dirs = vec![self.root.clone()];
        for d in site::theme::candidate_dirs(&self.root, &name) {
            if d.is_dir() && !d.starts_with(&self.root) {
                dirs.push(d);
            }
        }
        dirs
    }

    /// Validates the catalogue and rebuilds: incrementally when `pending` holds only procedure
    /// files and a good build exists, fully otherwise. On errors the last good site stays and
    /// every page gets the overlay. Open pages are told to reload in every case.
    pub fn rebuild(&mut self, shared: &Shared, pending: Option<&mut Pending>) -> Report {
        let start = Instant::now();
        // Only procedure files changed: the watcher's list is enough, no walk of the tree.
        let changed: Option<BTreeSet<PathBuf>> = pending
            .as_deref()
            .and_then(|p| p.procedure_files(&self.root))
            .map(|files| files.into_iter().map(Path::to_path_buf).collect());
        let (c, diags) = catalogue::load_and_validate_cached(
            &self.root,
            &Options::default(),
            &mut self.cache,
            changed.as_ref(),
        );
        let validated = start.elapsed();
        if diags.has_errors() {
            let text = diagnostics::render(&diags, Format::Human);
            let message = if self.last.is_some() {
                format!("{text}Danh mục có lỗi: vẫn phục vụ bản dựng tốt gần nhất.")
            } else {
                format!(
                    "{text}Danh mục có lỗi: trình duyệt hiện danh sách lỗi cho đến khi sửa xong."
                )
            };
            publish(shared, &self.opts, None, Some(overlay_html(&text)), None);
            return Report { message };
        }
        let c = Arc::new(c);
        let version = self.version + 1;
        let incremental = match (&self.last, changed.as_ref()) {
            (Some(old), Some(files)) => {
                let codes = codes_in_files(old, &c, files);
                site::plan_procedure_update_part(old, &c, &codes, &self.opts, Part::Own)
                    .map(|u| u.map(|u| (u, codes, Arc::clone(old))))
            }
            _ => Ok(None),
        };
        let result = match incremental {
            Ok(Some((own, codes, old))) => {
                let files = own.rendered();
                publish(
                    shared,
                    &self.opts,
                    Some(Change::Update(own, &c)),
                    None,
                    Some(version),
                );
                // The listings, feeds and search indexes follow in the background.
                let _ = self.rest.send(RestMsg::Rest(RestJob {
                    old,
                    new: Arc::clone(&c),
                    codes: codes.clone(),
                    version,
                }));
                Ok((
                    Outcome::Incremental,
                    files,
                    format!("{} thủ tục sửa", codes.len()),
                ))
            }
            Ok(None) => site::render_site(&c, &self.opts).map(|s| {
                let files = s.files.len();
                publish(
                    shared,
                    &self.opts,
                    Some(Change::Replace(s)),
                    None,
                    Some(version),
                );
                let _ = self.rest.send(RestMsg::Reset);
                update_search(shared, &self.opts, &c, version);
                (
                    Outcome::Full,
                    files,
                    format!("{} thủ tục", c.procedures.len()),
                )
            }),
            Err(e) => Err(e),
        };
        match result {
            Ok((outcome, files, what)) => {
                if let Some(p) = pending {
                    p.paths.clear();
                }
                self.version = version;
                self.last = Some(c);
                let warnings = diags.warning_count();
                let elapsed = start.elapsed();
                let mut message = match outcome {
                    Outcome::Incremental => format!(
                        "Đã dựng (tăng dần, {what}): {files} trang thủ tục trong {:.0} ms (kiểm tra danh mục {:.0} ms); danh sách, nguồn tin và chỉ mục tìm kiếm cập nhật tiếp trong nền",
                        elapsed.as_secs_f64() * 1000.0,
                        validated.as_secs_f64() * 1000.0
                    ),
                    _ => format!(
                        "Đã dựng (toàn bộ, {what}): {files} tệp trong {:.0} ms (kiểm tra danh mục {:.0} ms)",
                        elapsed.as_secs_f64() * 1000.0,
                        validated.as_secs_f64() * 1000.0
                    ),
                };
                if warnings > 0 {
                    message.push_str(&format!(", {warnings} cảnh báo (xem `motcua check`)"));
                }
                Report { message }
            }
            Err(e) => {
                let text = format!("error: {e}\n");
                publish(shared, &self.opts, None, Some(overlay_html(&text)), None);
                Report {
                    message: format!("{text}Giao diện có lỗi: vẫn phục vụ bản dựng tốt gần nhất."),
                }
            }
        }
    }
}

/// The background half of incremental builds. Jobs that pile up while one is rendering are
/// merged (the earliest old catalogue, the newest new one, every edited code), and a result
/// is published only if no newer edit was published meanwhile; otherwise its work is carried
/// into the next job, so a fast typist never sees stale listings for long.
fn rest_worker(rx: &mpsc::Receiver<RestMsg>, shared: &Shared, opts: &BuildOptions) {
    let mut carry: Option<RestJob> = None;
    while let Ok(first) = rx.recv() {
        let mut msgs = vec![first];
        msgs.extend(rx.try_iter());
        for msg in msgs {
            carry = match (msg, carry.take()) {
                (RestMsg::Reset, _) => None,
                (RestMsg::Rest(job), None) => Some(job),
                (RestMsg::Rest(job), Some(mut acc)) => {
                    acc.codes.extend(job.codes);
                    acc.new = job.new;
                    acc.version = job.version;
                    Some(acc)
                }
            };
        }
        let Some(job) = carry.take() else {
            continue;
        };
        let start = Instant::now();
        let rest =
            site::plan_procedure_update_part(&job.old, &job.new, &job.codes, opts, Part::Rest);
        match rest {
            Ok(Some(rest)) => {
                let files = rest.rendered();
                let changed = Arc::new(rest.changes.keys().cloned().collect::<Vec<_>>());
                let applied = {
                    let Ok(mut served) = shared.served.write() else {
                        return;
                    };
                    if served.version == job.version {
                        if let Some(site) = served.site.as_mut() {
                            rest.apply(site, &job.new, opts);
                        }
                        served.generation += 1;
                        Some(served.generation)
                    } else {
                        None
                    }
                };
                match applied {
                    Some(generation) => {
                        shared.broadcast(super::Reload::Files(generation, changed));
                        update_search(shared, opts, &job.new, job.version);
                        eprintln!(
                            "Đã cập nhật danh sách, nguồn tin và chỉ mục tìm kiếm: {files} tệp trong {:.0} ms",
                            start.elapsed().as_secs_f64() * 1000.0
                        );
                    }
                    None => carry = Some(job),
                }
            }
            // The set of levels changed, which the builder saw too and answered with a full
            // build; that build's reset follows.
            Ok(None) => {}
            Err(e) => eprintln!("cảnh báo: không cập nhật được danh sách: {e}"),
        }
    }
}

/// Rebuilds the tantivy index for `/api/search` from `c`, unless a newer build was published.
fn update_search(shared: &Shared, opts: &BuildOptions, c: &Catalogue, version: u64) {
    let docs = match crate::site::index::search_docs(c) {
        Ok(docs) => docs,
        Err(e) => {
            eprintln!("cảnh báo: không tạo được chỉ mục tìm kiếm: {e}");
            return;
        }
    };
    match crate::search::Engine::new(&docs) {
        Ok(engine) => {
            let current = shared
                .served
                .read()
                .map(|s| s.version == version)
                .unwrap_or(false);
            if !current {
                return;
            }
            if let Ok(mut s) = shared.search.write() {
                *s = Some(super::SearchIndex {
                    engine,
                    base_path: crate::site::urls::Urls::new(
                        opts.base_url.as_deref().unwrap_or(c.site.base_url.as_str()),
                    )
                    .base_path,
                });
            }
        }
        Err(e) => eprintln!("cảnh báo: không tạo được chỉ mục tìm kiếm: {e}"),
    }
}

/// Swaps in the new files (or keeps the old ones), sets the overlay, records the catalogue
/// version the pages now show, bumps the generation and tells open pages to reload.
fn publish(
    shared: &Shared,
    opts: &BuildOptions,
    change: Option<Change<'_>>,
    overlay: Option<String>,
    version: Option<u64>,
) {
    let reload = {
        let Ok(mut served) = shared.served.write() else {
            return;
        };
        // Only an update of some files, with no overlay before or after, spares the other
        // open pages a reload.
        let overlay_unchanged = served.overlay.is_none() && overlay.is_none();
        let changed = match change {
            Some(Change::Replace(s)) => {
                served.site = Some(s);
                None
            }
            Some(Change::Update(u, c)) => {
                let files: Vec<String> = u.changes.keys().cloned().collect();
                if let Some(site) = served.site.as_mut() {
                    u.apply(site, c, opts);
                }
                overlay_unchanged.then_some(files)
            }
            None => None,
        };
        if let Some(v) = version {
            served.version = v;
        }
        served.overlay = overlay;
        served.generation += 1;
        match changed {
            Some(files) => super::Reload::Files(served.generation, Arc::new(files)),
            None => super::Reload::All(served.generation),
        }
    };
    shared.broadcast(reload);
}

enum Change<'a> {
    Replace(site::Site),
    Update(site::Update, &'a Catalogue),
}

/// Codes of the procedures defined in `files`, before or after the change (so renames,
/// additions and deletions are all covered).
fn codes_in_files(old: &Catalogue, new: &Catalogue, files: &BTreeSet<PathBuf>) -> BTreeSet<String> {
    old.procedures
        .iter()
        .chain(new.procedures.iter())
        .filter(|p| files.contains(&p.file))
        .map(|p| p.code.clone())
        .collect()
}

/// The error overlay: the diagnostics exactly as `check` prints them, HTML-escaped, over the
/// last good page.
pub fn overlay_html(text: &str) -> String {
    format!(
        "<div id=\"motcua-error-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;\
overflow:auto;background:rgba(30,0,0,.94);color:#fff;padding:2rem;font:15px/1.5 system-ui,sans-serif\">\
<h2 style=\"margin:0 0 .5rem;color:#ffb4b4\">Danh mục có lỗi</h2>\
<p style=\"margin:0 0 1rem\">Trang dưới đây là bản dựng tốt gần nhất. Sửa tệp và lưu lại: trang sẽ tự tải lại.</p>\
<pre style=\"white-space:pre-wrap;font:13px/1.45 ui-monospace,monospace;background:#000;padding:1rem;border-radius:6px\">{}</pre></div>",
        crate::site::views::escape_html(text)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_procedure_yaml_keeps_a_rebuild_incremental() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("procedures/ho-tich")).unwrap();
        let yaml = root.join("procedures/ho-tich/1.001193.yaml");
        let mut p = Pending::new(false);
        p.add(&[
            yaml.clone(),
            root.join("procedures/ho-tich/.1.001193.yaml.swp"),
        ]);
        p.add(&[root.join("procedures/ho-tich/sedX1y2z3")]); // gone: `sed -i`'s temporary file
        assert!(p.relevant());
        assert_eq!(p.procedure_files(root).map(|s| s.len()), Some(1));
        p.add(&[root.join("procedures/ho-tich")]); // an existing directory: maybe a move
        assert!(p.procedure_files(root).is_none());
        let mut poll = Pending::new(true);
        poll.add(&[yaml, root.join("procedures/ho-tich")]);
        assert_eq!(poll.procedure_files(root).map(|s| s.len()), Some(1));
        poll.add(&[root.join("site.yaml")]);
        assert!(
            poll.procedure_files(root).is_none(),
            "site.yaml needs a full build"
        );
        let mut swap = Pending::new(false);
        swap.add(&[
            root.join("procedures/ho-tich/1.001193.yaml~"),
            root.join("4913"),
        ]);
        assert!(!swap.relevant());
    }
}
