//! A small fluent fixture builder: copy a base catalogue into a temporary directory, overlay or
//! patch files, run the real `motcua` binary on it and capture what it printed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// `SOURCE_DATE_EPOCH` for every run: 2026-12-01, so freshness rules do not drift with the clock.
pub const TODAY_EPOCH: &str = "1796083200";

/// How long any single run may take before the test fails (hostile inputs must finish quickly).
pub const RUN_TIMEOUT: Duration = Duration::from_secs(30);

/// The repository root (where Cargo.toml is).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<rel>`.
pub fn fixtures(rel: &str) -> PathBuf {
    repo_root().join("tests").join("fixtures").join(rel)
}

/// The `motcua` binary cargo built for these tests.
pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_motcua")
}

/// Copies every file under `from` into `to`, creating directories; `skip` names files (relative
/// to `from`, with `/`) that are not copied.
pub fn copy_tree(from: &Path, to: &Path, skip: &[&str]) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("prefix");
        let rel_s = rel.to_string_lossy().replace('\\', "/");
        if skip.contains(&rel_s.as_str()) {
            continue;
        }
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            if let Some(parent) = dest.parent() {
                std::fs::create_dir_all(parent).expect("mkdir");
            }
            std::fs::copy(entry.path(), &dest).expect("copy fixture file");
        }
    }
}

/// Every file under `dir` (a build's output), by `/`-separated relative path.
pub fn output_files(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("under dir")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).expect("read output"))
        })
        .collect()
}

/// A catalogue in a temporary directory.
pub struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    /// An empty catalogue directory.
    pub fn empty() -> Fixture {
        Fixture {
            dir: tempfile::Builder::new()
                .prefix("motcua-test-")
                .tempdir()
                .expect("tempdir"),
        }
    }

    /// A copy of `tests/fixtures/base`, the valid minimal catalogue.
    pub fn base() -> Fixture {
        Fixture::empty().overlay(&fixtures("base"))
    }

    /// Copies the files of `dir` over the catalogue. `expected.txt` is not copied; each line of
    /// `delete.txt` names a file to remove first.
    pub fn overlay(self, dir: &Path) -> Fixture {
        let delete = dir.join("delete.txt");
        if delete.exists() {
            let list = std::fs::read_to_string(&delete).expect("read delete.txt");
            for rel in list.lines().map(str::trim).filter(|l| !l.is_empty()) {
                let p = self.path(rel);
                assert!(
                    p.exists(),
                    "delete.txt in {} names missing file {rel}",
                    dir.display()
                );
                std::fs::remove_file(p).expect("remove");
            }
        }
        copy_tree(dir, self.root(), &["expected.txt", "delete.txt"]);
        self
    }

    /// Writes (or replaces) one file.
    pub fn write(self, rel: &str, contents: impl AsRef<[u8]>) -> Fixture {
        let p = self.path(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&p, contents).expect("write");
        self
    }

    /// Replaces the first `from` with `to` in one file; fails the test when `from` is absent,
    /// so a patch can never silently stop applying.
    pub fn patch(self, rel: &str, from: &str, to: &str) -> Fixture {
        let text = self.read(rel);
        assert!(text.contains(from), "patch: `{from}` not found in {rel}");
        self.write(rel, text.replacen(from, to, 1))
    }

    /// Removes one file.
    pub fn remove(self, rel: &str) -> Fixture {
        std::fs::remove_file(self.path(rel)).expect("remove");
        self
    }

    /// The text of one file.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).expect("read")
    }

    /// The catalogue root.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside the catalogue.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root().join(rel)
    }

    /// `motcua check . --format short [extra]` with the catalogue as working directory.
    pub fn check(&self, extra: &[&str]) -> Run {
        let mut args = vec!["check", ".", "--format", "short"];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// Runs `motcua <args>` with the catalogue as working directory.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.root(), args)
    }
}

/// Runs the binary in `cwd`, with a fixed date and no colour, failing the test on timeout.
pub fn run_in(cwd: &Path, args: &[&str]) -> Run {
    let start = Instant::now();
    let mut child = Command::new(bin())
        .args(args)
        .current_dir(cwd)
        .env("SOURCE_DATE_EPOCH", TODAY_EPOCH)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn motcua");
    // Drain the pipes on threads so a chatty child cannot block on a full pipe.
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut v).ok();
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut v).ok();
        v
    });
    let status = loop {
        if let Some(s) = child.try_wait().expect("wait") {
            break s;
        }
        if start.elapsed() > RUN_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("motcua {args:?} did not finish within {RUN_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let elapsed = start.elapsed();
    let stdout = String::from_utf8_lossy(&t_out.join().expect("stdout thread")).into_owned();
    let stderr = String::from_utf8_lossy(&t_err.join().expect("stderr thread")).into_owned();
    Run {
        code: status.code(),
        stdout,
        stderr,
        elapsed,
        root: cwd.to_path_buf(),
    }
}

/// What one run printed.
#[derive(Debug)]
pub struct Run {
    /// Exit code (`None` when killed by a signal, e.g. after a panic-abort or stack overflow).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Wall-clock time.
    pub elapsed: Duration,
    root: PathBuf,
}

impl Run {
    /// Diagnostics lines of `--format short` (stderr), with the `./` and temp-dir prefixes
    /// removed so they read as paths relative to the catalogue root.
    pub fn lines(&self) -> Vec<String> {
        normalize(&self.stderr, &self.root)
    }

    /// Asserts that no error was reported (warnings may be), listing the errors otherwise,
    /// then that the exit code is 0.
    pub fn assert_no_errors(&self, what: &str) -> &Run {
        let errors: Vec<String> = self
            .lines()
            .into_iter()
            .filter(|l| l.contains(": error["))
            .collect();
        assert!(
            errors.is_empty(),
            "{what} has errors:\n{}",
            errors.join("\n")
        );
        self.assert_code(0)
    }

    /// Asserts the exit code, showing the output on failure.
    pub fn assert_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(code),
            "unexpected exit code; output:\n{self}"
        );
        self
    }

    /// Asserts no panic message or backtrace hint was printed.
    pub fn assert_no_panic(&self) -> &Run {
        for s in [&self.stdout, &self.stderr] {
            assert!(
                !s.contains("panicked")
                    && !s.contains("RUST_BACKTRACE")
                    && !s.contains("stack overflow"),
                "motcua panicked:\n{self}"
            );
        }
        self
    }

    /// The diagnostics codes (`error[code]` / `warning[code]`) in order.
    pub fn codes(&self) -> Vec<String> {
        self.lines()
            .iter()
            .filter_map(|l| {
                let start = l
                    .find("error[")
                    .map(|i| i + 6)
                    .or_else(|| l.find("warning[").map(|i| i + 8))?;
                let end = start + l[start..].find(']')?;
                Some(l[start..end].to_string())
            })
            .collect()
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit: {:?} ({:?})\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.elapsed, self.stdout, self.stderr
        )
    }
}

/// Removes a leading `./` and the catalogue root from each line.
pub fn normalize(text: &str, root: &Path) -> Vec<String> {
    let root_s = format!("{}/", root.display());
    text.lines()
        .map(|l| {
            let l = l.replace(&root_s, "");
            l.strip_prefix("./").map(String::from).unwrap_or(l)
        })
        .collect()
}
