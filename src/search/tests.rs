//! Relevance tests over the fixture: the static scorer, the tantivy engine, and the
//! committed fixture index and rankings that the node test replays in JS.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

use super::scorer::StaticIndex;
use super::{fixture, search_static, write_static_index, Engine, SearchDoc};

/// (query, expected top id); complete queries, no prefix expansion.
const QUERIES: &[(&str, &str)] = &[
    ("lam ho chieu", "2.002160"),
    ("dang ky khai sinh", "1.001193"),
    ("đăng kí kết hôn", "1.000894"),
    ("bang lai xe", "1.002809"),
    ("1.001193", "1.001193"),
    ("1001193", "1.001193"),
    ("HỘ CHIẾU", "2.002160"),
    ("ho chiue", "2.002160"),
    ("ho chieu pho thong", "2.002160"),
    ("thuong tru", "1.004194"),
    ("tạm trú", "1.004222"),
    ("can cuoc", "2.001182"),
    ("lam cccd", "2.001182"),
    ("chung thuc chu ki", "2.000884"),
    ("sao y ban chinh", "2.000815"),
    ("ly lich tu phap", "2.000488"),
    ("lí lịch tư pháp", "2.000488"),
    ("mo ho kinh doanh", "2.000720"),
    ("lam so do", "1.003001"),
    ("hoà giải", "1.005123"),
    ("xac nhan doc than", "1.004873"),
    ("giay chung tu", "1.000656"),
    ("the bhyt tre em", "1.001990"),
    ("nhap ho khau", "1.004194"),
    ("khai tu", "1.000656"),
    ("đăng ký khai sinhh", "1.001193"),
    ("chứng thực bản saoo", "2.000815"),
    ("lý lịch tư phpá", "2.000488"),
];

/// (query being typed, expected top id) with prefix expansion of the last word.
const PREFIX_QUERIES: &[(&str, &str)] = &[
    ("dang ky khai s", "1.001193"),
    ("ho chi", "2.002160"),
    ("lý lịch tư ph", "2.000488"),
    ("ket h", "1.000894"),
    ("giấy phép lái", "1.002809"),
];

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search/site")
}

fn built() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write_static_index(&fixture::docs(), dir.path()).expect("write index");
    dir
}

#[test]
fn static_index_finds_expected_top_result() {
    let dir = built();
    for (q, id) in QUERIES {
        let got = search_static(dir.path(), q, 5);
        assert_eq!(
            got.first().map(String::as_str),
            Some(*id),
            "query {q:?}: {got:?}"
        );
    }
    let nfd: String = "Đăng ký kết hôn".nfd().collect();
    assert_eq!(search_static(dir.path(), &nfd, 1), ["1.000894"]);
    let ix = StaticIndex::open(dir.path()).expect("open");
    for (q, id) in PREFIX_QUERIES {
        let got = ix.search(q, true, 5).expect("search");
        assert_eq!(
            got.first().map(String::as_str),
            Some(*id),
            "prefix query {q:?}: {got:?}"
        );
    }
    assert!(search_static(dir.path(), "xyzzy", 5).is_empty());
    assert!(search_static(dir.path(), "  ", 5).is_empty());
}

#[test]
fn engine_agrees_on_top_result() {
    let engine = Engine::new(&fixture::docs()).expect("engine");
    for (q, id) in QUERIES {
        let hits = engine.search(q, 5);
        let ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids.first(), Some(id), "query {q:?}: {ids:?}");
    }
    for (q, id) in PREFIX_QUERIES {
        let hits = engine.search_prefix(q, 5);
        assert_eq!(
            hits.first().map(|h| h.id.as_str()),
            Some(*id),
            "prefix query {q:?}"
        );
    }
    let hit = &engine.search("khai sinh", 1)[0];
    assert_eq!(
        (hit.name.as_str(), hit.url.as_str()),
        ("Đăng ký khai sinh", "thu-tuc/1-001193/")
    );
    assert!(engine.search("xyzzy", 5).is_empty());
}

fn two_docs() -> Vec<SearchDoc> {
    let d = |id: &str, name: &str| SearchDoc {
        id: id.into(),
        name: name.into(),
        sector: "s".into(),
        url: format!("{id}/"),
        ..Default::default()
    };
    vec![
        d("1", "Đăng ký dự thi"),
        d("2", "Đăng ký dữ liệu"),
        d("3", "Đăng ký du lịch"),
    ]
}

