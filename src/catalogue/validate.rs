//! Validate stage: schema, per-file rules and cross-references. Turns the loaded YAML into the
//! typed `Catalogue`, reporting every problem with its position and a hint.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::de::DeserializeOwned;

use std::sync::Arc;

use super::load::{self, FileRole, Loaded, LoadedFile, Stamp, Walk};
use super::model::{Agency, Catalogue, Detail, Journey, LegalDocument, Procedure};
use super::raw::{self, ChangeKind, Level, TimeUnit};
use super::schema::{self, closest, FileKind};
use super::yaml::{Node, PathSeg};
use crate::diagnostics::{Diagnostic, Diagnostics, Span};

/// Options that change which rules apply, and how much of the catalogue is kept.
#[derive(Debug, Clone)]
pub struct Options {
    /// The date freshness is measured against.
    pub today: NaiveDate,
    /// Whether procedures are kept whole or as summaries.
    pub memory: Memory,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            today: today(),
            memory: Memory::Full,
        }
    }
}

/// How much of each procedure the validated catalogue keeps (see [`Detail`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Memory {
    /// Every procedure whole: the fastest build, about 9 KB per procedure.
    Full,
    /// Summaries only: each procedure's own outputs read its file again, which costs a second
    /// parse but keeps about a third of the memory.
    Low,
    /// [`Memory::Low`] from [`LOW_MEMORY_FROM`] procedure files on, else [`Memory::Full`].
    Auto,
}

/// The catalogue size from which [`Memory::Auto`] keeps summaries. A build that holds every
/// procedure whole peaks at about 18 KB per procedure (890 MiB at 50,000, measured), so up to
/// here it stays near 1 GiB, and the second read of every file would only cost time; beyond
/// it, summaries keep a national catalogue within an ordinary machine's memory.
pub const LOW_MEMORY_FROM: usize = 60_000;

impl Memory {
    /// Whether a catalogue with `procedures` procedure files keeps summaries.
    pub fn summarizes(self, procedures: usize) -> bool {
        match self {
            Memory::Full => false,
            Memory::Low => true,
            Memory::Auto => procedures >= LOW_MEMORY_FROM,
        }
    }
}

/// A procedure file that no longer reads as it did when the catalogue was validated: it was
/// edited, moved or deleted while the build ran.
#[derive(Debug, thiserror::Error)]
#[error("tệp `{}` đã thay đổi trong khi dựng trang ({reason}); chạy lại lệnh", file.display())]
pub struct Changed {
    /// The procedure file.
    pub file: PathBuf,
    /// What differs.
    pub reason: String,
}

impl Catalogue {
    /// The whole procedures of `list` (a slice of [`Catalogue::procedures`]), read again in
    /// parallel where the catalogue holds summaries.
    pub fn full_all<'a>(
        &self,
        list: &'a [Arc<Procedure>],
    ) -> Result<Vec<std::borrow::Cow<'a, Procedure>>, Changed> {
        list.par_iter().map(|p| self.full(p)).collect()
    }

    /// The whole of procedure `p`: itself when the catalogue holds it whole, else read and
    /// checked again from its file.
    pub fn full<'a>(&self, p: &'a Procedure) -> Result<std::borrow::Cow<'a, Procedure>, Changed> {
        if !p.is_summary() {
            return Ok(std::borrow::Cow::Borrowed(p));
        }
        let changed = |reason: String| Changed {
            file: p.file.clone(),
            reason,
        };
        let role = load::procedure_role(&self.root, &p.file)
            .ok_or_else(|| changed("không còn là tệp thủ tục".into()))?;
        let root = load::read_and_parse(&p.file).map_err(|d| changed(d.message))?;
        let f = LoadedFile {
            path: p.file.clone(),
            role,
            root,
        };
        let result = check_file(&f, &self.forms, false);
        if let Some(d) = result
            .diags
            .iter()
            .find(|d| d.severity == crate::diagnostics::Severity::Error)
        {
            return Err(changed(d.message.clone()));
        }
        match result.checked {
            Some(Checked::Procedure(full))
                if full.code == p.code
                    && full.name == p.name
                    && full.changed_on() == p.changed_on()
                    && full.last_verified == p.last_verified =>
            {
                Ok(std::borrow::Cow::Owned(
                    Arc::try_unwrap(full).unwrap_or_else(|a| (*a).clone()),
                ))
            }
            _ => Err(changed("nội dung khác lúc kiểm tra".into())),
        }
    }
}

/// The date when the two-tier local government took effect; `district` level ends here.
fn district_abolished() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default()
}

/// Seconds since 1970, from `SOURCE_DATE_EPOCH` when set (for reproducible builds), else the
/// clock.
pub fn now_secs() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        })
}

/// Today's date, or the date of `SOURCE_DATE_EPOCH` when set (for reproducible builds).
pub fn today() -> NaiveDate {
    let secs = now_secs();
    let days = secs.div_euclid(86_400);
    NaiveDate::from_num_days_from_ce_opt(719_163 + days as i32).unwrap_or_default()
}

/// What a reference points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum RefKind {
    Agency,
    Sector,
    Legal,
    Procedure,
}

impl RefKind {
    fn noun(self) -> &'static str {
        match self {
            RefKind::Agency => "cơ quan",
            RefKind::Sector => "lĩnh vực",
            RefKind::Legal => "văn bản pháp luật",
            RefKind::Procedure => "thủ tục",
        }
    }

    fn fix(self) -> &'static str {
        match self {
            RefKind::Agency => "tạo tệp agencies/<mã>.yaml hoặc sửa mã cho đúng",
            RefKind::Sector => "thêm lĩnh vực vào sectors.yaml hoặc sửa mã cho đúng",
            RefKind::Legal => "thêm văn bản vào legal/ hoặc sửa số hiệu cho đúng",
            RefKind::Procedure => "kiểm tra mã thủ tục có trong procedures/",
        }
    }
}

#[derive(Debug, Clone)]
struct Reference {
    kind: RefKind,
    target: String,
    /// Shared by every reference of a file (a large catalogue has about 180,000).
    file: Arc<Path>,
    span: Span,
    /// True when a current (not abolished) procedure relies on the target: citing a document
    /// that is not in force is then worth a warning.
    current: bool,
}

/// Per-file checking context: the tree for positions, and what the file found.
struct FileCx<'a> {
    path: &'a Path,
    /// `path`, shared by the file's references.
    file: Arc<Path>,
    root: &'a Node,
    diags: Vec<Diagnostic>,
    refs: Vec<Reference>,
    /// Set while checking a procedure that is not abolished (see `Reference::current`).
    current: bool,
}

/// Builds a path into a document: `p!["channels", 0, "fees"]`.
macro_rules! p {
    ($($seg:expr),* $(,)?) => { &[$(PathSeg::from($seg)),*][..] };
}

impl From<&str> for PathSeg {
    fn from(s: &str) -> PathSeg {
        PathSeg::Key(s.to_string())
    }
}

impl From<usize> for PathSeg {
    fn from(i: usize) -> PathSeg {
        PathSeg::Index(i)
    }
}

