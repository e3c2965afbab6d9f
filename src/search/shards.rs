//! The static browser index: a small fixed-name manifest, postings shards cut from the
//! sorted term list, doc-record chunks and a lazily loaded facets file. All data files have
//! content-hashed names, so they can be cached forever; output is byte-deterministic.
//!
//! Layout under `<out>/search/`:
//! - `manifest.json`: `{v, norm, n, scale, sectors: [[id, name, first_doc]], shards:
//!   [[first_key, hash]], common: [term], records: dir, vocab: dir, rs, facets: file}`.
//! - `t/<hash>.json`: `{term: "varints"}`, the postings as alternating doc-number deltas and
//!   weights (see [`VARINT_DIGITS`]). A shard holds every term whose fold key (see
//!   [`normalize::fold`]) sorts from its `first_key` up to the next shard's. Weights are BM25 (per field, k1 = 1.2, b = 0.75) times the field weight,
//!   summed over fields, times 10 and rounded, so the browser only adds idf.
//! - `r/<hash>/<i>.json`: `[[id, name, url, sector_index, levels, agencies, time, fee], …]`
//!   for docs `i*rs .. (i+1)*rs`; the directory hash covers all chunks. Docs are numbered by (sector, id) so the results of one query
//!   tend to share chunks.
//! - `v/<hash>/<head>.json`: `{word: doc_frequency}` for folded words of 3+ letters whose
//!   first two characters are `head` (see [`vocab_head`]); read only to correct a typo.
//! - `f/<hash>.json`: `{levels, agencies, channels, d: [[level_mask, channel_mask,
//!   agency…], …]}` for the filters, fetched only when the user opens them.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use xxhash_rust::xxh3::xxh3_64;

use rustc_hash::FxHashMap;

use super::normalize::{self, fold, for_each_text_term};
use super::{Field, SearchDoc};

/// Static index format version (bump with any change the JS reader must know about).
pub const FORMAT_VERSION: u32 = 1;
/// Target size of one postings shard in bytes (a single huge term may exceed it).
pub const SHARD_TARGET: usize = 8 * 1024;
/// Documents per records chunk.
pub const RECORDS_PER_CHUNK: usize = 8;
/// Terms in more than 1/COMMON_SHARE of the docs are "common": the browser skips their
/// postings when the query has a rarer word (pairs still rank the phrase).
pub const COMMON_SHARE: usize = 5;
/// Only catalogues at least this large have common terms.
pub const COMMON_MIN_DOCS: usize = 1000;
/// Alphabet of the postings varints: 0–31 end a number, 32–63 continue it (5 bits each,
/// least significant first).
pub const VARINT_DIGITS: &[u8; 64] =
    b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
/// BM25 term-frequency saturation.
pub const K1: f64 = 1.2;
/// BM25 length normalization.
pub const B: f64 = 0.75;
/// Posting weights are stored multiplied by this and rounded.
pub const WEIGHT_SCALE: f64 = 10.0;

/// What [`write_static_index`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StaticIndexStats {
    /// Documents indexed.
    pub docs: usize,
    /// Distinct terms.
    pub terms: usize,
    /// (term, doc) postings.
    pub postings: usize,
    /// Postings shard files.
    pub shards: usize,
    /// Bytes of `manifest.json`.
    pub manifest_bytes: usize,
    /// Bytes of all postings shards.
    pub shard_bytes: usize,
    /// Bytes of the largest postings shard.
    pub max_shard_bytes: usize,
    /// Bytes of all record chunks.
    pub record_bytes: usize,
    /// Bytes of the facets file.
    pub facet_bytes: usize,
    /// Bytes of the typo vocabulary files.
    pub vocab_bytes: usize,
}

impl StaticIndexStats {
    /// Total bytes written.
    pub fn total_bytes(&self) -> usize {
        self.manifest_bytes
            + self.shard_bytes
            + self.record_bytes
            + self.facet_bytes
            + self.vocab_bytes
    }
}

/// The inverted index in memory, before it is cut into files.
pub(crate) struct Postings {
    /// Input indexes of the docs, in doc-number order.
    pub order: Vec<usize>,
    /// term → [(doc number, scaled weight)], doc numbers ascending.
    pub terms: BTreeMap<String, Vec<(u32, u32)>>,
}

