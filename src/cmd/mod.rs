//! One adapter per subcommand; each returns the process exit code.

use std::path::{Path, PathBuf};

pub mod annex;
pub mod build;
pub mod check;
pub mod completions;
pub mod deadline;
pub mod diff;
pub mod init;
pub mod new;
pub mod schema;
pub mod search;
pub mod serve;

/// Exit code: everything fine (warnings allowed).
pub const EXIT_OK: i32 = 0;
/// Exit code: the catalogue has errors (or warnings with `--deny-warnings`).
pub const EXIT_DATA: i32 = 1;
/// Exit code: bad usage or an I/O problem.
pub const EXIT_USAGE: i32 = 2;

/// The catalogue directory a command works on: the one named, or else `./catalogue` when it
/// exists (this repository's layout), or else the current directory when it holds
/// `site.yaml` (a catalogue made by `motcua init`, as Zola and mdBook users expect).
pub fn locate_catalogue(given: Option<PathBuf>) -> Result<PathBuf, String> {
    if let Some(dir) = given {
        return Ok(dir);
    }
    let default = Path::new("catalogue");
    if default.is_dir() {
        return Ok(default.to_path_buf());
    }
    if Path::new("site.yaml").is_file() {
        return Ok(PathBuf::from("."));
    }
    let here = std::env::current_dir()
        .map(|d| d.display().to_string())
        .unwrap_or_else(|_| ".".to_string());
    Err(format!(
        "không tìm thấy danh mục: không có thư mục `./catalogue`, và thư mục hiện tại ({here}) không có `site.yaml`\n  gợi ý: chạy lệnh trong thư mục danh mục, chỉ rõ thư mục (ví dụ `motcua check đường/dẫn/danh-mục`), hoặc tạo danh mục mới bằng `motcua init`"
    ))
}