impl<'a> FileCx<'a> {
    fn new(path: &'a Path, root: &'a Node) -> FileCx<'a> {
        FileCx {
            path,
            file: Arc::from(path),
            root,
            diags: Vec::new(),
            refs: Vec::new(),
            current: false,
        }
    }

    /// The span of the node at `path`, or of the deepest ancestor that exists.
    fn at(&self, path: &[PathSeg]) -> Span {
        let (node, found) = self.root.locate(path);
        if found {
            return node.span;
        }
        // A missing key: point at the mapping that should hold it.
        node.span
    }

    /// The span of a key, for problems about the entry as a whole.
    fn key_at(&self, path: &[PathSeg]) -> Span {
        self.root.key_span_at(path)
    }

    fn error(&mut self, span: Span, code: &'static str, msg: String, hint: &str) {
        self.diags
            .push(Diagnostic::error(self.path, span, code, msg).with_hint(hint));
    }

    fn warn(&mut self, span: Span, code: &'static str, msg: String, hint: &str) {
        self.diags
            .push(Diagnostic::warning(self.path, span, code, msg).with_hint(hint));
    }

    fn reference(&mut self, kind: RefKind, target: &str, path: &[PathSeg]) {
        let span = self.at(path);
        self.reference_at(kind, target, span);
    }

    fn reference_at(&mut self, kind: RefKind, target: &str, span: Span) {
        self.refs.push(Reference {
            kind,
            target: target.to_string(),
            file: Arc::clone(&self.file),
            span,
            current: self.current,
        });
    }

    fn date(&mut self, value: &str, path: &[PathSeg]) -> Option<NaiveDate> {
        match parse_date(value) {
            Some(d) => Some(d),
            None => {
                let span = self.at(path);
                self.error(
                    span,
                    "bad-date",
                    format!("ngày `{value}` không hợp lệ"),
                    "viết ngày dạng YYYY-MM-DD, ví dụ \"2025-07-01\", và kiểm tra ngày có thật",
                );
                None
            }
        }
    }

    fn legal_basis(&mut self, cites: &[raw::LegalBasis], base: &[PathSeg]) {
        // What `at(base + [i, "document"])` gives, with the list found once rather than once
        // per citation (a procedure cites documents from a dozen places).
        let (list, found) = self.root.locate(base);
        for (i, c) in cites.iter().enumerate() {
            let span = match list.index(i).filter(|_| found) {
                Some(item) => item.get("document").map_or(item.span, |d| d.span),
                None => list.span,
            };
            self.reference_at(RefKind::Legal, &c.document, span);
        }
    }

    /// The legal grounding rule: a paper, fee, condition or time limit cites a document, or
    /// says openly that it is unverified.
    fn grounded(
        &mut self,
        what: &str,
        cites: &[raw::LegalBasis],
        unverified: bool,
        path: &[PathSeg],
    ) {
        let mut lb = path.to_vec();
        lb.push(PathSeg::from("legal_basis"));
        if cites.is_empty() && !unverified {
            let span = self.at(path);
            self.error(
                span,
                "ungrounded",
                format!("{what} không có căn cứ pháp lý"),
                "thêm `legal_basis: [{document: \"số/năm/ký-hiệu\", article: \"Điều …\"}]`, hoặc `unverified: true` nếu chưa xác minh được (trang sẽ ghi rõ là chưa xác minh)",
            );
        } else if !cites.is_empty() && unverified {
            let span = self.key_at(&lb);
            self.warn(
                span,
                "contradictory-unverified",
                format!("{what} vừa có căn cứ pháp lý vừa ghi `unverified: true`"),
                "xoá `unverified: true` nếu căn cứ đã được kiểm tra",
            );
        }
        self.legal_basis(cites, &lb);
    }
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    if s.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Converts a tree that passed the schema check into its Rust type.
fn typed<T: DeserializeOwned>(
    file: &LoadedFile,
    kind: FileKind,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    let issues = schema::check(kind, &file.root);
    if !issues.is_empty() {
        for i in issues {
            let d = Diagnostic::error(&file.path, i.span, i.code, i.message);
            diags.push(match i.hint {
                Some(h) => d.with_hint(h),
                None => d,
            });
        }
        return None;
    }
    match super::node_de::from_node(&file.root) {
        Ok(v) => Some(v),
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    &file.path,
                    Span::start(),
                    "invalid",
                    format!("nội dung không hợp lệ: {e}"),
                )
                .with_hint("đối chiếu tệp với ví dụ trong README"),
            );
            None
        }
    }
}

#[derive(Clone)]
enum Checked {
    Site(raw::SiteFile),
    Sectors(raw::SectorsFile),
    Agency(Agency),
    Legal(LegalDocument),
    Journey(Journey),
    Procedure(Arc<Procedure>),
    Decision(super::decision::Decision),
    Calendar(Box<super::calendar::Calendar>),
    Communes(Box<super::communes::Communes>),
}

struct FileResult {
    checked: Option<Checked>,
    diags: Vec<Diagnostic>,
    refs: Vec<Reference>,
}

/// One file after its own checks: the result, and for the few files that are not procedures
/// the YAML tree the cross-file rules still read positions from. Procedure trees are dropped
/// as soon as the file is checked, so a large catalogue is never held twice in memory.
#[derive(Clone)]
pub struct CheckedFile {
    path: PathBuf,
    role: FileRole,
    result: Arc<FileResult>,
    tree: Option<Arc<Node>>,
}

/// Runs the rules that need only this file (schema, dates, amounts, legal grounding).
pub fn check_loaded(f: LoadedFile, forms: &BTreeSet<String>, summarize: bool) -> CheckedFile {
    let result = Arc::new(check_file(&f, forms, summarize));
    let tree = match f.role {
        FileRole::Procedure { .. } => None,
        _ => Some(Arc::new(f.root)),
    };
    CheckedFile {
        path: f.path,
        role: f.role,
        result,
        tree,
    }
}

/// Per-file results from an earlier run, reused while a file's length and modification time
/// stay the same. Checking one file depends only on that file and on the set of form files,
/// so an edit re-checks one file instead of ten thousand; the cross-file rules (references,
/// duplicates) still run over everything.
#[derive(Default)]
pub struct Cache {
    files: HashMap<PathBuf, (Stamp, CheckedFile)>,
    forms: BTreeSet<String>,
    walk: Option<Walk>,
}

impl std::fmt::Debug for Cache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Cache({} files)", self.files.len())
    }
}

impl Cache {
    /// The walk to use: the previous one patched with `changed` when every changed path is
    /// a procedure file (added, edited or deleted), or a fresh walk of `root`. The flag says
    /// whether the previous walk was reused.
    fn walk(&self, root: &Path, changed: Option<&BTreeSet<PathBuf>>) -> (Walk, bool) {
        let (Some(changed), Some(prev)) = (changed, &self.walk) else {
            return (load::walk(root), false);
        };
        let roles: Option<Vec<(&PathBuf, FileRole)>> = changed
            .iter()
            .map(|p| load::procedure_role(root, p).map(|r| (p, r)))
            .collect();
        let Some(roles) = roles else {
            return (load::walk(root), false);
        };
        let mut w = prev.clone();
        for (path, role) in roles {
            w.files.retain(|(q, _)| q != path);
            if path.is_file() {
                // Paths compare by component, which is the walk's sorted order.
                let at = w.files.partition_point(|(q, _)| q < path);
                w.files.insert(at, (path.clone(), role));
            }
        }
        (w, true)
    }
}

/// Runs every rule and returns the catalogue built from the files that passed.
pub fn validate(loaded: Loaded, opts: &Options, diags: &mut Diagnostics) -> Catalogue {
    let forms: BTreeSet<String> = loaded.forms.iter().cloned().collect();
    let files: Vec<CheckedFile> = loaded
        .files
        .into_par_iter()
        .map(|f| check_loaded(f, &forms, false))
        .collect();
    assemble(&loaded.root, &files, forms, opts, diags)
}

