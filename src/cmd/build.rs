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
    /// Links name files, so the output works opened from disk (`file://`).
    pub portable: bool,
    /// Whether procedures are kept whole or as summaries.
    pub memory: catalogue::validate::Memory,
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
    let opts = Options {
        memory: args.memory,
        ..Options::default()
    };
    let t = Instant::now();
    let (catalogue, diags) = catalogue::load_and_validate(args.catalogue, &opts);
    let validated = t.elapsed();
    let validated_memory = memory_now();
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
        portable: args.portable,
    };
    let t = Instant::now();
    let staging = match site::write::Staging::new(args.out, args.force) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    // Pages are written as they are rendered; on any failure the staging directory is
    // dropped (deleted) and the previous output stays.
    let summary = match site::render_site_into(&catalogue, &build_opts, &staging) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return match e {
                site::SiteError::Output(_) | site::SiteError::Io(..) => EXIT_USAGE,
                _ => EXIT_DATA,
            };
        }
    };
    let rendered = t.elapsed();
    let t = Instant::now();
    if let Err(e) = staging.finish() {
        eprintln!("error: {e}");
        return EXIT_USAGE;
    }
    let swapped = t.elapsed();
    if args.verbose {
        eprintln!("{:>12} {:.1?}{}", "validate", validated, validated_memory);
        for (stage, d) in &summary.timings {
            eprintln!("{stage:>12} {d:.1?}");
        }
        eprintln!(
            "{:>12} {:.1?} (ghi tệp song song với các bước trên)",
            "tổng", rendered
        );
        eprintln!("{:>12} {:.1?}{}", "swap", swapped, memory_now());
    }
    eprintln!(
        "{:>12} {} thủ tục, {} trang, {:.1} MB vào `{}` trong {:.2}s",
        "Xong",
        catalogue.procedures.len(),
        summary.pages,
        summary.bytes as f64 / 1_048_576.0,
        args.out.display(),
        start.elapsed().as_secs_f64()
    );
    EXIT_OK
}

/// Resident and peak memory from `/proc/self/status` (Linux), for `-v`; empty elsewhere.
fn memory_now() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    format!(" (bộ nhớ {}, đỉnh {})", field("VmRSS:"), field("VmHWM:"))
}
