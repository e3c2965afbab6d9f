//! `motcua diff OLD NEW`: what changed between two versions of a catalogue.

use std::io::Write;
use std::path::Path;

use super::{EXIT_DATA, EXIT_OK, EXIT_USAGE};
use crate::catalogue::{self, Catalogue, Options};
use crate::cli::DiffFormatArg;
use crate::diagnostics::{self, Format};
use crate::publication::diff;
use crate::publication::source::{self, Materialized};

/// Loads one side; prints its problems and returns `None` when it has errors.
fn load(m: &Materialized) -> Option<Catalogue> {
    let (c, diags) = catalogue::load_and_validate(&m.dir, &Options::default());
    if diags.has_errors() {
        eprintln!(
            "error: danh mục `{}` có lỗi, chưa so sánh được:\n{}",
            m.label,
            diagnostics::render(&diags, Format::Short).trim_end()
        );
        eprintln!("  gợi ý: chạy `motcua check` và sửa lỗi trước khi so sánh");
        return None;
    }
    Some(c)
}

/// Compares `old` and `new` (directories or `git:` revisions); exit 0 equal, 1 different,
/// 2 on error.
pub fn run(old: &str, new: &str, format: DiffFormatArg, as_decision: bool) -> i32 {
    let new_dir = source::parse_git(new).is_none().then(|| Path::new(new));
    let old_dir = source::parse_git(old).is_none().then(|| Path::new(old));
    let sides = source::materialize(old, new_dir)
        .and_then(|o| source::materialize(new, old_dir).map(|n| (o, n)));
    let (o, n) = match sides {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("  gợi ý: OLD và NEW là thư mục danh mục, hoặc git:<rev>[:<đường-dẫn>] khi chạy trong kho git, ví dụ `motcua diff git:HEAD~1 catalogue`");
            return EXIT_USAGE;
        }
    };
    let (Some(oc), Some(nc)) = (load(&o), load(&n)) else {
        return EXIT_USAGE;
    };
    let d = diff::compare(&oc, &nc);
    let text = if as_decision {
        diff::as_decision(&d, &nc, &oc)
    } else {
        match format {
            DiffFormatArg::Human => diff::human(&d),
            DiffFormatArg::Markdown => diff::markdown(&d),
            DiffFormatArg::Json => match serde_json::to_string_pretty(&d) {
                Ok(mut s) => {
                    s.push('\n');
                    s
                }
                Err(e) => {
                    eprintln!("error: không tạo được JSON: {e}");
                    return EXIT_USAGE;
                }
            },
        }
    };
    if let Err(e) = std::io::stdout().write_all(text.as_bytes()) {
        eprintln!("error: không ghi được kết quả: {e}");
        return EXIT_USAGE;
    }
    if d.is_empty() {
        EXIT_OK
    } else {
        EXIT_DATA
    }
}