/// Walks, reads, parses and checks every file in one parallel pass (each tree is dropped as
/// soon as its file is checked), then runs the cross-file rules. With a cache, files whose
/// stamp has not changed are not read again; with `changed` (the paths a file watcher
/// reported) and only procedure files among them, the catalogue is not even walked again.
pub fn load_and_check(
    root: &Path,
    opts: &Options,
    diags: &mut Diagnostics,
    mut cache: Option<&mut Cache>,
    changed: Option<&BTreeSet<PathBuf>>,
) -> Catalogue {
    let (walk, patched) = match cache.as_deref() {
        Some(c) => c.walk(root, changed),
        None => (load::walk(root), false),
    };
    diags.extend(walk.diags.iter().cloned());
    let forms: BTreeSet<String> = walk.forms.iter().cloned().collect();
    if let Some(c) = cache.as_deref_mut() {
        if forms != c.forms {
            // Form references are checked per file: a new or deleted form invalidates them all.
            c.files.clear();
            c.forms = forms.clone();
        }
    }
    let cached = cache.as_deref();
    let summarize = opts.memory.summarizes(
        walk.files
            .iter()
            .filter(|(_, r)| matches!(r, FileRole::Procedure { .. }))
            .count(),
    );
    let outcomes: Vec<Result<(CheckedFile, Option<Stamp>), Diagnostic>> = walk
        .files
        .par_iter()
        .map(|(path, role)| {
            if let Some((st, cf)) = cached.and_then(|c| c.files.get(path)) {
                let fresh = if patched {
                    !changed.is_some_and(|ch| ch.contains(path))
                } else {
                    load::stamp(path) == Some(*st)
                };
                if fresh {
                    return Ok((cf.clone(), Some(*st)));
                }
            }
            // Stamped before reading: an edit landing after this point makes the stamp stale,
            // so the cache never keeps an old result for new text. A file modified in the last
            // two seconds gets no stamp (so no cache entry): on file systems with coarse
            // timestamps a second same-length edit within the same tick would look unchanged.
            let st = match cached {
                Some(_) => load::stamp(path).filter(|s| load::is_settled(s.1)),
                None => None,
            };
            let tree = load::read_and_parse(path)?;
            let f = LoadedFile {
                path: path.clone(),
                role: role.clone(),
                root: tree,
            };
            Ok((check_loaded(f, &forms, summarize), st))
        })
        .collect();
    let mut files = Vec::with_capacity(outcomes.len());
    let mut keep = HashMap::new();
    for o in outcomes {
        match o {
            Ok((f, st)) => {
                if let (Some(st), Some(_)) = (st, cached) {
                    keep.insert(f.path.clone(), (st, f.clone()));
                }
                files.push(f);
            }
            Err(d) => diags.push(d),
        }
    }
    let catalogue = assemble(root, &files, forms, opts, diags);
    if let Some(c) = cache {
        // Deleted files drop out here: only what was seen this run is kept.
        c.files = keep;
        c.walk = Some(walk);
    }
    // Freeing ten thousand files' results and references is serial work the caller need not
    // wait for: a pool thread does it while the caller goes on (to render, in `check`).
    rayon::spawn(move || drop(files));
    catalogue
}

/// The cross-file rules over checked files (in walk order): duplicates, references, staleness.
fn assemble(
    root: &Path,
    files: &[CheckedFile],
    forms: BTreeSet<String>,
    opts: &Options,
    diags: &mut Diagnostics,
) -> Catalogue {
    let mut site = None;
    let mut sectors_file = None;
    let mut agencies = BTreeMap::new();
    let mut legal: BTreeMap<String, LegalDocument> = BTreeMap::new();
    let mut procedures: Vec<Arc<Procedure>> = Vec::new();
    let mut journeys = Vec::new();
    let mut decisions = Vec::new();
    let mut calendar = None;
    let mut communes = None;
    let mut refs: Vec<&Reference> =
        Vec::with_capacity(files.iter().map(|f| f.result.refs.len()).sum());
    let mut legal_seen: HashMap<String, (PathBuf, Span)> = HashMap::new();
    // Records that exist but failed their own checks: references to them are not reported
    // again as dangling, since the record's own errors already explain the problem.
    let mut broken: BTreeSet<(u8, String)> = BTreeSet::new();
    for f in files {
        let r = &*f.result;
        diags.extend(r.diags.iter().cloned());
        refs.extend(r.refs.iter());
        if r.checked.is_none() {
            match &f.role {
                FileRole::Procedure { stem, .. } => {
                    broken.insert((RefKind::Procedure as u8, stem.clone()));
                }
                FileRole::Agency(id) => {
                    broken.insert((RefKind::Agency as u8, id.clone()));
                }
                FileRole::Legal => {
                    if let Some(n) = f
                        .tree
                        .as_deref()
                        .and_then(|t| t.get("number"))
                        .and_then(Node::as_str)
                    {
                        broken.insert((RefKind::Legal as u8, n.to_string()));
                    }
                }
                FileRole::Sectors => {
                    broken.insert((RefKind::Sector as u8, String::new()));
                }
                _ => {}
            }
        }
        match &r.checked {
            Some(Checked::Site(s)) => site = Some(s.clone()),
            Some(Checked::Sectors(s)) => {
                sectors_file = Some((s.clone(), f.path.clone(), f.tree.as_deref()))
            }
            Some(Checked::Agency(a)) => {
                agencies.insert(a.id.clone(), a.clone());
            }
            Some(Checked::Legal(l)) => {
                let span = f
                    .tree
                    .as_deref()
                    .and_then(|t| t.get("number"))
                    .map(|n| n.span)
                    .unwrap_or_else(Span::start);
                if let Some((first, _)) = legal_seen.get(&l.number) {
                    diags.push(
                        Diagnostic::error(
                            &f.path,
                            span,
                            "duplicate-legal",
                            format!(
                                "văn bản `{}` đã được khai báo ở {}",
                                l.number,
                                first.display()
                            ),
                        )
                        .with_hint("mỗi văn bản chỉ khai báo một lần; xoá một trong hai tệp"),
                    );
                    continue;
                }
                legal_seen.insert(l.number.clone(), (f.path.clone(), span));
                legal.insert(l.number.clone(), l.clone());
            }
            Some(Checked::Journey(j)) => journeys.push(j.clone()),
            Some(Checked::Procedure(p)) => procedures.push(Arc::clone(p)),
            Some(Checked::Decision(d)) => decisions.push(d.clone()),
            Some(Checked::Calendar(c)) => calendar = Some((**c).clone()),
            Some(Checked::Communes(c)) => communes = Some((**c).clone()),
            None => {}
        }
    }

    let root = root.to_path_buf();
    let site = match site {
        Some(s) => s,
        None => {
            if !files.iter().any(|f| f.role == FileRole::Site) {
                diags.push(
                    Diagnostic::error(&root.join("site.yaml"), Span::start(), "missing-file", "thiếu tệp site.yaml")
                        .with_hint("tạo site.yaml với name, province, base_url, feedback (xem README) hoặc chạy `motcua init`"),
                );
            }
            placeholder_site()
        }
    };
    let mut sectors = Vec::new();
    match sectors_file {
        Some((s, path, node)) => {
            let mut seen = HashMap::new();
            for (i, sec) in s.sectors.into_iter().enumerate() {
                let span = node
                    .map(|n| {
                        n.locate(&[
                            PathSeg::from("sectors"),
                            PathSeg::Index(i),
                            PathSeg::from("id"),
                        ])
                        .0
                        .span
                    })
                    .unwrap_or_else(Span::start);
                if seen.insert(sec.id.clone(), ()).is_some() {
                    diags.push(
                        Diagnostic::error(
                            &path,
                            span,
                            "duplicate-sector",
                            format!("lĩnh vực `{}` bị khai báo hai lần", sec.id),
                        )
                        .with_hint("mỗi mã lĩnh vực chỉ xuất hiện một lần"),
                    );
                    continue;
                }
                sectors.push(sec);
            }
        }
        None => {
            if !files.iter().any(|f| f.role == FileRole::Sectors) {
                diags.push(
                    Diagnostic::error(
                        &root.join("sectors.yaml"),
                        Span::start(),
                        "missing-file",
                        "thiếu tệp sectors.yaml",
                    )
                    .with_hint("tạo sectors.yaml với danh sách `sectors:` (xem README)"),
                );
            }
        }
    }

    // Duplicate procedure codes: report at every copy after the first.
    procedures.sort_by(|a, b| a.code.cmp(&b.code).then_with(|| a.file.cmp(&b.file)));
    let mut unique: Vec<Arc<Procedure>> = Vec::with_capacity(procedures.len());
    for p in procedures {
        if let Some(prev) = unique.last() {
            if prev.code == p.code {
                let span = read_span_of_key(&p.file, "code");
                diags.push(
                    Diagnostic::error(
                        &p.file,
                        span,
                        "duplicate-code",
                        format!("mã thủ tục `{}` trùng với {}", p.code, prev.file.display()),
                    )
                    .with_hint("mỗi mã thủ tục chỉ có một tệp; xoá hoặc sửa mã của một trong hai"),
                );
                continue;
            }
        }
        unique.push(p);
    }
    journeys.sort_by(|a: &Journey, b: &Journey| a.id.cmp(&b.id));
    super::decision::sort(&mut decisions);

    let catalogue = Catalogue {
        root,
        site,
        sectors,
        agencies,
        legal,
        procedures: unique,
        journeys,
        forms,
        decisions,
        calendar,
        communes,
    };
    let sectors_broken = broken.contains(&(RefKind::Sector as u8, String::new()));
    if !broken.is_empty() {
        refs.retain(|r| {
            !broken.contains(&(r.kind as u8, r.target.clone()))
                && (!sectors_broken || r.kind != RefKind::Sector)
        });
    }
    check_references(&catalogue, &refs, opts.today, diags);
    check_catalogue_rules(&catalogue, opts, diags);
    super::decision::check_catalogue(&catalogue, diags);
    if let Some(d) = catalogue
        .calendar
        .as_ref()
        .and_then(|c| c.coverage(opts.today))
    {
        diags.push(d);
    }
    diags.sort();
    catalogue
}

