//! `motcua search`: find procedures from the command line with the tantivy engine.

use std::path::Path;

use super::{EXIT_DATA, EXIT_OK, EXIT_USAGE};
use crate::catalogue::{self, Options};
use crate::diagnostics::{self, Format};
use crate::search::Engine;
use crate::site::index::search_docs;

/// Searches the catalogue at `root` for `query`; prints results as text or JSON.
pub fn run(root: &Path, query: &str, limit: usize, json: bool) -> i32 {
    if !root.is_dir() {
        eprintln!(
            "error: không tìm thấy thư mục danh mục `{}`",
            root.display()
        );
        return EXIT_USAGE;
    }
    let (catalogue, diags) = catalogue::load_and_validate(root, &Options::default());
    if diags.has_errors() {
        eprint!("{}", diagnostics::render(&diags, Format::Short));
        return EXIT_DATA;
    }
    let engine = match search_docs(&catalogue)
        .map_err(|e| e.to_string())
        .and_then(|docs| Engine::new(&docs).map_err(|e| e.to_string()))
    {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: không tạo được chỉ mục tìm kiếm: {e}");
            return EXIT_DATA;
        }
    };
    let hits = engine.search(query, limit);
    if json {
        let rows: Vec<serde_json::Value> = hits
            .iter()
            .map(|h| {
                let p = catalogue.procedure(&h.id);
                serde_json::json!({
                    "code": h.id,
                    "name": h.name,
                    "url": h.url,
                    "score": h.score,
                    "sector": p.map(|p| p.sector.clone()),
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({"query": query, "results": rows}))
                .unwrap_or_default()
        );
    } else if hits.is_empty() {
        println!("Không tìm thấy thủ tục phù hợp với “{query}”. Thử từ khác, hoặc xem danh mục lĩnh vực.");
    } else {
        for (i, h) in hits.iter().enumerate() {
            println!("{:>2}. {}  {}", i + 1, h.id, h.name);
        }
    }
    EXIT_OK
}