/// Per-doc term frequencies by field, and field lengths in tokens.
type DocTerms = (FxHashMap<String, [u32; NFIELDS]>, [usize; NFIELDS]);

const NFIELDS: usize = Field::ALL.len();

fn doc_terms(d: &SearchDoc) -> DocTerms {
    // One map for all fields: a doc's fields share most of their terms.
    let mut tf: FxHashMap<String, [u32; NFIELDS]> = FxHashMap::default();
    tf.reserve(256);
    let mut lens = [0; NFIELDS];
    for (i, f) in Field::ALL.into_iter().enumerate() {
        lens[i] = for_each_text_term(&f.text(d), f.rich(), |t| match tf.get_mut(t) {
            Some(n) => n[i] += 1,
            None => {
                let mut n = [0; NFIELDS];
                n[i] = 1;
                tf.insert(t.to_string(), n);
            }
        });
    }
    (tf, lens)
}

/// Per-field length normalisation of one doc (BM25's `1 - b + b·len/avg`).
fn norms(lens: &[u32; NFIELDS], avg: &[f64; NFIELDS]) -> [f64; NFIELDS] {
    let mut norm = [0.0; NFIELDS];
    for f in 0..NFIELDS {
        norm[f] = 1.0 - B + B * f64::from(lens[f]) / avg[f];
    }
    norm
}

/// A term's scaled BM25F weight in one doc, from its count in each field.
fn weight(counts: &[u16; NFIELDS], norm: &[f64; NFIELDS]) -> u32 {
    let mut w = 0.0;
    for (f, field) in Field::ALL.iter().enumerate() {
        if counts[f] > 0 {
            let tf = f64::from(counts[f]);
            w += field.weight() * tf * (K1 + 1.0) / (tf + K1 * norm[f]);
        }
    }
    (w * WEIGHT_SCALE).round().max(1.0) as u32
}

/// Docs tokenized per round: the per-doc term maps (tens of KB each) exist for one round
/// only, so the index of a national catalogue never holds every doc's terms as strings.
const DOCS_PER_ROUND: usize = 512;

/// Builds postings with precomputed BM25F-style weights.
pub(crate) fn build_postings(docs: &[SearchDoc]) -> Postings {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| {
        (&docs[a].sector, &docs[a].id, a).cmp(&(&docs[b].sector, &docs[b].id, b))
    });
    // Each term is stored once (interned to an id); a posting is the doc number and the
    // term's count per field. Weights need the average field lengths over all docs, so they
    // are computed at the end from the counts.
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut lists: Vec<Vec<(u32, [u16; NFIELDS])>> = Vec::new();
    let mut lens: Vec<[u32; NFIELDS]> = Vec::with_capacity(order.len());
    for round in order.chunks(DOCS_PER_ROUND) {
        let terms: Vec<DocTerms> = round.par_iter().map(|&i| doc_terms(&docs[i])).collect();
        for (tf, l) in terms {
            let num = lens.len() as u32;
            lens.push(l.map(|x| u32::try_from(x).unwrap_or(u32::MAX)));
            for (t, counts) in tf {
                let counts = counts.map(|x| u16::try_from(x).unwrap_or(u16::MAX));
                let id = match ids.get(&t) {
                    Some(&id) => id,
                    None => {
                        let id = lists.len() as u32;
                        ids.insert(t, id);
                        lists.push(Vec::new());
                        id
                    }
                };
                lists[id as usize].push((num, counts));
            }
        }
    }
    let n = lens.len().max(1) as f64;
    let mut avg = [0.0; NFIELDS];
    for (f, a) in avg.iter_mut().enumerate() {
        *a = (lens.iter().map(|d| f64::from(d[f])).sum::<f64>() / n).max(1.0);
    }
    let norm: Vec<[f64; NFIELDS]> = lens.iter().map(|l| norms(l, &avg)).collect();
    let terms = ids
        .into_iter()
        .map(|(t, id)| {
            let list = std::mem::take(&mut lists[id as usize]);
            let weighted = list
                .into_iter()
                .map(|(doc, counts)| (doc, weight(&counts, &norm[doc as usize])))
                .collect();
            (t, weighted)
        })
        .collect();
    Postings { order, terms }
}

