//! Theme lookup: the built-in default theme, overridden file by file by a site's own theme.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::SiteError;

/// Built-in templates, compiled into the binary so motcua works from any directory.
const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "macros.html",
        include_str!("../../themes/default/templates/macros.html"),
    ),
    (
        "index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "procedure.html",
        include_str!("../../themes/default/templates/procedure.html"),
    ),
    (
        "checklist.html",
        include_str!("../../themes/default/templates/checklist.html"),
    ),
    (
        "list.html",
        include_str!("../../themes/default/templates/list.html"),
    ),
    (
        "search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "about.html",
        include_str!("../../themes/default/templates/about.html"),
    ),
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
];

/// Built-in static assets.
const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    (
        "css/style.css",
        include_bytes!("../../themes/default/static/css/style.css"),
    ),
    (
        "js/site.js",
        include_bytes!("../../themes/default/static/js/site.js"),
    ),
];

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
    let mut theme = Theme {
        templates: DEFAULT_TEMPLATES
            .iter()
            .map(|(n, s)| {
                (
                    n.to_string(),
                    (
                        s.to_string(),
                        PathBuf::from(format!("themes/default/templates/{n}")),
                    ),
                )
            })
            .collect(),
        assets: DEFAULT_STATIC
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect(),
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
        return Ok(theme);
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
            let rel = entry
                .path()
                .strip_prefix(&root)
                .map(|r| r.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
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
    Ok(theme)
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
