//! `motcua init`: write a small working catalogue, its JSON Schemas and editor settings.
//!
//! The sample records are real procedures copied from the project's catalogue with their
//! sources, commented field by field in Vietnamese; they are compiled into the binary so `init`
//! works from anywhere.

use std::path::Path;

use super::{EXIT_OK, EXIT_USAGE};

/// The sample catalogue: the whole `templates/init/` directory, compiled into the binary so
/// `init` works from anywhere (no hand-kept list of files to forget one in).
static FILES: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/src/cmd/templates/init");

/// Every file of the sample catalogue: relative path (`/`-separated) → contents.
pub fn files() -> Vec<(String, &'static [u8])> {
    fn walk(dir: &'static include_dir::Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
        for f in dir.files() {
            out.push((f.path().to_string_lossy().replace('\\', "/"), f.contents()));
        }
        for d in dir.dirs() {
            walk(d, out);
        }
    }
    let mut out = Vec::new();
    walk(&FILES, &mut out);
    out.sort();
    out
}

/// `.vscode/settings.json`: maps each schema onto the files it describes, for
/// yaml-language-server (completion, hover help, validation while typing).
pub const VSCODE_SETTINGS: &str = r#"{
  "yaml.schemas": {
    "schema/procedure.schema.json": ["procedures/**/*.yaml", "procedures/**/*.yml"],
    "schema/agency.schema.json": ["agencies/*.yaml", "agencies/*.yml"],
    "schema/legal.schema.json": ["legal/*.yaml", "legal/*.yml"],
    "schema/journey.schema.json": ["journeys/*.yaml", "journeys/*.yml"],
    "schema/sectors.schema.json": ["sectors.yaml"],
    "schema/site.schema.json": ["site.yaml"]
  },
  "files.encoding": "utf8",
  "files.eol": "\n"
}
"#;

/// Why `init` stopped.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// The directory has files and `--force` was not given.
    #[error(
        "thư mục `{0}` đã có nội dung; chọn thư mục trống, hoặc dùng --force để ghi đè các tệp mẫu"
    )]
    NotEmpty(std::path::PathBuf),
    /// Writing failed.
    #[error("không ghi được `{0}`: {1}")]
    Io(std::path::PathBuf, std::io::Error),
}

/// Writes the sample catalogue into `dir` (created if missing).
pub fn write(dir: &Path, force: bool) -> Result<(), InitError> {
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| InitError::Io(p, e)
    };
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(io(dir))?;
        if entries.next().is_some() && !force {
            return Err(InitError::NotEmpty(dir.to_path_buf()));
        }
    }
    for (rel, text) in files() {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io(parent))?;
        }
        std::fs::write(&path, text).map_err(io(&path))?;
    }
    let vscode = dir.join(".vscode");
    std::fs::create_dir_all(&vscode).map_err(io(&vscode))?;
    std::fs::write(vscode.join("settings.json"), VSCODE_SETTINGS).map_err(io(&vscode))?;
    let schema = dir.join("schema");
    super::schema::write_inputs(&schema).map_err(io(&schema))?;
    Ok(())
}

/// The `init` command; returns the exit code.
pub fn run(dir: &Path, force: bool) -> i32 {
    match write(dir, force) {
        Ok(()) => {
            eprintln!("{}", next_steps(dir));
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_USAGE
        }
    }
}

/// What to type next, as commands that work exactly as printed (from the directory `init`
/// was run in).
fn next_steps(dir: &Path) -> String {
    let cd = shell_quote(&dir.display().to_string());
    format!(
        "Đã tạo danh mục mẫu trong `{d}` (3 thủ tục thật, chú thích từng trường).\n\
         Tiếp theo:\n  \
         cd {cd}\n  \
         motcua check                # kiểm tra danh mục\n  \
         motcua serve                # xem trước tại http://127.0.0.1:1111/, tự tải lại khi lưu\n  \
         motcua new procedure --code 1.000894 --sector ho-tich --name \"Thủ tục đăng ký kết hôn\"\n  \
         motcua build                # xuất bản vào thư mục public/",
        d = dir.display()
    )
}

/// `text` as one shell word (single-quoted when it holds anything but safe characters).
fn shell_quote(text: &str) -> String {
    let safe = !text.is_empty()
        && text.chars().all(|c| {
            c.is_alphanumeric() || matches!(c, '/' | '.' | '_' | '-' | ',' | ':' | '+' | '=')
        });
    if safe {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_needs_it() {
        assert_eq!(shell_quote("mysite"), "mysite");
        assert_eq!(shell_quote("/tmp/x-1/site"), "/tmp/x-1/site");
        assert_eq!(shell_quote("my site"), "'my site'");
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
    }

    #[test]
    fn the_sample_has_every_kind_of_file() {
        let names: Vec<String> = files().into_iter().map(|(n, _)| n).collect();
        for wanted in ["site.yaml", "sectors.yaml", "forms/CT01.txt"] {
            assert!(
                names.iter().any(|n| n == wanted),
                "{wanted} missing: {names:?}"
            );
        }
        for dir in ["agencies/", "legal/", "procedures/"] {
            assert!(names.iter().any(|n| n.starts_with(dir)), "{dir} missing");
        }
    }
}