fn placeholder_site() -> raw::SiteFile {
    raw::SiteFile {
        name: String::new(),
        province: String::new(),
        base_url: raw::HttpUrl::stand_in(),
        description: None,
        languages: vec!["vi".into()],
        contact: None,
        feedback: raw::Feedback {
            url: raw::ContactUrl::stand_in(),
            label: None,
            phone: None,
            tracking_url: None,
        },
        freshness_days: 365,
        theme: None,
        featured: Vec::new(),
        licence: None,
        publish: raw::Publish::default(),
    }
}

/// Finds a top-level key's position by re-reading a file; only used on the error path.
fn read_span_of_key(path: &Path, key: &str) -> Span {
    super::load::read_and_parse(path)
        .ok()
        .and_then(|n| n.get(key).map(|v| v.span))
        .unwrap_or_else(Span::start)
}

fn check_file(f: &LoadedFile, forms: &BTreeSet<String>, summarize: bool) -> FileResult {
    let mut cx = FileCx::new(&f.path, &f.root);
    let checked = match &f.role {
        FileRole::Site => typed::<raw::SiteFile>(f, FileKind::Site, &mut cx.diags).map(|s| {
            check_site(&mut cx, &s);
            for (i, code) in s.featured.iter().enumerate() {
                cx.reference(RefKind::Procedure, code, p!["featured", i]);
            }
            Checked::Site(s)
        }),
        FileRole::Sectors => typed(f, FileKind::Sectors, &mut cx.diags).map(Checked::Sectors),
        FileRole::Agency(id) => {
            typed::<raw::AgencyFile>(f, FileKind::Agency, &mut cx.diags).map(|a| {
                check_agency(&mut cx, id, &a);
                Checked::Agency(Agency {
                    id: id.clone(),
                    file: f.path.clone(),
                    data: a,
                })
            })
        }
        FileRole::Legal => {
            typed::<raw::LegalDocument>(f, FileKind::Legal, &mut cx.diags).map(|l| {
                let slug = f
                    .path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                check_legal(&mut cx, &slug, &l);
                Checked::Legal(LegalDocument {
                    slug,
                    file: f.path.clone(),
                    from: l.in_force_from.as_deref().and_then(parse_date),
                    until: l.in_force_until.as_deref().and_then(parse_date),
                    data: l,
                })
            })
        }
        FileRole::Journey(id) => typed::<raw::JourneyFile>(f, FileKind::Journey, &mut cx.diags)
            .map(|j| {
                check_journey(&mut cx, &j);
                Checked::Journey(Journey {
                    id: id.clone(),
                    file: f.path.clone(),
                    data: j,
                })
            }),
        FileRole::Calendar => check_calendar(f, &mut cx),
        FileRole::Communes => check_communes(f, &mut cx),
        FileRole::Procedure { sector_dir, stem } => {
            typed::<raw::ProcedureFile>(f, FileKind::Procedure, &mut cx.diags)
                .and_then(|p| check_procedure(&mut cx, sector_dir, stem, p, forms))
                .map(|p| Checked::Procedure(Arc::new(if summarize { p.summarize() } else { p })))
        }
        FileRole::Decision(slug) => check_decision_file(f, slug, &mut cx),
    };
    FileResult {
        checked,
        diags: cx.diags,
        refs: cx.refs,
    }
}

/// A decision file: schema, then the decision module's own rules; its references join the
/// file's, to be resolved with everyone else's.
fn check_decision_file(f: &LoadedFile, slug: &str, cx: &mut FileCx) -> Option<Checked> {
    let d = typed::<super::decision::DecisionFile>(f, FileKind::Decision, &mut cx.diags)?;
    let out = super::decision::check_file(&f.path, &f.root, slug, d);
    cx.diags.extend(out.diags);
    for (kind, list) in [
        (RefKind::Legal, out.legal_refs),
        (RefKind::Procedure, out.procedure_refs),
    ] {
        for (target, span) in list {
            cx.refs.push(Reference {
                kind,
                target,
                file: Arc::clone(&cx.file),
                span,
                // A decision is a record of the past: citing a document since repealed is no
                // fault of it.
                current: false,
            });
        }
    }
    out.decision.map(Checked::Decision)
}

