//! `motcua annex`: the annex of a publishing decision (or of the whole catalogue) as .docx.

use std::path::Path;

use super::{EXIT_DATA, EXIT_OK, EXIT_USAGE};
use crate::catalogue::{self, decision, Options};
use crate::diagnostics::{self, Format};
use crate::publication::{annex, docx};

/// Writes the annex of `target` (a decision's number or slug, or `all`) to `out`.
pub fn run(root: &Path, target: &str, out: &Path) -> i32 {
    if !root.is_dir() {
        eprintln!(
            "error: không tìm thấy thư mục danh mục `{}`\n  gợi ý: chỉ thư mục chứa site.yaml bằng `--catalogue <thư-mục>`",
            root.display()
        );
        return EXIT_USAGE;
    }
    if out.extension().and_then(|e| e.to_str()) != Some("docx") {
        eprintln!(
            "error: tệp kết quả `{}` phải có đuôi .docx\n  gợi ý: ví dụ `-o phu-luc.docx`",
            out.display()
        );
        return EXIT_USAGE;
    }
    let (c, diags) = catalogue::load_and_validate(root, &Options::default());
    if diags.has_errors() {
        eprint!("{}", diagnostics::render(&diags, Format::Short));
        eprintln!("error: danh mục có lỗi; sửa lỗi (`motcua check`) trước khi xuất phụ lục");
        return EXIT_DATA;
    }
    let a = if target == "all" {
        annex::for_catalogue(&c)
    } else {
        match decision::find(&c, target).as_slice() {
            [d] => annex::for_decision(&c, d),
            [] => {
                let known: Vec<String> = c
                    .decisions
                    .iter()
                    .map(|d| format!("{} ({})", d.slug, d.number))
                    .collect();
                eprintln!(
                    "error: không có quyết định `{target}` trong decisions/\n  gợi ý: dùng tên tệp hoặc số quyết định; có: {}",
                    if known.is_empty() { "(chưa có quyết định nào)".to_string() } else { known.join(", ") }
                );
                return EXIT_USAGE;
            }
            many => {
                let slugs: Vec<&str> = many.iter().map(|d| d.slug.as_str()).collect();
                eprintln!(
                    "error: có {} quyết định số `{target}` (các năm khác nhau)\n  gợi ý: chọn bằng tên tệp: {}",
                    many.len(),
                    slugs.join(", ")
                );
                return EXIT_USAGE;
            }
        }
    };
    let a = match a {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_DATA;
        }
    };
    let bytes = match docx::write(&a) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    if let Err(e) = std::fs::write(out, bytes) {
        eprintln!("error: không ghi được `{}`: {e}", out.display());
        return EXIT_USAGE;
    }
    let rows = a.rows().count();
    eprintln!(
        "Đã ghi {} ({rows} thủ tục trong Phần I, {} trong Phần II)",
        out.display(),
        a.contents.len()
    );
    EXIT_OK
}
