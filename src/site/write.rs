//! Write stage: put the rendered site on disk atomically.
//!
//! The new site is written into a temporary sibling directory and swapped in with renames, so
//! a failed or interrupted build leaves the previous output as it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::SiteError;

/// Marker file that says motcua created a directory (so it may replace it).
pub const MARKER: &str = ".motcua-output";

/// Writes `files` to `out`, replacing a previous motcua output. Refuses to replace a
/// non-empty directory that motcua did not create unless `force`.
pub fn write_atomically(
    out: &Path,
    files: &BTreeMap<String, Vec<u8>>,
    force: bool,
) -> Result<(), SiteError> {
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| SiteError::Io(p, e)
    };
    if out.exists() {
        if !out.is_dir() {
            return Err(SiteError::Output(format!(
                "`{}` đã tồn tại và không phải thư mục",
                out.display()
            )));
        }
        let ours = out.join(MARKER).is_file();
        let empty = std::fs::read_dir(out).map_err(io(out))?.next().is_none();
        if !ours && !empty && !force {
            return Err(SiteError::Output(format!(
                "thư mục `{}` có sẵn nội dung không do motcua tạo; chọn thư mục khác bằng -o, hoặc dùng --force để ghi đè",
                out.display()
            )));
        }
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}.new-"))
        .tempdir_in(&parent)
        .map_err(io(&parent))?;
    for (rel, bytes) in files {
        let path = tmp.path().join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        std::fs::write(&path, bytes).map_err(io(&path))?;
    }
    std::fs::write(tmp.path().join(MARKER), b"motcua\n").map_err(io(tmp.path()))?;
    let staged = tmp.keep();
    if out.exists() {
        let old = tempfile::Builder::new()
            .prefix(&format!(".{name}.old-"))
            .tempdir_in(&parent)
            .map_err(io(&parent))?
            .keep();
        // rename() needs the target gone; the fresh empty dir is only a unique name.
        std::fs::remove_dir(&old).map_err(io(&old))?;
        std::fs::rename(out, &old).map_err(io(out))?;
        if let Err(e) = std::fs::rename(&staged, out) {
            // Put the previous output back before failing.
            let _ = std::fs::rename(&old, out);
            let _ = std::fs::remove_dir_all(&staged);
            return Err(SiteError::Io(out.to_path_buf(), e));
        }
        let _ = std::fs::remove_dir_all(&old);
    } else {
        std::fs::rename(&staged, out).map_err(io(out))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_foreign_directories_and_replaces_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("keep.txt"), "x").unwrap();
        let files: BTreeMap<String, Vec<u8>> = [("index.html".to_string(), b"hi".to_vec())].into();
        assert!(write_atomically(&out, &files, false).is_err());
        assert!(out.join("keep.txt").exists());
        write_atomically(&out, &files, true).unwrap();
        assert!(!out.join("keep.txt").exists());
        let files2: BTreeMap<String, Vec<u8>> = [("a/b.html".to_string(), b"2".to_vec())].into();
        write_atomically(&out, &files2, false).unwrap();
        assert_eq!(std::fs::read(out.join("a/b.html")).unwrap(), b"2");
        assert!(!out.join("index.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary directories left behind");
    }
}
