//! Load stage: walk the catalogue in sorted order, read each file safely, normalize to NFC and
//! parse YAML keeping positions.

use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;
use walkdir::WalkDir;

use super::yaml::{self, Node};
use crate::diagnostics::{Diagnostic, Diagnostics, Span};

/// Largest catalogue file accepted. Real procedure files are a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// What a file is, from where it sits in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum FileRole {
    /// `site.yaml`.
    Site,
    /// `sectors.yaml`.
    Sectors,
    /// `calendar.yaml`.
    Calendar,
    /// `communes.yaml`.
    Communes,
    /// `agencies/<id>.yaml`.
    Agency(String),
    /// `legal/<slug>.yaml`.
    Legal,
    /// `journeys/<id>.yaml`.
    Journey(String),
    /// `decisions/<slug>.yaml`.
    Decision(String),
    /// `procedures/<sector>/<code>.yaml`.
    Procedure {
        /// The directory name (must equal the procedure's sector).
        sector_dir: String,
        /// The file stem (must equal the procedure's code).
        stem: String,
    },
}

/// A parsed catalogue file.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    /// Path as shown in diagnostics.
    pub path: PathBuf,
    /// What the file is.
    pub role: FileRole,
    /// The YAML tree with positions.
    pub root: Node,
}

/// Everything the load stage found.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The catalogue root directory.
    pub root: PathBuf,
    /// Parsed YAML files, in sorted path order.
    pub files: Vec<LoadedFile>,
    /// Form files under `forms/`, relative to the catalogue root with `/` separators.
    pub forms: Vec<String>,
}

/// What identifies one version of a file: its length and modification time.
pub type Stamp = (u64, Option<std::time::SystemTime>);

/// True when `mtime` is old enough that a later edit must change the stamp.
pub fn is_settled(mtime: Option<std::time::SystemTime>) -> bool {
    let Some(m) = mtime else {
        return false;
    };
    std::time::SystemTime::now()
        .duration_since(m)
        .is_ok_and(|age| age >= std::time::Duration::from_secs(2))
}

/// The current stamp of `path`.
pub fn stamp(path: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.len(), m.modified().ok()))
}

/// Walks and parses the whole catalogue (every YAML file, in parallel).
pub fn load(root: &Path, diags: &mut Diagnostics) -> Loaded {
    let walk = walk(root);
    diags.extend(walk.diags.iter().cloned());
    let results: Vec<Result<LoadedFile, Diagnostic>> = walk
        .files
        .into_par_iter()
        .map(|(path, role)| read_and_parse(&path).map(|root| LoadedFile { path, role, root }))
        .collect();
    let mut loaded = Loaded {
        root: root.to_path_buf(),
        forms: walk.forms,
        ..Loaded::default()
    };
    for r in results {
        match r {
            Ok(f) => loaded.files.push(f),
            Err(d) => diags.push(d),
        }
    }
    loaded
}

/// What a walk of the catalogue found, before any file is read.
#[derive(Debug, Clone, Default)]
pub struct Walk {
    /// YAML files to read with their roles, in sorted path order.
    pub files: Vec<(PathBuf, FileRole)>,
    /// Form files under `forms/`, relative to the catalogue root with `/` separators.
    pub forms: Vec<String>,
    /// Problems met on the way: unreadable entries, links leaving the catalogue, twins,
    /// misplaced files.
    pub diags: Vec<Diagnostic>,
}

/// The role of a procedure file at `path` (absolute or relative like `root`), or `None` when
/// the path is not where procedure files live.
pub fn procedure_role(root: &Path, path: &Path) -> Option<FileRole> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    if parts.iter().any(|p| p.starts_with('.')) {
        return None;
    }
    match classify(&parts) {
        Classified::Yaml(role @ FileRole::Procedure { .. }) => Some(role),
        _ => None,
    }
}