/// `calendar.yaml`: its own rules live in `calendar.rs`; closures' agencies join the references.
fn check_calendar(f: &LoadedFile, cx: &mut FileCx) -> Option<Checked> {
    let c = typed::<super::calendar::CalendarFile>(f, FileKind::Calendar, &mut cx.diags)?;
    let checked = super::calendar::check(&f.path, &f.root, c);
    cx.diags.extend(checked.diags);
    for a in checked.agencies {
        cx.refs.push(Reference {
            kind: RefKind::Agency,
            target: a.agency,
            file: Arc::clone(&cx.file),
            span: a.span,
            current: false,
        });
    }
    checked.calendar.map(|c| Checked::Calendar(Box::new(c)))
}

/// `communes.yaml`: its rules live in `communes.rs`.
fn check_communes(f: &LoadedFile, cx: &mut FileCx) -> Option<Checked> {
    let c = typed::<super::communes::CommunesFile>(f, FileKind::Communes, &mut cx.diags)?;
    let checked = super::communes::check(&f.path, &f.root, c);
    cx.diags.extend(checked.diags);
    checked.communes.map(|c| Checked::Communes(Box::new(c)))
}

fn check_site(cx: &mut FileCx, s: &raw::SiteFile) {
    // The scheme and host were checked with the schema (an `HttpUrl`); links are built by
    // appending to it, so it must name a directory.
    if !s.base_url.as_str().ends_with('/') {
        let span = cx.at(p!["base_url"]);
        cx.error(
            span,
            "bad-url",
            format!("base_url `{}` phải kết thúc bằng `/`", s.base_url),
            "thêm `/` ở cuối, ví dụ \"https://thutuc.example.gov.vn/\"",
        );
    }
}

fn check_agency(cx: &mut FileCx, id: &str, a: &raw::AgencyFile) {
    if !is_slug(id) {
        let span = Span::start();
        cx.error(
            span,
            "bad-file-name",
            format!("tên tệp `{id}` không dùng được làm mã cơ quan"),
            "đặt tên tệp bằng chữ thường không dấu nối bằng gạch ngang, ví dụ ubnd-cap-xa.yaml",
        );
    }
    if let Some(parent) = &a.parent {
        cx.reference(RefKind::Agency, parent, p!["parent"]);
    }
    if a.level == Level::District {
        let span = cx.at(p!["level"]);
        cx.warn(
            span,
            "district-level",
            "cấp huyện không còn từ ngày 01/7/2025".into(),
            "chỉ giữ cấp huyện cho dữ liệu lịch sử; dùng province hoặc commune",
        );
    }
    check_sources(cx, &a.sources);
}

/// True for a file stem made of lowercase ASCII words joined by `-` (`ubnd-cap-xa`).
pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The file stem a legal document number maps to: `/` becomes `-`.
pub fn legal_slug(number: &str) -> String {
    number.replace('/', "-")
}

fn check_legal(cx: &mut FileCx, slug: &str, l: &raw::LegalDocument) {
    let expected = legal_slug(&l.number);
    if slug != expected {
        let span = cx.at(p!["number"]);
        cx.warn(
            span,
            "legal-file-name",
            format!(
                "tệp của văn bản `{}` nên có tên `{expected}.yaml`",
                l.number
            ),
            "đổi tên tệp để dễ tìm",
        );
    }
    let signed = cx.date(&l.signed, p!["signed"]);
    let from = l
        .in_force_from
        .as_ref()
        .and_then(|d| cx.date(d, p!["in_force_from"]));
    let until = l
        .in_force_until
        .as_ref()
        .and_then(|d| cx.date(d, p!["in_force_until"]));
    if let (Some(f), Some(s)) = (from, signed) {
        if f < s {
            let span = cx.at(p!["in_force_from"]);
            cx.error(
                span,
                "date-order",
                "ngày có hiệu lực trước ngày ban hành".into(),
                "kiểm tra lại hai ngày `signed` và `in_force_from`",
            );
        }
    }
    if let (Some(u), Some(f)) = (until, from.or(signed)) {
        if u < f {
            let span = cx.at(p!["in_force_until"]);
            cx.error(
                span,
                "date-order",
                "ngày hết hiệu lực trước ngày có hiệu lực".into(),
                "`in_force_until` là ngày cuối cùng văn bản còn hiệu lực; kiểm tra lại hai ngày `in_force_from` và `in_force_until`",
            );
        }
    }
    if l.status.ends_force() && l.in_force_until.is_none() {
        let span = cx.at(p!["status"]);
        cx.error(
            span,
            "missing-in-force-until",
            "văn bản đã hết hiệu lực nhưng không ghi ngày hết hiệu lực".into(),
            "thêm `in_force_until: \"YYYY-MM-DD\"` (ngày cuối cùng còn hiệu lực, thường là ngày trước ngày văn bản thay thế có hiệu lực)",
        );
    }
    if l.status == raw::LegalStatus::Replaced && l.replaced_by.is_none() {
        let span = cx.at(p!["status"]);
        cx.error(
            span,
            "missing-replaced-by",
            "văn bản bị thay thế nhưng không ghi văn bản thay thế".into(),
            "thêm `replaced_by: {document: \"số/năm/ký-hiệu\", from: \"YYYY-MM-DD\"}`, hoặc dùng `status: repealed` nếu văn bản bị bãi bỏ mà không có văn bản thay thế",
        );
    }
    if let Some(r) = &l.replaced_by {
        cx.reference(RefKind::Legal, &r.document, p!["replaced_by", "document"]);
        let at = cx.date(&r.from, p!["replaced_by", "from"]);
        if let (Some(at), Some(u)) = (at, until) {
            if at <= u {
                let span = cx.at(p!["replaced_by", "from"]);
                cx.error(
                    span,
                    "date-order",
                    "văn bản thay thế có hiệu lực trong khi văn bản này vẫn còn hiệu lực".into(),
                    "`replaced_by.from` phải sau `in_force_until` (thường là ngày liền sau)",
                );
            }
        }
    }
    for (i, a) in l.amended_by.iter().enumerate() {
        cx.reference(RefKind::Legal, &a.document, p!["amended_by", i, "document"]);
        let at = cx.date(&a.from, p!["amended_by", i, "from"]);
        if let (Some(at), Some(f)) = (at, from.or(signed)) {
            if at < f {
                let span = cx.at(p!["amended_by", i, "from"]);
                cx.error(
                    span,
                    "date-order",
                    "ngày sửa đổi có hiệu lực trước ngày văn bản có hiệu lực".into(),
                    "kiểm tra lại `amended_by[].from` và `in_force_from`",
                );
            }
        }
    }
    check_sources(cx, &l.sources);
}

/// Per-source rules: a valid access date, and a URL unless the source is a printed text.
fn check_sources(cx: &mut FileCx, sources: &[raw::Source]) {
    for (i, s) in sources.iter().enumerate() {
        if let Some(a) = &s.accessed {
            cx.date(a, p!["sources", i, "accessed"]);
        }
        if s.url.is_none() && !s.printed {
            let span = cx.at(p!["sources", i]);
            cx.error(
                span,
                "source-without-url",
                format!("nguồn \"{}\" không có đường dẫn", s.title),
                "thêm `url:` tới nơi đăng chính thức (CSDL quốc gia về TTHC, công báo, cổng của bộ, tỉnh); nếu là bản in không có trên mạng, ghi `printed: true` và ghi rõ nơi đăng trong `title`",
            );
        }
    }
}