/// Writes `search/` under `out_dir` (replacing an earlier one) and returns its statistics.
pub fn write_static_index(docs: &[SearchDoc], out_dir: &Path) -> io::Result<StaticIndexStats> {
    let dir = out_dir.join("search");
    if dir.join("manifest.json").is_file() {
        // Only a directory we wrote earlier is removed; stale hashed files would pile up.
        fs::remove_dir_all(&dir)?;
    }
    let (files, stats) = build_static_index(docs)?;
    for (rel, bytes) in files {
        let path = out_dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, bytes)?;
    }
    Ok(stats)
}

/// Builds the static index in memory: paths relative to the site root (`search/...`).
pub fn build_static_index(
    docs: &[SearchDoc],
) -> io::Result<(BTreeMap<String, Vec<u8>>, StaticIndexStats)> {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let p = build_postings(docs);
    let mut stats = StaticIndexStats {
        docs: docs.len(),
        terms: p.terms.len(),
        postings: p.terms.values().map(Vec::len).sum(),
        ..Default::default()
    };

    // Postings shards: entries sorted by (fold key, term), packed greedily by size, never
    // splitting one fold key (so a folded term and its accented forms share a shard).
    let mut entries: Vec<(String, &String, String)> = p
        .terms
        .iter()
        .map(|(t, list)| {
            let mut s = serde_json::to_string(t).map_err(io::Error::other)?;
            s.push_str(":\"");
            let mut prev = 0;
            for (doc, w) in list {
                push_varint(&mut s, doc - prev);
                push_varint(&mut s, *w);
                prev = *doc;
            }
            s.push('"');
            Ok((fold(t), t, s))
        })
        .collect::<io::Result<_>>()?;
    entries.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    let mut shards: Vec<(String, String)> = Vec::new();
    let mut flush = |first: &str, body: &mut String| -> io::Result<()> {
        // The first shard starts at "" so every key has a shard.
        body.push('}');
        let name = write_hashed(&mut files, "t", body.as_bytes());
        stats.shard_bytes += body.len();
        stats.max_shard_bytes = stats.max_shard_bytes.max(body.len());
        shards.push((first.to_string(), name));
        body.clear();
        Ok(())
    };
    let mut body = String::new();
    let mut first = String::new();
    let mut k = 0;
    while k < entries.len() {
        let key = entries[k].0.clone();
        let end = k + entries[k..].iter().take_while(|e| e.0 == key).count();
        let size: usize = entries[k..end].iter().map(|e| e.2.len() + 1).sum();
        if !body.is_empty() && body.len() + size + 1 > SHARD_TARGET {
            flush(&first, &mut body)?;
            // The shortest prefix of this key that still sorts after the previous shard's
            // last key separates the two shards and keeps the manifest small.
            let prev = &entries[k - 1].0;
            first = key
                .char_indices()
                .map(|(b, c)| &key[..b + c.len_utf8()])
                .find(|p| *p > prev.as_str())
                .unwrap_or(&key)
                .to_string();
        }
        for e in &entries[k..end] {
            body.push(if body.is_empty() { '{' } else { ',' });
            body.push_str(&e.2);
        }
        k = end;
    }
    if !body.is_empty() {
        flush(&first, &mut body)?;
    }
    stats.shards = shards.len();
    let common: Vec<&str> = if docs.len() >= COMMON_MIN_DOCS {
        p.terms
            .iter()
            .filter(|(_, list)| list.len() * COMMON_SHARE > docs.len())
            .map(|(t, _)| t.as_str())
            .collect()
    } else {
        Vec::new()
    };

    // Typo vocabulary: folded words of 3+ letters with their document frequency, one file
    // per two-letter head, under a directory named by the hash of them all.
    let mut heads: BTreeMap<String, BTreeMap<&str, usize>> = BTreeMap::new();
    for (t, list) in &p.terms {
        if t.chars().count() >= 3 && t.chars().all(char::is_alphabetic) && fold(t) == *t {
            heads
                .entry(vocab_head(t))
                .or_default()
                .insert(t.as_str(), list.len());
        }
    }
    let mut vocab_files = Vec::with_capacity(heads.len());
    for (head, words) in &heads {
        vocab_files.push((head, serde_json::to_vec(words).map_err(io::Error::other)?));
    }
    let all: Vec<u8> = vocab_files
        .iter()
        .flat_map(|f| f.1.iter().copied())
        .collect();
    let vocab = format!("v/{:012x}/", xxh3_64(&all) >> 16);
    for (head, bytes) in &vocab_files {
        stats.vocab_bytes += bytes.len();
        files.insert(format!("search/{vocab}{head}.json"), bytes.clone());
    }

    // Sectors in doc-number order, with the first doc of each.
    let mut sectors: Vec<(String, String, usize)> = Vec::new();
    for (num, &i) in p.order.iter().enumerate() {
        let d = &docs[i];
        if sectors.last().is_none_or(|s| s.0 != d.sector) {
            sectors.push((d.sector.clone(), d.sector_name.clone(), num));
        }
    }

    // Records: small chunks (a query's results are scattered) under one directory named
    // by the hash of them all, so the manifest need not list each chunk.
    let mut chunks = Vec::new();
    for (c, chunk) in p.order.chunks(RECORDS_PER_CHUNK).enumerate() {
        let rows: Vec<Record> = chunk
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                let d = &docs[i];
                let num = c * RECORDS_PER_CHUNK + k;
                let sector = sectors.iter().rposition(|s| s.2 <= num).unwrap_or(0);
                (
                    d.id.as_str(),
                    d.name.as_str(),
                    d.url.as_str(),
                    sector,
                    d.levels.join(", "),
                    d.agencies.join(", "),
                    d.shortest_time.as_str(),
                    d.fee_summary.as_str(),
                )
            })
            .collect();
        chunks.push(serde_json::to_vec(&rows).map_err(io::Error::other)?);
    }
    let records = format!("r/{:012x}/", xxh3_64(&chunks.concat()) >> 16);
    for (c, bytes) in chunks.iter().enumerate() {
        stats.record_bytes += bytes.len();
        files.insert(format!("search/{records}{c}.json"), bytes.clone());
    }

    // Facets (levels, channels as bit masks; agencies as indexes).
    let levels = distinct(p.order.iter().flat_map(|&i| &docs[i].levels));
    let channels = distinct(p.order.iter().flat_map(|&i| &docs[i].channels));
    let agencies = distinct(p.order.iter().flat_map(|&i| &docs[i].agencies));
    let mask = |names: &[String], of: &[String]| -> u64 {
        of.iter()
            .filter_map(|x| names.iter().position(|n| n == x))
            .filter(|&k| k < 53)
            .fold(0, |m, k| m | (1 << k))
    };
    let rows: Vec<Vec<u64>> = p
        .order
        .iter()
        .map(|&i| {
            let d = &docs[i];
            let mut row = vec![mask(&levels, &d.levels), mask(&channels, &d.channels)];
            row.extend(
                d.agencies
                    .iter()
                    .filter_map(|a| agencies.iter().position(|n| n == a))
                    .map(|k| k as u64),
            );
            row
        })
        .collect();
    let facets = Facets {
        levels: &levels,
        channels: &channels,
        agencies: &agencies,
        d: rows,
    };
    let bytes = serde_json::to_vec(&facets).map_err(io::Error::other)?;
    stats.facet_bytes = bytes.len();
    let facets = format!("f/{}.json", write_hashed(&mut files, "f", &bytes));

    let manifest = Manifest {
        v: FORMAT_VERSION,
        norm: normalize::NORMALIZER_VERSION,
        n: docs.len(),
        scale: WEIGHT_SCALE,
        sectors: sectors
            .iter()
            .map(|s| (s.0.as_str(), s.1.as_str(), s.2))
            .collect(),
        shards,
        common,
        records: &records,
        vocab: &vocab,
        rs: RECORDS_PER_CHUNK,
        facets,
        heads: heads.keys().cloned().collect(),
    };
    let bytes = serde_json::to_vec(&manifest).map_err(io::Error::other)?;
    stats.manifest_bytes = bytes.len();
    files.insert("search/manifest.json".to_string(), bytes);
    Ok((files, stats))
}