/// Walks the catalogue in sorted order, classifying files by where they sit. Links are
/// followed but must stay inside the catalogue.
pub fn walk(root: &Path) -> Walk {
    let mut out = Walk::default();
    if !root.is_dir() {
        out.diags.push(
            Diagnostic::error(
                root,
                Span::start(),
                "no-catalogue",
                "không tìm thấy thư mục danh mục",
            )
            .with_hint("chỉ đường dẫn tới thư mục chứa site.yaml, ví dụ `motcua check catalogue`"),
        );
        return out;
    }
    // Links are followed (a catalogue may be assembled from linked folders) but must stay
    // inside the catalogue: a link to /etc/passwd under forms/ would otherwise be published.
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut walker = WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    // Keyed by the path without its extension, as one string: hashing a path goes component
    // by component, a third of the walk's time on ten thousand files.
    let mut seen_stems: std::collections::HashMap<std::ffi::OsString, PathBuf> =
        std::collections::HashMap::new();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.to_path_buf());
                let (msg, hint) = if e.loop_ancestor().is_some() {
                    (
                        "liên kết tượng trưng (symlink) tạo thành vòng lặp",
                        "xoá liên kết trỏ ngược về thư mục cha",
                    )
                } else {
                    (
                        "không đọc được tệp hoặc thư mục",
                        "kiểm tra quyền đọc và liên kết tượng trưng",
                    )
                };
                out.diags.push(
                    Diagnostic::error(&path, Span::start(), "io", format!("{msg}: {e}"))
                        .with_hint(hint),
                );
                continue;
            }
        };
        if entry.path_is_symlink() {
            let inside = std::fs::canonicalize(entry.path())
                .map(|t| t.starts_with(&canonical_root))
                .unwrap_or(false);
            if !inside {
                out.diags.push(
                    Diagnostic::error(entry.path(), Span::start(), "link-outside", "liên kết tượng trưng trỏ ra ngoài thư mục danh mục")
                        .with_hint("chép tệp vào trong danh mục thay vì liên kết; motcua chỉ đọc và xuất bản nội dung nằm trong danh mục"),
                );
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        if entry.file_type().is_dir() && entry.depth() > 0 {
            // A site built into the catalogue (`cd mysite && motcua build` writes
            // `mysite/public/`) is output, not catalogue: tens of thousands of files to skip.
            if entry.path().join(crate::site::write::MARKER).is_file() {
                walker.skip_current_dir();
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        // `x.yaml` and `x.yml` side by side would be two versions of one record.
        if let Some(stem) = entry.file_name().to_str().and_then(yaml_stem) {
            let mut key = entry
                .path()
                .parent()
                .map(|p| p.as_os_str().to_os_string())
                .unwrap_or_default();
            key.push("/");
            key.push(stem);
            if let Some(first) = seen_stems.get(&key) {
                out.diags.push(
                    Diagnostic::error(
                        entry.path(),
                        Span::start(),
                        "duplicate-file",
                        format!("tệp trùng với {}", first.display()),
                    )
                    .with_hint("mỗi bản ghi chỉ có một tệp; xoá một trong hai (.yaml hoặc .yml)"),
                );
                continue;
            }
            seen_stems.insert(key, entry.path().to_path_buf());
        }
        let rel = match entry.path().strip_prefix(root) {
            Ok(r) => r.to_path_buf(),
            Err(_) => continue,
        };
        let parts: Vec<String> = rel
            .components()
            .filter_map(|c| match c {
                Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        if parts.iter().any(|p| p.starts_with('.')) {
            continue;
        }
        if parts.first().map(String::as_str) == Some("forms") {
            out.forms.push(parts.join("/"));
            continue;
        }
        match classify(&parts) {
            Classified::Yaml(role) => out.files.push((entry.path().to_path_buf(), role)),
            Classified::Ignore => {}
            Classified::Misplaced(hint) => out.diags.push(
                Diagnostic::warning(
                    entry.path(),
                    Span::start(),
                    "misplaced-file",
                    "tệp nằm ngoài các vị trí motcua đọc nên bị bỏ qua",
                )
                .with_hint(hint),
            ),
        }
    }
    out
}

enum Classified {
    Yaml(FileRole),
    Ignore,
    Misplaced(&'static str),
}

fn yaml_stem(name: &str) -> Option<&str> {
    name.strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
}

fn classify(parts: &[String]) -> Classified {
    let strs: Vec<&str> = parts.iter().map(String::as_str).collect();
    match strs.as_slice() {
        ["site.yaml" | "site.yml"] => Classified::Yaml(FileRole::Site),
        ["sectors.yaml" | "sectors.yml"] => Classified::Yaml(FileRole::Sectors),
        ["calendar.yaml" | "calendar.yml"] => Classified::Yaml(FileRole::Calendar),
        ["communes.yaml" | "communes.yml"] => Classified::Yaml(FileRole::Communes),
        ["agencies", f] => match yaml_stem(f) {
            Some(stem) => Classified::Yaml(FileRole::Agency(stem.to_string())),
            None => Classified::Misplaced("agencies/ chỉ chứa tệp .yaml"),
        },
        ["legal", f] => match yaml_stem(f) {
            Some(_) => Classified::Yaml(FileRole::Legal),
            None => Classified::Misplaced("legal/ chỉ chứa tệp .yaml"),
        },
        ["journeys", f] => match yaml_stem(f) {
            Some(stem) => Classified::Yaml(FileRole::Journey(stem.to_string())),
            None => Classified::Misplaced("journeys/ chỉ chứa tệp .yaml"),
        },
        ["decisions", f] => match yaml_stem(f) {
            Some(stem) => Classified::Yaml(FileRole::Decision(stem.to_string())),
            None => Classified::Misplaced("decisions/ chỉ chứa tệp .yaml"),
        },
        ["procedures", sector, f] => match yaml_stem(f) {
            Some(stem) => Classified::Yaml(FileRole::Procedure {
                sector_dir: sector.to_string(),
                stem: stem.to_string(),
            }),
            None => Classified::Misplaced("procedures/<lĩnh-vực>/ chỉ chứa tệp <mã>.yaml"),
        },
        ["procedures", ..] => {
            Classified::Misplaced("đặt thủ tục ở procedures/<lĩnh-vực>/<mã>.yaml")
        }
        [f] if yaml_stem(f).is_some() => {
            Classified::Misplaced("ở thư mục gốc chỉ có site.yaml, sectors.yaml, calendar.yaml và communes.yaml")
        }
        [_] => Classified::Ignore,
        ["schema", ..] | [".vscode", ..] => Classified::Ignore,
        _ if strs.last().map(|f| yaml_stem(f).is_some()).unwrap_or(false) => Classified::Misplaced(
            "tệp YAML phải nằm trong agencies/, legal/, journeys/, decisions/ hoặc procedures/<lĩnh-vực>/",
        ),
        _ => Classified::Ignore,
    }
}

/// Reads one file with a size limit, checks UTF-8, strips a BOM, normalizes to NFC, parses.
pub fn read_and_parse(path: &Path) -> Result<Node, Diagnostic> {
    let bytes = read_bytes(path)?;
    let text = as_text(path, &bytes)?;
    let parsed = if is_nfc(text) {
        // Parsed from the bytes as read: valid NFC (most files) is never copied.
        yaml::parse(text)
    } else {
        yaml::parse(&text.nfc().collect::<String>())
    };
    parsed.map_err(|e| {
        let d = Diagnostic::error(path, e.span, "yaml-syntax", e.message);
        match e.hint {
            Some(h) => d.with_hint(h),
            None => d,
        }
    })
}

/// Reads a catalogue file as NFC text, refusing oversized or non-UTF-8 files.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = read_bytes(path)?;
    let text = as_text(path, &bytes)?;
    Ok(if is_nfc(text) {
        text.to_string()
    } else {
        text.nfc().collect()
    })
}

fn is_nfc(text: &str) -> bool {
    plain_nfc(text.as_bytes()) || crate::text::is_nfc(text)
}

/// The bytes of a catalogue file without a BOM, refusing oversized files.
fn read_bytes(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let io_err = |e: std::io::Error| {
        Diagnostic::error(
            path,
            Span::start(),
            "io",
            format!("không đọc được tệp: {e}"),
        )
        .with_hint("kiểm tra quyền đọc của tệp")
    };
    let too_large = |len: u64| {
        Diagnostic::error(
            path,
            Span::start(),
            "file-too-large",
            format!(
                "tệp quá lớn ({} MB, tối đa {} MB)",
                len / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
        .with_hint("mỗi tệp chỉ chứa một bản ghi; kiểm tra xem có dán nhầm nội dung khác vào không")
    };
    // One open and one fstat per file (ten thousand of them), rather than a stat by path
    // and then `fs::read`'s own open and stat.
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            // As before: a file too large is reported as such even when it cannot be opened.
            let meta = std::fs::metadata(path).map_err(io_err)?;
            if meta.len() > MAX_FILE_BYTES {
                return Err(too_large(meta.len()));
            }
            return Err(io_err(e));
        }
    };
    let len = file.metadata().map_err(io_err)?.len();
    if len > MAX_FILE_BYTES {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    std::io::Read::read_to_end(&mut file, &mut bytes).map_err(io_err)?;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    Ok(bytes)
}

/// The bytes as text, or the `not-utf8` error at the first invalid byte.
fn as_text<'b>(path: &Path, bytes: &'b [u8]) -> Result<&'b str, Diagnostic> {
    // simdutf8 (already built for encoding_rs) checks Vietnamese text several times faster
    // than `std::str::from_utf8`, a twentieth of `check` on a large catalogue. Only a file
    // that fails goes through std, for the position of the bad byte.
    let e = match simdutf8::basic::from_utf8(bytes) {
        Ok(t) => return Ok(t),
        Err(_) => match std::str::from_utf8(bytes) {
            Ok(t) => return Ok(t),
            Err(e) => e,
        },
    };
    let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
    let line = good.matches('\n').count() as u32 + 1;
    let col = good
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0) as u32
        + 1;
    Err(Diagnostic::error(
        path,
        Span::new(line, col, 1),
        "not-utf8",
        "tệp không phải UTF-8 hợp lệ",
    )
    .with_hint("lưu lại tệp với bảng mã UTF-8 (không dùng TCVN3/VNI/Windows-1258)"))
}

/// True when every character of `text` (valid UTF-8) is below U+0300 or in Latin Extended
/// Additional (U+1E00–U+1EFF, the precomposed Vietnamese letters): such text is NFC. The same
/// test `text::is_nfc` starts with, on bytes instead of decoded characters, since every file
/// of a catalogue goes through it. A byte from 0xCC up always starts a character from U+0300
/// up (continuation bytes are below 0xC0), and the only such characters allowed are
/// E1 B8..BB xx; the check has no branches per byte, so the compiler vectorizes it.
fn plain_nfc(text: &[u8]) -> bool {
    let Some(&last) = text.last() else {
        return true;
    };
    let bad = text.iter().zip(&text[1..]).fold(0u8, |bad, (&b, &next)| {
        let high = (b >= 0xCC) as u8;
        let vietnamese = (b == 0xE1) as u8 & (next.wrapping_sub(0xB8) < 4) as u8;
        bad | (high & !vietnamese)
    });
    bad == 0 && last < 0xCC
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(p: &str) -> Vec<String> {
        p.split('/').map(String::from).collect()
    }

    #[test]
    fn classifies_by_position() {
        assert!(matches!(
            classify(&parts("site.yaml")),
            Classified::Yaml(FileRole::Site)
        ));
        assert!(matches!(
            classify(&parts("procedures/ho-tich/1.001193.yaml")),
            Classified::Yaml(FileRole::Procedure { .. })
        ));
        assert!(matches!(
            classify(&parts("procedures/x.yaml")),
            Classified::Misplaced(_)
        ));
        assert!(matches!(classify(&parts("README.md")), Classified::Ignore));
    }

    #[test]
    fn plain_nfc_agrees_with_decoding() {
        let plain = |c: char| (c as u32) < 0x300 || ('\u{1e00}'..='\u{1eff}').contains(&c);
        for s in [
            "",
            "abc",
            "Đăng ký khai sinh cho trẻ em — bản sao",
            "Đa\u{306}ng ky\u{301}",
            "ư ơ ạ ỹ ¼ ˿ ̀ 中 🙂",
            "12345678Đăng12345678",
            "\u{1dff}\u{1e00}\u{1eff}\u{1f00}\u{2ff}\u{300}",
        ] {
            assert_eq!(plain_nfc(s.as_bytes()), s.chars().all(plain), "{s}");
            for (i, _) in s.char_indices() {
                let t = &s[i..];
                assert_eq!(plain_nfc(t.as_bytes()), t.chars().all(plain), "{t}");
            }
        }
    }

    #[test]
    fn normalizes_nfd_and_strips_bom() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.yaml");
        std::fs::write(&p, "\u{FEFF}name: \"Đa\u{306}ng ky\u{301}\"\r\n").unwrap();
        let n = read_and_parse(&p).unwrap();
        assert_eq!(n.get("name").unwrap().as_str(), Some("Đăng ký"));
    }

    #[test]
    fn reports_invalid_utf8_position() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.yaml");
        std::fs::write(&p, b"name: ok\nx: \xff\n").unwrap();
        let d = read_and_parse(&p).unwrap_err();
        assert_eq!((d.span.line, d.span.col), (2, 4));
        assert_eq!(d.code, "not-utf8");
    }
}