fn check_journey(cx: &mut FileCx, j: &raw::JourneyFile) {
    if j.steps.is_empty() {
        let span = cx.key_at(p!["steps"]);
        cx.error(
            span,
            "empty-list",
            "nhóm không có thủ tục nào".into(),
            "liệt kê các thủ tục theo thứ tự trong `steps`",
        );
    }
    for (i, s) in j.steps.iter().enumerate() {
        cx.reference(
            RefKind::Procedure,
            &s.procedure,
            p!["steps", i, "procedure"],
        );
        if let Some(t) = &s.time_limit {
            check_time_limit(
                cx,
                t,
                &[
                    PathSeg::from("steps"),
                    PathSeg::Index(i),
                    PathSeg::from("time_limit"),
                ],
            );
        }
    }
    if let Some(t) = &j.total_time_limit {
        check_time_limit(cx, t, p!["total_time_limit"]);
    }
    cx.legal_basis(&j.legal_basis, p!["legal_basis"]);
    if j.sources.is_empty() {
        let span = cx.key_at(p!["sources"]);
        cx.error(
            span,
            "no-source",
            "không có nguồn".into(),
            "ghi rõ thông tin lấy từ văn bản hoặc trang nào trong `sources`",
        );
    }
    check_sources(cx, &j.sources);
}

fn check_time_limit(cx: &mut FileCx, t: &raw::TimeLimit, path: &[PathSeg]) {
    let needs_value = matches!(
        t.unit,
        TimeUnit::WorkingDays | TimeUnit::CalendarDays | TimeUnit::Hours
    );
    match (needs_value, t.value) {
        (true, None) => {
            let span = cx.at(path);
            cx.error(
                span,
                "missing-value",
                "thời hạn thiếu số lượng `value`".into(),
                "thêm `value: <số>`, hoặc dùng `unit: not_specified` nếu văn bản không quy định",
            );
        }
        (true, Some(v)) if v <= 0.0 => {
            let mut vp = path.to_vec();
            vp.push(PathSeg::from("value"));
            let span = cx.at(&vp);
            cx.error(
                span,
                "out-of-range",
                "thời hạn phải lớn hơn 0".into(),
                "dùng `unit: immediate` cho thủ tục giải quyết ngay",
            );
        }
        (false, Some(v)) if v != 0.0 => {
            let mut vp = path.to_vec();
            vp.push(PathSeg::from("value"));
            let span = cx.at(&vp);
            cx.warn(
                span,
                "ignored-value",
                "`value` bị bỏ qua với đơn vị này".into(),
                "xoá `value`, hoặc đổi `unit` thành working_days, calendar_days hay hours",
            );
        }
        _ => {}
    }
    cx.grounded("thời hạn", &t.legal_basis, t.unverified, path);
}