#[test]
fn typed_accents_rank_exact_matches_first() {
    let docs = two_docs();
    let dir = tempfile::tempdir().expect("tempdir");
    write_static_index(&docs, dir.path()).expect("write");
    let engine = Engine::new(if std::env::var_os("MOTCUA_MEASURE_REUSE").is_some() {
        &docs[..0]
    } else {
        &docs
    })
    .expect("engine");
    for (q, id) in [
        ("dự", "1"),
        ("dữ", "2"),
        ("du lịch", "3"),
        ("đăng ký dữ", "2"),
    ] {
        assert_eq!(search_static(dir.path(), q, 1), [id], "static {q:?}");
        assert_eq!(engine.search(q, 1)[0].id, id, "engine {q:?}");
    }
    // Without accents all three match.
    assert_eq!(search_static(dir.path(), "du", 5).len(), 3);
}

fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("read_dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(root)
                    .expect("prefix")
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, fs::read(&p).expect("read"));
            }
        }
    }
    out
}

/// Queries whose rankings the node test replays (top 5 ids, Rust scorer).
fn ranking_queries() -> Vec<(&'static str, bool)> {
    let extra = [
        ("du lich", false),
        ("chứng thực", false),
        ("giấy", true),
        ("xyzzy", false),
    ];
    QUERIES
        .iter()
        .map(|q| (q.0, false))
        .chain(PREFIX_QUERIES.iter().map(|q| (q.0, true)))
        .chain(extra)
        .collect()
}

/// Rankings the node test replays against an index (`dir` holds `search/`).
fn rankings(dir: &Path) -> String {
    let ix = StaticIndex::open(dir).expect("open");
    let mut out = String::from(
        "# query <TAB> prefix|complete <TAB> top-5 ids (regenerated by the Rust tests)\n",
    );
    for (q, prefix) in ranking_queries() {
        let ids = ix.search(q, prefix, 5).expect("search");
        let mode = if prefix { "prefix" } else { "complete" };
        out.push_str(&format!("{q}\t{mode}\t{}\n", ids.join(" ")));
    }
    out
}

/// The committed fixture index and rankings must match the code; set
/// `MOTCUA_UPDATE_FIXTURES=1` to rewrite them.
#[test]
fn committed_fixture_index_is_current() {
    let fresh = built();
    let want_rankings = rankings(fresh.path());
    let committed = fixture_dir();
    let rankings_path = committed.parent().expect("parent").join("rankings.tsv");
    if std::env::var_os("MOTCUA_UPDATE_FIXTURES").is_some() {
        // The index writer only replaces a directory that holds its manifest.
        fs::create_dir_all(&committed).expect("mkdir");
        write_static_index(&fixture::docs(), &committed).expect("write fixture");
        fs::write(&rankings_path, &want_rankings).expect("write rankings");
    }
    let (want, got) = (
        files(&fresh.path().join("search")),
        files(&committed.join("search")),
    );
    let hint = "stale fixture: run the tests with MOTCUA_UPDATE_FIXTURES=1";
    assert_eq!(
        want.keys().collect::<Vec<_>>(),
        got.keys().collect::<Vec<_>>(),
        "{hint}"
    );
    assert!(want == got, "{hint}");
    assert_eq!(
        fs::read_to_string(&rankings_path).unwrap_or_default(),
        want_rankings
    );
}

