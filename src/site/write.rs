//! Write stage: put the rendered site on disk atomically.
//!
//! The new site is written into a temporary sibling directory and swapped in with renames, so
//! a failed or interrupted build leaves the previous output as it was.
//!
//! A file whose bytes are the same as in the previous output is hard-linked from it instead of
//! written again. A rebuild then creates (and later frees) an inode only for what changed,
//! which is most of the cost of writing tens of thousands of small files. Unchanged files also
//! keep their modification time, so a deploy by `rsync` or mtime copies only what changed. The
//! marker file lists each file's hash and length; a file edited by hand after the build (newer
//! than the marker, or another length) is never reused.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::SiteError;

/// Marker file that says motcua created a directory (so it may replace it). It also lists the
/// files of that build (`hash length path` per line) so the next build can reuse them.
pub const MARKER: &str = ".motcua-output";

/// First line of the marker; older markers (`motcua`) are still recognized, without reuse.
const MARKER_HEAD: &str = "motcua 1";

/// The files of the previous build that may be reused: path → (xxh3, length), and the time the
/// marker was written (a file changed after it is not reused).
struct Previous {
    files: std::collections::HashMap<String, (u64, u64)>,
    written: std::time::SystemTime,
}

impl Previous {
    fn read(out: &Path) -> Option<Previous> {
        let marker = out.join(MARKER);
        let written = std::fs::metadata(&marker).ok()?.modified().ok()?;
        let text = std::fs::read_to_string(&marker).ok()?;
        let mut lines = text.lines();
        if lines.next()? != MARKER_HEAD {
            return None;
        }
        let files = lines
            .filter_map(|l| {
                let mut it = l.splitn(3, ' ');
                let hash = u64::from_str_radix(it.next()?, 16).ok()?;
                let len = it.next()?.parse().ok()?;
                Some((it.next()?.to_string(), (hash, len)))
            })
            .collect();
        Some(Previous { files, written })
    }

    /// Whether `old` (the previous build's copy of `rel`) holds exactly `bytes`, unchanged
    /// since that build.
    fn holds(&self, rel: &str, hash: u64, len: u64, old: &Path) -> bool {
        if self.files.get(rel) != Some(&(hash, len)) {
            return false;
        }
        match std::fs::symlink_metadata(old) {
            Ok(m) => m.is_file() && m.len() == len && m.modified().is_ok_and(|t| t <= self.written),
            Err(_) => false,
        }
    }
}

/// A new output being written into a temporary sibling of `out`; [`Staging::finish`] swaps it
/// in. Refuses to replace a non-empty directory that motcua did not create unless `force`. Dropped without finishing (an error, an interrupted build), it is deleted and `out` is
/// left as it was.
pub struct Staging {
    out: PathBuf,
    parent: PathBuf,
    name: String,
    tmp: tempfile::TempDir,
    /// Directories already created, so each costs one `mkdir`.
    dirs: Mutex<HashSet<String>>,
    /// The previous output's files, when it is motcua's and lists them.
    previous: Option<Previous>,
    /// This build's files for the marker: (path, xxh3, length).
    written: Mutex<Vec<(String, u64, u64)>>,
}

impl Staging {
    /// Checks that `out` may be replaced and creates the temporary directory.
    pub fn new(out: &Path, force: bool) -> Result<Staging, SiteError> {
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
        Ok(Staging {
            previous: Previous::read(out),
            out: out.to_path_buf(),
            parent,
            name,
            tmp,
            dirs: Mutex::new(HashSet::new()),
            written: Mutex::new(Vec::new()),
        })
    }

    /// Marks the new output as motcua's and swaps it in place of the old one.
    pub fn finish(self) -> Result<(), SiteError> {
        let io = |p: &Path| {
            let p = p.to_path_buf();
            move |e| SiteError::Io(p, e)
        };
        let (out, parent, name) = (&self.out, &self.parent, &self.name);
        let mut files = self.written.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_unstable();
        let mut marker = String::with_capacity(files.len() * 48 + 16);
        marker.push_str(MARKER_HEAD);
        marker.push('\n');
        for (rel, hash, len) in &files {
            // A name with a line break cannot be listed; that file is simply never reused.
            if !rel.contains(['\n', '\r']) {
                marker.push_str(&format!("{hash:016x} {len} {rel}\n"));
            }
        }
        std::fs::write(self.tmp.path().join(MARKER), marker).map_err(io(self.tmp.path()))?;
        let staged = self.tmp.keep();
        if out.exists() {
            let old = tempfile::Builder::new()
                .prefix(&format!(".{name}.old-"))
                .tempdir_in(parent)
                .map_err(io(parent))?
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
}

impl Staging {
    /// Creates `rel`'s directory the first time one of its files is written.
    fn make_dir_of(&self, rel: &str) -> Result<(), SiteError> {
        if let Some((dir, _)) = rel.rsplit_once('/') {
            let new = self
                .dirs
                .lock()
                .map(|mut d| d.insert(dir.to_string()))
                .unwrap_or(true);
            if new {
                let path = self.tmp.path().join(dir);
                std::fs::create_dir_all(&path).map_err(|e| SiteError::Io(path, e))?;
            }
        }
        Ok(())
    }
}

/// A file written in parts straight into the staging directory, hashed as it goes for the
/// marker (never reused from the previous output: it is only known whole at the end).
struct StagedPart<'s> {
    staging: &'s Staging,
    rel: String,
    path: PathBuf,
    file: std::io::BufWriter<std::fs::File>,
    hash: xxhash_rust::xxh3::Xxh3,
    len: u64,
}

impl std::io::Write for StagedPart<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(buf)?;
        self.hash.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

impl super::FilePart for StagedPart<'_> {
    fn done(mut self: Box<Self>) -> Result<(), SiteError> {
        use std::io::Write as _;
        let path = std::mem::take(&mut self.path);
        self.file.flush().map_err(|e| SiteError::Io(path, e))?;
        if let Ok(mut w) = self.staging.written.lock() {
            w.push((std::mem::take(&mut self.rel), self.hash.digest(), self.len));
        }
        Ok(())
    }
}