fn check_procedure(
    cx: &mut FileCx,
    sector_dir: &str,
    stem: &str,
    p: raw::ProcedureFile,
    forms: &BTreeSet<String>,
) -> Option<Procedure> {
    cx.current = p.version.change != ChangeKind::Abolished;
    if p.code != stem {
        let span = cx.at(p!["code"]);
        cx.error(
            span,
            "code-file-mismatch",
            format!("mã `{}` khác tên tệp `{stem}.yaml`", p.code),
            "tên tệp phải là mã thủ tục, ví dụ 1.001193.yaml",
        );
    }
    if p.sector != sector_dir {
        let span = cx.at(p!["sector"]);
        cx.error(
            span,
            "sector-dir-mismatch",
            format!("lĩnh vực `{}` khác thư mục `{sector_dir}/`", p.sector),
            "chuyển tệp vào procedures/<lĩnh-vực>/ đúng với khoá `sector`",
        );
    }
    cx.reference(RefKind::Sector, &p.sector, p!["sector"]);
    for (key, list) in [
        ("levels", p.levels.is_empty()),
        ("applicants", p.applicants.is_empty()),
        ("steps", p.steps.is_empty()),
        ("channels", p.channels.is_empty()),
        ("legal_basis", p.legal_basis.is_empty()),
        ("sources", p.sources.is_empty()),
    ] {
        if list
            && !(p.version.change == ChangeKind::Abolished
                && matches!(key, "steps" | "channels" | "applicants"))
        {
            let span = cx.key_at(&[PathSeg::from(key)]);
            cx.error(
                span,
                "empty-list",
                format!("`{key}` không được để trống"),
                "mỗi thủ tục phải có mục này theo Nghị định 63/2010/NĐ-CP, Điều 8",
            );
        }
    }
    if p.summary.trim().is_empty() {
        let span = cx.at(p!["summary"]);
        cx.error(
            span,
            "empty-text",
            "`summary` không được để trống".into(),
            "viết 1–3 câu dễ hiểu: thủ tục để làm gì, ai cần làm",
        );
    }
    // Agencies.
    cx.reference(
        RefKind::Agency,
        &p.agencies.competent,
        p!["agencies", "competent"],
    );
    for (key, list) in [
        ("executing", &p.agencies.executing),
        ("delegated", &p.agencies.delegated),
        ("coordinating", &p.agencies.coordinating),
    ] {
        for (i, a) in list.iter().enumerate() {
            cx.reference(
                RefKind::Agency,
                a,
                &[
                    PathSeg::from("agencies"),
                    PathSeg::from(key),
                    PathSeg::Index(i),
                ],
            );
        }
    }
    for (i, o) in p.offices.iter().enumerate() {
        cx.reference(RefKind::Agency, o, p!["offices", i]);
    }
    // Channels, time limits, fees.
    let mut kinds = BTreeSet::new();
    for (ci, ch) in p.channels.iter().enumerate() {
        if !kinds.insert(ch.kind) {
            let span = cx.at(p!["channels", ci, "kind"]);
            cx.error(span, "duplicate-channel", "kênh này đã được khai báo".into(), "gộp các dòng của cùng một kênh; nhiều thời hạn thì ghi nhiều dòng trong `time_limits`");
        }
        if ch.time_limits.is_empty() {
            let span = cx.key_at(p!["channels", ci, "time_limits"]);
            cx.error(
                span,
                "empty-list",
                "kênh không có thời hạn giải quyết".into(),
                "thêm ít nhất một dòng, hoặc `{unit: not_specified}` nếu văn bản không quy định",
            );
        }
        for (ti, t) in ch.time_limits.iter().enumerate() {
            check_time_limit(cx, t, p!["channels", ci, "time_limits", ti]);
        }
        for (fi, fee) in ch.fees.iter().enumerate() {
            let base = [
                PathSeg::from("channels"),
                PathSeg::Index(ci),
                PathSeg::from("fees"),
                PathSeg::Index(fi),
            ];
            if let Some(raw::Amount::Vnd(v)) = fee.amount {
                if v < 0 {
                    let mut ap = base.to_vec();
                    ap.push(PathSeg::from("amount"));
                    let span = cx.at(&ap);
                    cx.error(span, "negative-amount", format!("số tiền âm: {v}"), "ghi số tiền bằng đồng, không âm; hoặc `free` nếu văn bản quy định không thu");
                }
            }
            let free = matches!(fee.amount, Some(raw::Amount::Word(raw::AmountWord::Free)));
            if free && fee.legal_basis.is_empty() {
                // Reported instead of `ungrounded`: the fix is different (drop the amount).
                let mut ap = base.to_vec();
                ap.push(PathSeg::from("amount"));
                let span = cx.at(&ap);
                cx.error(
                    span,
                    "unverified-free",
                    "ghi `free` (miễn phí) mà không có văn bản quy định".into(),
                    "trích văn bản quy định không thu trong `legal_basis`; nếu chưa xác minh được, bỏ `amount` (trang sẽ ghi \"chưa có thông tin\") thay vì ghi miễn phí",
                );
            } else {
                cx.grounded("khoản phí, lệ phí", &fee.legal_basis, fee.unverified, &base);
            }
            let from = fee.valid_from.as_ref().and_then(|d| {
                let mut dp = base.to_vec();
                dp.push(PathSeg::from("valid_from"));
                cx.date(d, &dp)
            });
            let until = fee.valid_until.as_ref().and_then(|d| {
                let mut dp = base.to_vec();
                dp.push(PathSeg::from("valid_until"));
                cx.date(d, &dp)
            });
            if let (Some(a), Some(b)) = (from, until) {
                if b < a {
                    let mut dp = base.to_vec();
                    dp.push(PathSeg::from("valid_until"));
                    let span = cx.at(&dp);
                    cx.error(
                        span,
                        "date-order",
                        "`valid_until` trước `valid_from`".into(),
                        "kiểm tra lại khoảng thời gian áp dụng",
                    );
                }
            }
        }
    }
    // Papers.
    for (gi, g) in p.papers.iter().enumerate() {
        if g.items.is_empty() {
            let span = cx.key_at(p!["papers", gi, "items"]);
            cx.error(
                span,
                "empty-list",
                "nhóm giấy tờ không có giấy tờ nào".into(),
                "liệt kê giấy tờ trong `items`, hoặc xoá nhóm",
            );
        }
        for (ii, paper) in g.items.iter().enumerate() {
            let base = [
                PathSeg::from("papers"),
                PathSeg::Index(gi),
                PathSeg::from("items"),
                PathSeg::Index(ii),
            ];
            cx.grounded(
                &format!("giấy tờ \"{}\"", paper.name),
                &paper.legal_basis,
                paper.unverified,
                &base,
            );
            if paper.originals == 0
                && paper.copies == 0
                && paper.handling == raw::PaperHandling::Submit
            {
                let span = cx.at(&base);
                cx.warn(
                    span,
                    "no-count",
                    format!("giấy tờ \"{}\" có 0 bản chính và 0 bản sao", paper.name),
                    "ghi `originals` và `copies` theo quyết định công bố",
                );
            }
            if let Some(form) = &paper.form {
                let mut fp = base.to_vec();
                fp.push(PathSeg::from("form"));
                check_form(cx, form, &fp, forms);
            }
        }
    }
    for (i, c) in p.conditions.iter().enumerate() {
        cx.grounded(
            "điều kiện",
            &c.legal_basis,
            c.unverified,
            p!["conditions", i],
        );
    }
    cx.legal_basis(&p.legal_basis, p!["legal_basis"]);
    // Version and dates.
    let signed = cx.date(&p.version.signed, p!["version", "signed"]);
    let effective = p
        .version
        .effective
        .as_ref()
        .and_then(|e| cx.date(e, p!["version", "effective"]));
    if let (Some(s), Some(e)) = (signed, effective) {
        if e < s {
            let span = cx.at(p!["version", "effective"]);
            cx.error(
                span,
                "date-order",
                "ngày hiệu lực trước ngày ký quyết định".into(),
                "kiểm tra lại `version.signed` và `version.effective`",
            );
        }
    }
    if let Some(r) = &p.version.replaced_by {
        cx.reference(RefKind::Procedure, r, p!["version", "replaced_by"]);
        if r == &p.code {
            let span = cx.at(p!["version", "replaced_by"]);
            cx.error(
                span,
                "self-reference",
                "thủ tục không thể tự thay thế chính nó".into(),
                "ghi mã của thủ tục mới",
            );
        }
    }
    if p.version.change == ChangeKind::Abolished
        && p.version.replaced_by.is_none()
        && p.version.notes.is_none()
    {
        let span = cx.at(p!["version", "change"]);
        cx.warn(
            span,
            "abolished-without-note",
            "thủ tục bãi bỏ nhưng không ghi thủ tục thay thế hay ghi chú".into(),
            "thêm `replaced_by: \"<mã>\"` hoặc `notes:` để người dân biết phải làm gì",
        );
    }
    let district_from = district_abolished();
    if p.levels.contains(&Level::District)
        && effective
            .or(signed)
            .map(|d| d >= district_from)
            .unwrap_or(false)
    {
        let span = cx.at(p!["levels"]);
        cx.warn(
            span,
            "district-level",
            "cấp huyện không còn từ ngày 01/7/2025 nhưng phiên bản này có hiệu lực sau ngày đó"
                .into(),
            "chuyển sang cấp xã (commune) hoặc tỉnh (province) theo quyết định công bố mới",
        );
    }
    let last_verified = cx.date(&p.last_verified, p!["last_verified"]);
    check_sources(cx, &p.sources);
    let (Some(last_verified), Some(signed)) = (last_verified, signed) else {
        return None;
    };
    Some(Procedure {
        file: cx.path.to_path_buf(),
        data: p,
        last_verified,
        signed,
        effective,
        detail: Detail::Full,
    })
}

fn check_form(cx: &mut FileCx, form: &raw::FormRef, path: &[PathSeg], forms: &BTreeSet<String>) {
    if let Some(doc) = &form.issued_by {
        let mut ip = path.to_vec();
        ip.push(PathSeg::from("issued_by"));
        cx.reference(RefKind::Legal, doc, &ip);
    }
    let Some(file) = &form.file else {
        return;
    };
    let mut fp = path.to_vec();
    fp.push(PathSeg::from("file"));
    let escapes = file.starts_with('/')
        || file.starts_with('\\')
        || file.contains(':')
        || file.split(['/', '\\']).any(|part| part == "..");
    if escapes || !file.starts_with("forms/") {
        let span = cx.at(&fp);
        cx.error(
            span,
            "form-path",
            format!("đường dẫn mẫu `{file}` nằm ngoài thư mục forms/ của danh mục"),
            "đặt tệp mẫu trong thư mục forms/ và ghi đường dẫn tương đối, ví dụ `forms/CT01.docx`",
        );
        return;
    }
    if !forms.contains(file.as_str()) {
        let span = cx.at(&fp);
        let hint = match closest(file, forms.iter().map(String::as_str)) {
            Some(s) => format!("có phải ý bạn là `{s}`?"),
            None => "đặt tệp mẫu vào thư mục forms/ hoặc sửa lại tên".to_string(),
        };
        cx.error(
            span,
            "missing-form",
            format!("không tìm thấy tệp mẫu `{file}`"),
            &hint,
        );
    }
}

fn check_references(c: &Catalogue, refs: &[&Reference], today: NaiveDate, diags: &mut Diagnostics) {
    let sector_ids: Vec<&str> = c.sectors.iter().map(|s| s.id.as_str()).collect();
    // A catalogue of 10,000 procedures has about 180,000 references: checked in parallel,
    // with procedure codes hashed rather than binary-searched.
    let codes: std::collections::HashSet<&str> =
        c.procedures.iter().map(|p| p.code.as_str()).collect();
    let found: Vec<Diagnostic> = refs
        .par_iter()
        .filter_map(|r| check_reference(c, &sector_ids, &codes, today, r))
        .collect();
    diags.extend(found);
}

