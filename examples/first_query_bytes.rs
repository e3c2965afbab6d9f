//! Prints the bytes a browser downloads for a first search on a built motcua site: the search
//! client script plus the manifest, postings shards and result records the query reads
//! (raw file sizes, as the peer benchmark counts Pagefind's).
//!
//! ```text
//! cargo run --release --example first_query_bytes -- public "giấy phép lái xe" [--results 5] [--verbose]
//! ```

use std::path::Path;

use motcua::search::scorer::StaticIndex;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(site), Some(query)) = (args.first(), args.get(1)) else {
        eprintln!("usage: first_query_bytes SITE_DIR QUERY [--results N] [--verbose]");
        std::process::exit(2);
    };
    let results = args
        .iter()
        .position(|a| a == "--results")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    let verbose = args.iter().any(|a| a == "--verbose");
    let site = Path::new(site);
    let index = match StaticIndex::open(site) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("cannot open the search index under {}: {e}", site.display());
            std::process::exit(1);
        }
    };
    let hits = match index.search(query, false, results) {
        Ok(h) => h,
        Err(e) => {
            eprintln!("search failed: {e}");
            std::process::exit(1);
        }
    };
    let script: u64 = std::fs::read_dir(site.join("static/js"))
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().starts_with("search."))
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0);
    if verbose {
        eprintln!("results: {hits:?}");
        eprintln!("script: {script} B");
        for (name, len) in index.loaded_files() {
            eprintln!("{name}: {len} B");
        }
    }
    println!("{}", script as usize + index.loaded_bytes());
}
