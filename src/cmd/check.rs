//! `motcua check`: validate a catalogue and report every problem.

use std::io::Write;
use std::path::Path;

use super::{EXIT_DATA, EXIT_OK, EXIT_USAGE};
use crate::catalogue::{self, Options};
use crate::diagnostics::{self, Format};
use crate::site::{self, BuildOptions};

/// Checks the catalogue at `root`, prints diagnostics to stderr (JSON to stdout), and
/// returns the exit code.
pub fn run(root: &Path, format: Format, deny_warnings: bool) -> i32 {
    if !root.is_dir() {
        eprintln!(
            "error: không tìm thấy thư mục danh mục `{}`\n  gợi ý: chạy `motcua check <thư-mục>` với thư mục chứa site.yaml",
            root.display()
        );
        return EXIT_USAGE;
    }
    // As in `build`: a national catalogue keeps summaries, and the sample's procedure pages
    // read their files again.
    let opts = Options {
        memory: catalogue::validate::Memory::Auto,
        ..Options::default()
    };
    let warm = {
        let root = root.to_path_buf();
        std::thread::spawn(move || site::render::warm_default_theme(&root))
    };
    let (catalogue, mut diags) = catalogue::load_and_validate(root, &opts);
    if !diags.has_errors() {
        // Done by now on a large catalogue; waited for so the same templates are never
        // compiled twice. With errors nothing is rendered and the thread ends with the process.
        let _ = warm.join();
        let build = BuildOptions {
            today: opts.today,
            ..BuildOptions::default()
        };
        if let Some(d) = site::check_render(&catalogue, &build) {
            diags.push(d);
        }
    }
    let text = diagnostics::render(&diags, format);
    match format {
        Format::Json => {
            let _ = std::io::stdout().write_all(text.as_bytes());
        }
        _ => {
            let _ = std::io::stderr().write_all(text.as_bytes());
        }
    }
    let code = if diags.has_errors() || (deny_warnings && diags.warning_count() > 0) {
        EXIT_DATA
    } else {
        EXIT_OK
    };
    // The process ends here: freeing ten thousand procedures one allocation at a time would
    // be a tenth of a second of serial work for nothing.
    std::mem::forget(catalogue);
    code
}