/// The problem with one reference, if any: it dangles, or a current procedure cites a
/// document that is not in force on `today`.
fn check_reference(
    c: &Catalogue,
    sector_ids: &[&str],
    codes: &std::collections::HashSet<&str>,
    today: NaiveDate,
    r: &Reference,
) -> Option<Diagnostic> {
    let exists = match r.kind {
        RefKind::Agency => c.agencies.contains_key(&r.target),
        RefKind::Sector => sector_ids.contains(&r.target.as_str()),
        RefKind::Legal => c.legal.contains_key(&r.target),
        RefKind::Procedure => codes.contains(r.target.as_str()),
    };
    if exists {
        if r.kind == RefKind::Legal && r.current {
            if let Some(doc) = c.legal.get(&r.target) {
                if !doc.in_force_on(today) {
                    return Some(not_in_force(c, doc, today, r));
                }
            }
        }
        return None;
    }
    let candidates: Vec<&str> = match r.kind {
        RefKind::Agency => c.agencies.keys().map(String::as_str).collect(),
        RefKind::Sector => sector_ids.to_vec(),
        RefKind::Legal => c.legal.keys().map(String::as_str).collect(),
        RefKind::Procedure => c.procedures.iter().map(|p| p.code.as_str()).collect(),
    };
    let hint = match closest(&r.target, candidates.into_iter()) {
        Some(s) => format!("có phải ý bạn là `{s}`? Nếu không: {}", r.kind.fix()),
        None => r.kind.fix().to_string(),
    };
    Some(
        Diagnostic::error(
            &r.file,
            r.span,
            "dangling-reference",
            format!("không có {} `{}` trong danh mục", r.kind.noun(), r.target),
        )
        .with_hint(hint),
    )
}

/// The `cites-not-in-force` warning, naming the replacement when the registry knows it.
fn not_in_force(c: &Catalogue, doc: &LegalDocument, today: NaiveDate, r: &Reference) -> Diagnostic {
    let on = today.format("%d/%m/%Y");
    let state = if doc.from.is_some_and(|f| today < f) {
        format!("chưa có hiệu lực vào ngày {on}")
    } else {
        match doc.until {
            Some(u) => format!(
                "hết hiệu lực từ ngày {}",
                (u + chrono::Days::new(1)).format("%d/%m/%Y")
            ),
            None => format!("không còn hiệu lực vào ngày {on}"),
        }
    };
    let (by, hint) = match &doc.replaced_by {
        Some(rb) => {
            let from = parse_date(&rb.from)
                .map(|d| format!(" từ ngày {}", d.format("%d/%m/%Y")))
                .unwrap_or_default();
            let title = c
                .legal
                .get(&rb.document)
                .map(|d| format!(" ({})", d.title))
                .unwrap_or_default();
            (
                format!("; được thay thế bởi `{}`{title}{from}", rb.document),
                format!(
                    "đối chiếu thủ tục với `{}` rồi trích dẫn văn bản này; chỉ giữ văn bản cũ cho thông tin lịch sử",
                    rb.document
                ),
            )
        }
        None => (
            String::new(),
            "trích dẫn văn bản đang có hiệu lực, hoặc ghi văn bản thay thế vào `replaced_by` của văn bản cũ"
                .to_string(),
        ),
    };
    Diagnostic::warning(
        &r.file,
        r.span,
        "cites-not-in-force",
        format!("trích dẫn văn bản `{}` {state}{by}", r.target),
    )
    .with_hint(hint)
}

fn check_catalogue_rules(c: &Catalogue, opts: &Options, diags: &mut Diagnostics) {
    let limit = i64::from(c.site.freshness_days);
    for p in &c.procedures {
        let age = (opts.today - p.last_verified).num_days();
        if age > limit {
            let span = read_span_of_key(&p.file, "last_verified");
            diags.push(
                Diagnostic::warning(
                    &p.file,
                    span,
                    "stale",
                    format!(
                        "thông tin đã {age} ngày chưa được kiểm tra lại (giới hạn {limit} ngày)"
                    ),
                )
                .with_hint(
                    "đối chiếu lại với quyết định công bố hiện hành rồi cập nhật `last_verified`",
                ),
            );
        } else if age < 0 {
            let span = read_span_of_key(&p.file, "last_verified");
            diags.push(
                Diagnostic::warning(
                    &p.file,
                    span,
                    "future-date",
                    "ngày kiểm tra nằm trong tương lai".to_string(),
                )
                .with_hint("ghi ngày thực tế đã kiểm tra"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_honours_source_date_epoch_format() {
        assert_eq!(parse_date("2025-02-30"), None);
        assert_eq!(parse_date("2025-2-3"), None);
        assert!(parse_date("2024-02-29").is_some());
    }

    #[test]
    fn slugs() {
        assert!(is_slug("ubnd-cap-xa"));
        assert!(!is_slug("UBND"));
        assert!(!is_slug("a--b"));
        assert_eq!(legal_slug("123/2015/NĐ-CP"), "123-2015-NĐ-CP");
    }

    #[test]
    fn auto_keeps_summaries_from_the_threshold_on() {
        assert!(!Memory::Auto.summarizes(LOW_MEMORY_FROM - 1));
        assert!(Memory::Auto.summarizes(LOW_MEMORY_FROM));
        assert!(Memory::Low.summarizes(1));
        assert!(!Memory::Full.summarizes(1_000_000));
    }

    /// A copy of the shipped catalogue in `dir`, loaded with `memory`.
    fn shipped(dir: &Path, memory: Memory) -> Catalogue {
        let opts = Options {
            memory,
            ..Options::default()
        };
        crate::catalogue::testing::shipped_copy(dir, &opts)
    }

    #[test]
    fn a_summary_reads_back_whole_and_cites_what_the_whole_cites() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let whole = shipped(a.path(), Memory::Full);
        let low = shipped(b.path(), Memory::Low);
        assert_eq!(whole.procedures.len(), low.procedures.len());
        for (w, s) in whole.procedures.iter().zip(&low.procedures) {
            assert!(!w.is_summary() && s.is_summary(), "{}", w.code);
            assert!(s.papers.is_empty() && s.steps.is_empty() && s.summary.is_empty());
            assert_eq!(w.cited_documents(), s.cited_documents(), "{}", w.code);
            let full = low.full(s).expect("reads back");
            assert!(!full.is_summary());
            let json = |p: &Procedure| serde_json::to_string(&p.data).expect("json");
            assert_eq!(json(w), json(&full), "{}", w.code);
            // A whole procedure is returned as it is, without reading its file.
            assert!(matches!(whole.full(w), Ok(std::borrow::Cow::Borrowed(_))));
        }
    }

    #[test]
    fn a_file_changed_after_validation_is_reported_not_published() {
        let dir = tempfile::tempdir().unwrap();
        let c = shipped(dir.path(), Memory::Low);
        let p = &c.procedures[0];
        let text = std::fs::read_to_string(&p.file).unwrap();
        let renamed = text.replacen(&format!("name: \"{}\"", p.name), "name: Tên khác", 1);
        assert!(text != renamed, "the test edits the name");
        std::fs::write(&p.file, renamed).unwrap();
        let e = c.full(p).expect_err("the name changed");
        assert_eq!(e.file, p.file);
        assert!(
            e.to_string().contains("đã thay đổi trong khi dựng trang"),
            "{e}"
        );
        std::fs::write(&p.file, "code: [").unwrap();
        assert!(c.full(p).is_err(), "no longer parses");
        std::fs::remove_file(&p.file).unwrap();
        assert!(c.full(p).is_err(), "deleted");
    }
}