type Record<'a> = (
    &'a str,
    &'a str,
    &'a str,
    usize,
    String,
    String,
    &'a str,
    &'a str,
);

#[derive(Serialize)]
struct Facets<'a> {
    levels: &'a [String],
    channels: &'a [String],
    agencies: &'a [String],
    d: Vec<Vec<u64>>,
}

/// The fixed-name entry point of the static index (also read by the Rust scorer).
#[derive(Debug, Serialize, serde::Deserialize)]
pub(crate) struct Manifest<S = String> {
    pub v: u32,
    pub norm: u32,
    pub n: usize,
    pub scale: f64,
    pub sectors: Vec<(S, S, usize)>,
    pub shards: Vec<(String, String)>,
    pub common: Vec<S>,
    pub records: S,
    pub vocab: S,
    pub rs: usize,
    pub facets: String,
    /// Heads that have a typo vocabulary file, so clients never request a missing one.
    #[serde(default)]
    pub heads: Vec<String>,
}

fn push_varint(s: &mut String, mut v: u32) {
    loop {
        let low = (v & 31) as usize;
        v >>= 5;
        if v == 0 {
            s.push(char::from(VARINT_DIGITS[low]));
            return;
        }
        s.push(char::from(VARINT_DIGITS[32 + low]));
    }
}

