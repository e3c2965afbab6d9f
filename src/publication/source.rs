//! Where a catalogue to compare comes from: a directory, or `git:<rev>[:<path>]`, a version
//! from the repository's history, extracted with `git archive` into a temporary directory.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A failure to get a catalogue version.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The directory does not exist.
    #[error("không tìm thấy thư mục danh mục `{0}`")]
    NoDir(PathBuf),
    /// git failed or is missing.
    #[error("không đọc được `{spec}` từ git: {message}")]
    Git {
        /// The `git:` argument.
        spec: String,
        /// What git said.
        message: String,
    },
    /// Local I/O (the temporary directory).
    #[error("lỗi đọc ghi: {0}")]
    Io(#[from] std::io::Error),
}

/// A catalogue ready to load: its directory, and the temporary directory holding it (kept
/// alive as long as the catalogue is read).
#[derive(Debug)]
pub struct Materialized {
    /// The catalogue directory.
    pub dir: PathBuf,
    /// What the user wrote, for messages.
    pub label: String,
    _temp: Option<tempfile::TempDir>,
}

/// A parsed `git:<rev>[:<path>]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitSpec {
    /// The revision, e.g. `HEAD~1` or `v1.2`.
    pub rev: String,
    /// The catalogue's path inside the repository, if given.
    pub path: Option<String>,
}

/// Parses `git:<rev>[:<path>]`; `None` when `arg` does not start with `git:`.
pub fn parse_git(arg: &str) -> Option<GitSpec> {
    let rest = arg.strip_prefix("git:")?;
    Some(match rest.split_once(':') {
        Some((rev, path)) if !path.is_empty() => GitSpec {
            rev: rev.to_string(),
            path: Some(path.trim_matches('/').to_string()),
        },
        Some((rev, _)) => GitSpec {
            rev: rev.to_string(),
            path: None,
        },
        None => GitSpec {
            rev: rest.to_string(),
            path: None,
        },
    })
}

fn git(args: &[&str], cwd: &Path, spec: &str) -> Result<String, SourceError> {
    let out = Command::new("git")
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| SourceError::Git {
            spec: spec.to_string(),
            message: format!("không chạy được git ({e})"),
        })?;
    if !out.status.success() {
        return Err(SourceError::Git {
            spec: spec.to_string(),
            message: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        });
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Gets the catalogue named by `arg`. For a `git:` argument without a path, the path is
/// `other` (the other side's directory) relative to the repository root when it lies inside
/// the repository, else `catalogue`.
pub fn materialize(arg: &str, other: Option<&Path>) -> Result<Materialized, SourceError> {
    let Some(spec) = parse_git(arg) else {
        let dir = PathBuf::from(arg);
        if !dir.is_dir() {
            return Err(SourceError::NoDir(dir));
        }
        return Ok(Materialized {
            dir,
            label: arg.to_string(),
            _temp: None,
        });
    };
    let cwd = std::env::current_dir()?;
    let top = PathBuf::from(git(&["rev-parse", "--show-toplevel"], &cwd, arg)?);
    let path = match (&spec.path, other) {
        (Some(p), _) => p.clone(),
        (None, Some(o)) => std::fs::canonicalize(o)
            .ok()
            .and_then(|o| {
                let top = std::fs::canonicalize(&top).ok()?;
                o.strip_prefix(&top).ok().map(|r| {
                    r.components()
                        .map(|c| c.as_os_str().to_string_lossy().into_owned())
                        .collect::<Vec<_>>()
                        .join("/")
                })
            })
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| "catalogue".to_string()),
        (None, None) => "catalogue".to_string(),
    };
    // Fails early with git's own message when the revision or the path does not exist.
    git(
        &["cat-file", "-e", &format!("{}:{}", spec.rev, path)],
        &top,
        arg,
    )?;
    let temp = tempfile::tempdir()?;
    let mut archive = Command::new("git")
        .args(["archive", "--format=tar", &spec.rev, "--", &path])
        .current_dir(&top)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| SourceError::Git {
            spec: arg.to_string(),
            message: format!("không chạy được git archive ({e})"),
        })?;
    let Some(stdout) = archive.stdout.take() else {
        return Err(SourceError::Git {
            spec: arg.to_string(),
            message: "git archive không trả dữ liệu".to_string(),
        });
    };
    let tar = Command::new("tar")
        .args(["-x", "-f", "-", "-C"])
        .arg(temp.path())
        .stdin(stdout)
        .output()
        .map_err(|e| SourceError::Git {
            spec: arg.to_string(),
            message: format!("không chạy được tar để giải nén ({e})"),
        })?;
    let status = archive.wait()?;
    if !status.success() || !tar.status.success() {
        let mut message = String::new();
        if let Some(mut e) = archive.stderr.take() {
            use std::io::Read;
            let _ = e.read_to_string(&mut message);
        }
        message.push_str(&String::from_utf8_lossy(&tar.stderr));
        return Err(SourceError::Git {
            spec: arg.to_string(),
            message: message.trim().to_string(),
        });
    }
    Ok(Materialized {
        dir: temp.path().join(&path),
        label: arg.to_string(),
        _temp: Some(temp),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_git_specs() {
        assert_eq!(parse_git("catalogue"), None);
        assert_eq!(
            parse_git("git:HEAD~1"),
            Some(GitSpec {
                rev: "HEAD~1".into(),
                path: None
            })
        );
        assert_eq!(
            parse_git("git:v1:data/catalogue/"),
            Some(GitSpec {
                rev: "v1".into(),
                path: Some("data/catalogue".into())
            })
        );
    }
}