/// Builds a 10,000-doc synthetic catalogue and prints sizes and first-query bytes.
/// Run with `cargo test --lib measure_10k -- --ignored --nocapture`; the index is left in
/// `target/search-10k` for gzip measurements.
#[test]
#[ignore]
fn measure_10k() {
    let vectors = include_str!("../../tests/fixtures/search/vectors.tsv");
    // Real words from the vectors, plus plausible syllables made by swapping initials, so
    // the vocabulary is catalogue-sized (~thousands of syllables).
    let pool: Vec<String> = {
        let mut seen = std::collections::BTreeSet::new();
        let real: Vec<String> = vectors
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(|l| l.split('\t').next().unwrap_or_default().split_whitespace())
            .map(str::to_lowercase)
            .filter(|w| w.chars().all(char::is_alphabetic) && seen.insert(w.clone()))
            .collect();
        let initials = [
            "b", "c", "d", "đ", "g", "h", "l", "m", "n", "r", "s", "t", "v", "x", "ch", "kh", "ng",
            "nh", "ph", "th", "tr",
        ];
        let mut out = real.clone();
        for w in &real {
            let rhyme = w.trim_start_matches(|c: char| {
                !"aăâeêioôơuưyáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
                    .contains(c)
            });
            for i in initials {
                let s = format!("{i}{rhyme}");
                if seen.insert(s.clone()) {
                    out.push(s);
                }
            }
        }
        // Shuffle so that frequency rank is unrelated to the order of the vectors file.
        let mut x: u64 = 7;
        for i in (1..out.len()).rev() {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            out.swap(i, (x >> 33) as usize % (i + 1));
        }
        out
    };
    let base = fixture::docs();
    let mut seed: u64 = 42;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    let docs: Vec<SearchDoc> = (0..10_000)
        .map(|i| {
            let b = &base[i % base.len()];
            let words = |k: usize, next: &mut dyn FnMut(usize) -> usize| {
                (0..k)
                    .map(|_| {
                        // Zipf (s = 1): rank r is drawn with probability ∝ 1/r.
                        let u = next(1 << 20) as f64 / f64::from(1 << 20);
                        let r = (u * (pool.len() as f64).ln()).exp() as usize - 1;
                        pool[r.min(pool.len() - 1)].as_str()
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let mut d = b.clone();
            d.id = format!("{}.{:06}", 1 + i % 2, 100_000 + i);
            d.url = format!("thu-tuc/{}/", d.id.replace('.', "-"));
            d.name = format!("{} {}", b.name, words(4, &mut next));
            d.summary = format!("{} {}", b.summary, words(12, &mut next));
            d.body = format!("{} {} {}", b.body, words(250, &mut next), b.body);
            d.sector = format!("{}-{}", b.sector, i % 7);
            d.agencies = vec![format!("{} số {}", b.agencies[0], i % 40)];
            d
        })
        .collect();
    let t = std::time::Instant::now();
    let n: usize = docs
        .iter()
        .map(|d| {
            super::Field::ALL
                .iter()
                .map(|f| super::normalize::tokens(&f.text(d)).len())
                .sum::<usize>()
        })
        .sum();
    println!("tokens: {n} in {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let p = super::shards::build_postings(&docs[..]).expect("postings");
    println!(
        "build_postings: {} terms in {:?}",
        p.terms.len(),
        t.elapsed()
    );
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/search-10k");
    let t = std::time::Instant::now();
    let stats = if std::env::var_os("MOTCUA_MEASURE_REUSE").is_some() {
        Default::default()
    } else {
        write_static_index(&docs, &out).expect("write")
    };
    println!(
        "write_static_index: {:?} {stats:?} total={}",
        t.elapsed(),
        stats.total_bytes()
    );
    let t = std::time::Instant::now();
    let engine = Engine::new(if std::env::var_os("MOTCUA_MEASURE_REUSE").is_some() {
        &docs[..0]
    } else {
        &docs
    })
    .expect("engine");
    println!("Engine::new: {:?}", t.elapsed());
    // For `MOTCUA_SEARCH_INDEX=target/search-10k node --test tests/js/`.
    fs::write(out.join("rankings.tsv"), rankings(&out)).expect("write rankings");
    for (q, prefix) in [
        ("lam ho chieu", false),
        ("dang ky khai sinh", false),
        ("1.100004", false),
        ("bang lai xe", false),
        ("ho chiue", false),
        ("giấy phép lái", true),
        ("đăng ký kết h", true),
    ] {
        let ix = StaticIndex::open(&out).expect("open");
        let t = std::time::Instant::now();
        let ids = ix.search(q, prefix, 10).expect("search");
        let el = t.elapsed();
        let files = ix.loaded_files();
        let gz: usize = files
            .iter()
            .map(|(f, _)| gzip_len(&out.join("search").join(f)))
            .sum();
        let list: Vec<String> = files.iter().map(|(f, n)| format!("{f}:{n}")).collect();
        println!(
            "{q:?} prefix={prefix}: {} bytes ({gz} gzipped) in {} files, {el:?}, top {:?}; engine top {:?}; {}",
            ix.loaded_bytes(),
            files.len(),
            ids.first(),
            engine.search(q, 1).first().map(|h| h.id.clone()),
            list.join(" ")
        );
    }
}

/// Size of a file after `gzip -6` (measurement only; 0 when gzip is unavailable).
fn gzip_len(path: &Path) -> usize {
    std::process::Command::new("gzip")
        .args(["-6", "-c"])
        .arg(path)
        .output()
        .map(|o| o.stdout.len())
        .unwrap_or(0)
}