/// Decodes a postings string into its numbers (`None` on a malformed string).
pub(crate) fn decode_varints(s: &str) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    let (mut acc, mut shift) = (0u32, 0u32);
    for b in s.bytes() {
        let d = VARINT_DIGITS.iter().position(|&x| x == b)? as u32;
        acc |= (d & 31).checked_shl(shift)?;
        if d >= 32 {
            shift += 5;
        } else {
            out.push(acc);
            (acc, shift) = (0, 0);
        }
    }
    Some(out)
}

/// File name of the typo vocabulary for `word`: its first two characters as hexadecimal
/// code points joined by "-" ("chieu" → "63-68"), safe on every file system.
pub fn vocab_head(word: &str) -> String {
    word.chars()
        .take(2)
        .map(|c| format!("{:x}", u32::from(c)))
        .collect::<Vec<_>>()
        .join("-")
}

/// Distinct values in first-seen order.
fn distinct<'a>(it: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    it.filter(|s| seen.insert(s.as_str())).cloned().collect()
}

/// Stores `bytes` as `search/sub/<hash>.json` and returns the hash.
fn write_hashed(files: &mut BTreeMap<String, Vec<u8>>, sub: &str, bytes: &[u8]) -> String {
    // 48 bits of xxh3: collisions are negligible for a few thousand files.
    let hash = format!("{:012x}", xxh3_64(bytes) >> 16);
    files.insert(format!("search/{sub}/{hash}.json"), bytes.to_vec());
    hash
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fixture;

    fn read_all(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(dir.join("search"))
            .into_iter()
            .map(|e| e.expect("walk"))
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).expect("prefix");
                (rel.display().to_string(), fs::read(e.path()).expect("read"))
            })
            .collect()
    }

    #[test]
    fn empty_catalogue_writes_a_searchable_index() {
        let dir = tempfile::tempdir().expect("tmp");
        let stats = write_static_index(&[], dir.path()).expect("write");
        assert_eq!((stats.docs, stats.shards), (0, 0));
        assert!(crate::search::search_static(dir.path(), "hộ chiếu", 10).is_empty());
    }

    #[test]
    fn varints_round_trip() {
        let mut s = String::new();
        let nums = [0, 1, 31, 32, 1000, 123_456, u32::MAX];
        for n in nums {
            push_varint(&mut s, n);
        }
        assert_eq!(decode_varints(&s).as_deref(), Some(&nums[..]));
        assert_eq!(decode_varints("\"x"), None);
    }

    #[test]
    fn output_is_deterministic_and_replaces_old_files() {
        let docs = fixture::docs();
        let a = tempfile::tempdir().expect("tmp");
        let b = tempfile::tempdir().expect("tmp");
        let sa = write_static_index(&docs, a.path()).expect("write a");
        write_static_index(&docs[..3], b.path()).expect("write b small");
        let mut rev = docs.clone();
        rev.reverse();
        let sb = write_static_index(&rev, b.path()).expect("write b");
        assert_eq!(sa, sb);
        assert_eq!(read_all(a.path()), read_all(b.path()));
        assert!(sa.shards >= 1 && sa.terms > 200, "{sa:?}");
    }
}