impl super::Sink for Staging {
    fn create<'s>(&'s self, rel: String) -> Result<Box<dyn super::FilePart + 's>, SiteError> {
        self.make_dir_of(&rel)?;
        let path = self.tmp.path().join(&rel);
        let file = match std::fs::File::create(&path) {
            // As in `put`: another thread may have registered the directory and not made it yet.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => path
                .parent()
                .map_or(Err(e), std::fs::create_dir_all)
                .and_then(|()| std::fs::File::create(&path)),
            other => other,
        }
        .map_err(|e| SiteError::Io(path.clone(), e))?;
        Ok(Box::new(StagedPart {
            staging: self,
            rel,
            path,
            file: std::io::BufWriter::with_capacity(1 << 16, file),
            hash: xxhash_rust::xxh3::Xxh3::new(),
            len: 0,
        }))
    }

    fn put(&self, rel: String, bytes: Vec<u8>) -> Result<(), SiteError> {
        self.make_dir_of(&rel)?;
        let path = self.tmp.path().join(&rel);
        let (hash, len) = (xxhash_rust::xxh3::xxh3_64(&bytes), bytes.len() as u64);
        let reused = self.previous.as_ref().is_some_and(|p| {
            let old = self.out.join(&rel);
            p.holds(&rel, hash, len, &old) && std::fs::hard_link(&old, &path).is_ok()
        });
        if !reused {
            let written = match std::fs::write(&path, &bytes) {
                // Another thread registered this directory first and may not have created it
                // yet (two page kinds write into each procedure's folder at the same time).
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => path
                    .parent()
                    .map_or(Err(e), std::fs::create_dir_all)
                    .and_then(|()| std::fs::write(&path, &bytes)),
                other => other,
            };
            written.map_err(|e| SiteError::Io(path, e))?;
        }
        if let Ok(mut w) = self.written.lock() {
            w.push((rel, hash, len));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::Sink as _;

    fn write(out: &Path, files: &[(&str, &[u8])], force: bool) -> Result<(), SiteError> {
        let staging = Staging::new(out, force)?;
        for (rel, bytes) in files {
            staging.put(rel.to_string(), bytes.to_vec())?;
        }
        staging.finish()
    }

    #[test]
    fn a_file_written_in_parts_lands_whole_and_is_listed_like_a_put_one() {
        use std::io::Write as _;
        let tmp = tempfile::tempdir().expect("tempdir");
        let (parts, whole) = (tmp.path().join("parts"), tmp.path().join("whole"));
        let staging = Staging::new(&parts, false).expect("staging");
        let mut file = staging.create("du-lieu/x.csv".into()).expect("create");
        file.write_all(b"one,").expect("write");
        file.write_all(b"two\r\n").expect("write");
        file.done().expect("done");
        staging.finish().expect("finish");
        write(&whole, &[("du-lieu/x.csv", b"one,two\r\n")], false).expect("put");
        let read = |p: std::path::PathBuf| std::fs::read(p).expect("read");
        assert_eq!(read(parts.join("du-lieu/x.csv")), b"one,two\r\n");
        assert_eq!(read(parts.join(MARKER)), read(whole.join(MARKER)));
    }

    #[test]
    fn files_put_at_once_into_one_new_directory_all_land() {
        use rayon::prelude::*;
        // Several page kinds write into each procedure's folder from different threads: the
        // thread that registers the folder may not have created it when another writes.
        let tmp = tempfile::tempdir().expect("tempdir");
        let out = tmp.path().join("public");
        let staging = Staging::new(&out, false).expect("staging");
        let files: Vec<String> = (0..400)
            .flat_map(|d| (0..4).map(move |k| format!("thu-tuc/{d}/{k}.html")))
            .collect();
        files
            .par_iter()
            .try_for_each(|f| staging.put(f.clone(), b"x".to_vec()))
            .expect("every put succeeds");
        staging.finish().expect("finish");
        for f in &files {
            assert!(out.join(f).is_file(), "{f}");
        }
    }

    #[test]
    fn refuses_foreign_directories_and_replaces_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("keep.txt"), "x").unwrap();
        assert!(write(&out, &[("index.html", b"hi")], false).is_err());
        assert!(out.join("keep.txt").exists());
        write(&out, &[("index.html", b"hi")], true).unwrap();
        assert!(!out.join("keep.txt").exists());
        write(&out, &[("a/b.html", b"2")], false).unwrap();
        assert_eq!(std::fs::read(out.join("a/b.html")).unwrap(), b"2");
        assert!(!out.join("index.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary directories left behind");
    }

    #[test]
    fn an_unfinished_staging_leaves_the_old_output_and_no_temporary_directory() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write(&out, &[("index.html", b"old")], false).unwrap();
        let staging = Staging::new(&out, false).unwrap();
        staging.put("index.html".into(), b"new".to_vec()).unwrap();
        drop(staging); // a render error: the build returns before `finish`
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"old");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "the staging directory is gone");
    }
}
