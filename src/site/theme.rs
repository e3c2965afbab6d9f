//! Theme lookup: the built-in default theme, overridden file by file by a site's own theme.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::SiteError;

/// The built-in theme: the whole `themes/default/` directory, compiled into the binary so
/// motcua works from any directory (a catalogue of its own, a `cargo install`ed binary).
static DEFAULT_THEME: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The assets every page links to, by the name templates use for them (`assets.css` …).
/// A theme without one of them cannot produce working pages, so loading it fails.
pub const PAGE_ASSETS: &[(&str, &str)] = &[
    ("css", "css/style.css"),
    ("search_css", "css/search.css"),
    ("search_js", "js/search.js"),
    ("site_js", "js/site.js"),
    ("favicon", "favicon.svg"),
    ("deadline_js", "js/deadline.js"),
    ("cases_js", "js/cases.js"),
];

/// Every file under `sub/` of the built-in theme, by its path relative to `sub/`.
fn builtin_files(sub: &str) -> Vec<(String, &'static [u8])> {
    fn walk(dir: &include_dir::Dir<'static>, out: &mut Vec<&'static include_dir::File<'static>>) {
        out.extend(dir.files());
        for d in dir.dirs() {
            walk(d, out);
        }
    }
    let mut files = Vec::new();
    if let Some(dir) = DEFAULT_THEME.get_dir(sub) {
        walk(dir, &mut files);
    }
    files
        .into_iter()
        .filter_map(|f| {
            let rel = f.path().strip_prefix(sub).ok()?;
            Some((rel.to_string_lossy().replace('\\', "/"), f.contents()))
        })
        .collect()
}

/// A resolved theme: template sources and static files, after overrides.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Template name → (source, where it came from).
    pub templates: BTreeMap<String, (String, PathBuf)>,
    /// Static file path (relative, `/`-separated) → bytes.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// The override directory, if any (watched by `serve`).
    pub dir: Option<PathBuf>,
}

/// Directories where a theme named `name` may live, for a catalogue at `catalogue`.
pub fn candidate_dirs(catalogue: &Path, name: &str) -> Vec<PathBuf> {
    let mut dirs = vec![catalogue.join("themes").join(name)];
    if let Some(parent) = catalogue.parent() {
        dirs.push(parent.join("themes").join(name));
    }
    dirs
}

/// Loads the theme: built-in default first, then files of the site's theme directory.
pub fn load(catalogue: &Path, name: Option<&str>) -> Result<Theme, SiteError> {
    let mut templates = BTreeMap::new();
    for (name, bytes) in builtin_files("templates") {
        let text = std::str::from_utf8(bytes)
            .map_err(|_| SiteError::Theme(format!("mẫu có sẵn `{name}` không phải UTF-8")))?;
        let origin = PathBuf::from(format!("themes/default/templates/{name}"));
        templates.insert(name, (text.to_string(), origin));
    }
    let assets = builtin_files("static")
        .into_iter()
        .map(|(name, bytes)| (name, bytes.to_vec()))
        .collect();
    let mut theme = Theme {
        templates,
        assets,
        dir: None,
    };
    let wanted = name.unwrap_or("default");
    let dir = candidate_dirs(catalogue, wanted)
        .into_iter()
        .find(|d| d.is_dir());
    let Some(dir) = dir else {
        if wanted != "default" {
            return Err(SiteError::Theme(format!(
                "không tìm thấy giao diện `{wanted}` (đã tìm trong {})",
                candidate_dirs(catalogue, wanted)
                    .iter()
                    .map(|d| d.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        return theme.complete();
    };
    for (sub, is_template) in [("templates", true), ("static", false)] {
        let root = dir.join(sub);
        if !root.is_dir() {
            continue;
        }
        for entry in WalkDir::new(&root).sort_by_file_name() {
            let entry =
                entry.map_err(|e| SiteError::Theme(format!("không đọc được giao diện: {e}")))?;
            if !entry.file_type().is_file() {
                continue;
            }
            // WalkDir yields paths under the root it was given.
            let Ok(rel) = entry.path().strip_prefix(&root) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            let bytes = std::fs::read(entry.path())
                .map_err(|e| SiteError::Io(entry.path().to_path_buf(), e))?;
            if is_template {
                let text = String::from_utf8(bytes).map_err(|_| {
                    SiteError::Theme(format!("mẫu `{}` không phải UTF-8", entry.path().display()))
                })?;
                theme
                    .templates
                    .insert(rel, (text, entry.path().to_path_buf()));
            } else {
                theme.assets.insert(rel, bytes);
            }
        }
    }
    theme.dir = Some(dir);
    theme.complete()
}

impl Theme {
    /// The theme, if it has every asset pages link to; otherwise an error naming the missing
    /// files (a page must never link to an empty `href`).
    fn complete(self) -> Result<Theme, SiteError> {
        let missing: Vec<&str> = PAGE_ASSETS
            .iter()
            .map(|(_, path)| *path)
            .filter(|path| !self.assets.contains_key(*path))
            .collect();
        if missing.is_empty() {
            return Ok(self);
        }
        Err(SiteError::Theme(format!(
            "giao diện thiếu tệp {}; thêm vào thư mục static/ của giao diện (bản có sẵn nằm trong themes/default/static/ của motcua)",
            missing
                .iter()
                .map(|m| format!("`static/{m}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )))
    }
}

/// The content-hashed file name of an asset: `css/style.css` → `css/style.1a2b3c4d.css`.
pub fn hashed_name(path: &str, bytes: &[u8]) -> String {
    let hash = xxhash_rust::xxh3::xxh3_64(bytes);
    let short = format!("{:08x}", (hash >> 32) as u32);
    match path.rfind('.') {
        Some(dot) if !path[dot..].contains('/') => {
            format!("{}.{short}{}", &path[..dot], &path[dot..])
        }
        _ => format!("{path}.{short}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_before_the_extension() {
        let n = hashed_name("css/style.css", b"x");
        assert!(
            n.starts_with("css/style.")
                && n.ends_with(".css")
                && n.len() == "css/style.12345678.css".len()
        );
        assert_eq!(n, hashed_name("css/style.css", b"x"));
        assert_ne!(n, hashed_name("css/style.css", b"y"));
    }
}
