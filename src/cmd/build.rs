//! `motcua build`: validate, render, index and write the site.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use super::{EXIT_DATA, EXIT_OK, EXIT_USAGE};
use crate::catalogue::{self, Options};
use crate::diagnostics::{self, Format};
use crate::site::{self, BuildOptions};

/// Arguments of `build`.
#[derive(Debug, Clone)]
pub struct BuildArgs<'a> {
    /// Catalogue directory.
    pub catalogue: &'a Path,
    /// Output directory.
    pub out: &'a Path,
    /// Overrides the base URL.
    pub base_url: Option<String>,
    /// Replace a non-empty directory motcua did not create.
    pub force: bool,
    /// Print per-stage timings.
    pub verbose: bool,
    /// Diagnostics format.
    pub format: Format,
}

/// Builds the site; returns the exit code. On any error the previous output stays as it was.
pub fn run(args: &BuildArgs) -> i32 {
    let start = Instant::now();
    if !args.catalogue.is_dir() {
        eprintln!(
            "error: không tìm thấy thư mục danh mục `{}`\n  gợi ý: chạy `motcua build <thư-mục>` với thư mục chứa site.yaml",
            args.catalogue.display()
        );
        return EXIT_USAGE;
    }
    let opts = Options::default();
    let t = Instant::now();
    let (catalogue, diags) = catalogue::load_and_validate(args.catalogue, &opts);
    let validated = t.elapsed();
    if !diags.is_empty() {
        let text = diagnostics::render(&diags, args.format);
        let _ = std::io::stderr().write_all(text.as_bytes());
    }
    if diags.has_errors() {
        eprintln!(
            "error: danh mục có lỗi, không xuất bản; thư mục `{}` được giữ nguyên",
            args.out.display()
        );
        return EXIT_DATA;
    }
    let build_opts = BuildOptions {
        base_url: args.base_url.clone(),
        today: opts.today,
        inject_before_body_end: None,
    };
    let site = match site::render_site(&catalogue, &build_opts) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_DATA;
        }
    };
    let t = Instant::now();
    if let Err(e) = site::write::write_atomically(args.out, &site.files, args.force) {
        eprintln!("error: {e}");
        return match e {
            site::SiteError::Output(_) | site::SiteError::Io(..) => EXIT_USAGE,
            _ => EXIT_DATA,
        };
    }
    let written = t.elapsed();
    if args.verbose {
        eprintln!("{:>12} {:.1?}", "validate", validated);
        for (stage, d) in &site.timings {
            eprintln!("{stage:>12} {d:.1?}");
        }
        eprintln!("{:>12} {:.1?}", "write", written);
    }
    eprintln!(
        "{:>12} {} thủ tục, {} trang, {:.1} MB vào `{}` trong {:.2}s",
        "Xong",
        catalogue.procedures.len(),
        site.page_count(),
        site.byte_count() as f64 / 1_048_576.0,
        args.out.display(),
        start.elapsed().as_secs_f64()
    );
    EXIT_OK
}
