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

use std::borrow::Cow;
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

/// Documents the static index reads, by number: a slice, or a catalogue whose documents are
/// computed a round at a time, so a national catalogue's texts are never all in memory.
pub trait Docs: Sync {
    /// Number of documents.
    fn count(&self) -> usize;
    /// The (sector, id) of document `i`, which orders the docs; cheap to get.
    fn sort_key(&self, i: usize) -> (&str, &str);
    /// Document `i` (an error when its source can no longer be read).
    fn doc(&self, i: usize) -> io::Result<Cow<'_, SearchDoc>>;
}

impl Docs for [SearchDoc] {
    fn count(&self) -> usize {
        self.len()
    }
    fn sort_key(&self, i: usize) -> (&str, &str) {
        (&self[i].sector, &self[i].id)
    }
    fn doc(&self, i: usize) -> io::Result<Cow<'_, SearchDoc>> {
        Ok(Cow::Borrowed(&self[i]))
    }
}

/// The inverted index in memory, before it is cut into files.
pub(crate) struct Postings {
    /// The docs in doc-number order, without the texts only terms are made of (keywords,
    /// summary, body): what the records, sectors and facets files need.
    pub docs: Vec<SearchDoc>,
    /// Every term in sorted order with its document frequency and its shard entry
    /// (`"term":"varints"`, see [`VARINT_DIGITS`]).
    pub terms: Vec<Term>,
}

/// One term of the index.
pub(crate) struct Term {
    /// The term as indexed.
    pub text: String,
    /// Number of docs it is in.
    pub df: usize,
    /// Its entry in a postings shard.
    pub entry: String,
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
pub(crate) fn build_postings<D: Docs + ?Sized>(docs: &D) -> io::Result<Postings> {
    let mut order: Vec<usize> = (0..docs.count()).collect();
    order.sort_by(|&a, &b| {
        let (sa, ia) = docs.sort_key(a);
        let (sb, ib) = docs.sort_key(b);
        (sa, ia, a).cmp(&(sb, ib, b))
    });
    // Each term is stored once (interned to an id); a posting is the doc number and the
    // term's count per field, packed (see [`PackedList`]). Weights need the average field
    // lengths over all docs, so they are computed at the end from the counts.
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut lists: Vec<PackedList> = Vec::new();
    let mut lens: Vec<[u32; NFIELDS]> = Vec::with_capacity(order.len());
    let mut kept: Vec<SearchDoc> = Vec::with_capacity(order.len());
    for round in order.chunks(DOCS_PER_ROUND) {
        let terms: Vec<(DocTerms, SearchDoc)> = round
            .par_iter()
            .map(|&i| {
                let d = docs.doc(i)?;
                let terms = doc_terms(&d);
                Ok((terms, without_texts(d)))
            })
            .collect::<io::Result<_>>()?;
        for ((tf, l), d) in terms {
            let num = lens.len() as u32;
            lens.push(l.map(|x| u32::try_from(x).unwrap_or(u32::MAX)));
            kept.push(d);
            for (t, counts) in tf {
                let counts = counts.map(|x| u16::try_from(x).unwrap_or(u16::MAX));
                let id = match ids.get(&t) {
                    Some(&id) => id,
                    None => {
                        let id = lists.len() as u32;
                        ids.insert(t, id);
                        lists.push(PackedList::default());
                        id
                    }
                };
                lists[id as usize].push(num, &counts);
            }
        }
    }
    let n = lens.len().max(1) as f64;
    let mut avg = [0.0; NFIELDS];
    for (f, a) in avg.iter_mut().enumerate() {
        *a = (lens.iter().map(|d| f64::from(d[f])).sum::<f64>() / n).max(1.0);
    }
    let norm: Vec<[f64; NFIELDS]> = lens.iter().map(|l| norms(l, &avg)).collect();
    let mut ids: Vec<(String, u32)> = ids.into_iter().collect();
    ids.sort_unstable();
    // Each term's counts are encoded and freed in turn, so the postings are never held twice.
    let terms = ids
        .into_iter()
        .map(|(text, id)| {
            let list = std::mem::take(&mut lists[id as usize]);
            let mut entry = serde_json::to_string(&text).map_err(io::Error::other)?;
            entry.push_str(":\"");
            let mut prev = 0;
            for (doc, counts) in list.iter() {
                push_varint(&mut entry, doc - prev);
                push_varint(&mut entry, weight(&counts, &norm[doc as usize]));
                prev = doc;
            }
            entry.push('"');
            Ok(Term {
                text,
                df: list.len as usize,
                entry,
            })
        })
        .collect::<io::Result<_>>()?;
    Ok(Postings { docs: kept, terms })
}

/// One term's postings while the index is built: (doc number, count per field) pairs packed
/// into bytes, about 4 a posting against 12 unpacked, since a national catalogue has tens of
/// millions of them. Each posting is the doc number's difference from the previous one
/// (LEB128), a byte with a bit per field whose count is not zero, then those counts (LEB128).
#[derive(Default)]
struct PackedList {
    bytes: Vec<u8>,
    last: u32,
    len: u32,
}

impl PackedList {
    /// Appends a posting; `doc` is never below the previous one.
    fn push(&mut self, doc: u32, counts: &[u16; NFIELDS]) {
        push_leb(&mut self.bytes, doc - self.last);
        self.last = doc;
        self.len += 1;
        let mask = counts
            .iter()
            .enumerate()
            .filter(|(_, &n)| n > 0)
            .fold(0u8, |m, (f, _)| m | (1 << f));
        self.bytes.push(mask);
        for &n in counts.iter().filter(|&&n| n > 0) {
            push_leb(&mut self.bytes, u32::from(n));
        }
    }

    /// The postings in order.
    fn iter(&self) -> impl Iterator<Item = (u32, [u16; NFIELDS])> + '_ {
        let mut at = 0;
        let mut doc = 0;
        std::iter::from_fn(move || {
            if at >= self.bytes.len() {
                return None;
            }
            doc += read_leb(&self.bytes, &mut at);
            let mask = self.bytes[at];
            at += 1;
            let mut counts = [0u16; NFIELDS];
            for (f, n) in counts.iter_mut().enumerate() {
                if mask & (1 << f) != 0 {
                    // Written from a u16, so it fits.
                    *n = read_leb(&self.bytes, &mut at) as u16;
                }
            }
            Some((doc, counts))
        })
    }
}

fn push_leb(bytes: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        bytes.push((v as u8) | 0x80);
        v >>= 7;
    }
    bytes.push(v as u8);
}

/// Reads what [`push_leb`] wrote at `*at`, moving past it.
fn read_leb(bytes: &[u8], at: &mut usize) -> u32 {
    let mut v = 0u32;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        v |= u32::from(b & 0x7f) << shift;
        if b < 0x80 {
            break;
        }
        shift += 7;
    }
    v
}

/// `d` without the texts that only its terms are made of.
fn without_texts(d: Cow<'_, SearchDoc>) -> SearchDoc {
    match d {
        Cow::Owned(mut d) => {
            d.keywords = Vec::new();
            d.summary = String::new();
            d.body = String::new();
            d
        }
        // Field by field, so the texts left out are not copied first.
        Cow::Borrowed(d) => SearchDoc {
            id: d.id.clone(),
            name: d.name.clone(),
            keywords: Vec::new(),
            summary: String::new(),
            body: String::new(),
            sector: d.sector.clone(),
            sector_name: d.sector_name.clone(),
            levels: d.levels.clone(),
            agencies: d.agencies.clone(),
            channels: d.channels.clone(),
            shortest_time: d.shortest_time.clone(),
            fee_summary: d.fee_summary.clone(),
            url: d.url.clone(),
        },
    }
}

/// Writes `search/` under `out_dir` (replacing an earlier one) and returns its statistics.
pub fn write_static_index(docs: &[SearchDoc], out_dir: &Path) -> io::Result<StaticIndexStats> {
    let dir = out_dir.join("search");
    if dir.join("manifest.json").is_file() {
        // Only a directory we wrote earlier is removed; stale hashed files would pile up.
        fs::remove_dir_all(&dir)?;
    }
    build_static_index(docs, &mut |rel, bytes| {
        let path = out_dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, bytes)
    })
}

/// Builds the static index, handing each file (path relative to the site root,
/// `search/...`) to `put` as soon as it is complete.
pub fn build_static_index<D: Docs + ?Sized>(
    docs: &D,
    put: &mut dyn FnMut(String, Vec<u8>) -> io::Result<()>,
) -> io::Result<StaticIndexStats> {
    let p = build_postings(docs)?;
    let n = p.docs.len();
    let mut stats = StaticIndexStats {
        docs: n,
        terms: p.terms.len(),
        postings: p.terms.iter().map(|t| t.df).sum(),
        ..Default::default()
    };

    // Postings shards: entries sorted by (fold key, term), packed greedily by size, never
    // splitting one fold key (so a folded term and its accented forms share a shard).
    let mut entries: Vec<(String, &Term)> = p.terms.iter().map(|t| (fold(&t.text), t)).collect();
    entries.sort_by(|a, b| (&a.0, &a.1.text).cmp(&(&b.0, &b.1.text)));
    let mut shards: Vec<(String, String)> = Vec::new();
    let mut flush = |first: &str, body: &mut String| -> io::Result<()> {
        // The first shard starts at "" so every key has a shard.
        body.push('}');
        let bytes = std::mem::take(body).into_bytes();
        stats.shard_bytes += bytes.len();
        stats.max_shard_bytes = stats.max_shard_bytes.max(bytes.len());
        let hash = hash_name(&bytes);
        put(format!("search/t/{hash}.json"), bytes)?;
        shards.push((first.to_string(), hash));
        Ok(())
    };
    let mut body = String::new();
    let mut first = String::new();
    let mut k = 0;
    while k < entries.len() {
        let key = &entries[k].0;
        let end = k + entries[k..].iter().take_while(|e| e.0 == *key).count();
        let size: usize = entries[k..end].iter().map(|e| e.1.entry.len() + 1).sum();
        if !body.is_empty() && body.len() + size + 1 > SHARD_TARGET {
            flush(&first, &mut body)?;
            // The shortest prefix of this key that still sorts after the previous shard's
            // last key separates the two shards and keeps the manifest small.
            let prev = &entries[k - 1].0;
            first = key
                .char_indices()
                .map(|(b, c)| &key[..b + c.len_utf8()])
                .find(|p| *p > prev.as_str())
                .unwrap_or(key)
                .to_string();
        }
        for e in &entries[k..end] {
            body.push(if body.is_empty() { '{' } else { ',' });
            body.push_str(&e.1.entry);
        }
        k = end;
    }
    if !body.is_empty() {
        flush(&first, &mut body)?;
    }
    drop(entries);
    stats.shards = shards.len();
    let common: Vec<&str> = if n >= COMMON_MIN_DOCS {
        p.terms
            .iter()
            .filter(|t| t.df * COMMON_SHARE > n)
            .map(|t| t.text.as_str())
            .collect()
    } else {
        Vec::new()
    };

    // Typo vocabulary: folded words of 3+ letters with their document frequency, one file
    // per two-letter head, under a directory named by the hash of them all.
    let mut heads: BTreeMap<String, BTreeMap<&str, usize>> = BTreeMap::new();
    for t in &p.terms {
        let w = t.text.as_str();
        if w.chars().count() >= 3 && w.chars().all(char::is_alphabetic) && fold(w) == w {
            heads.entry(vocab_head(w)).or_default().insert(w, t.df);
        }
    }
    let mut vocab_files = Vec::with_capacity(heads.len());
    for (head, words) in &heads {
        vocab_files.push((head, serde_json::to_vec(words).map_err(io::Error::other)?));
    }
    let vocab = format!("v/{}/", hash_parts(vocab_files.iter().map(|f| &f.1[..])));
    for (head, bytes) in vocab_files {
        stats.vocab_bytes += bytes.len();
        put(format!("search/{vocab}{head}.json"), bytes)?;
    }

    // Sectors in doc-number order, with the first doc of each.
    let mut sectors: Vec<(String, String, usize)> = Vec::new();
    for (num, d) in p.docs.iter().enumerate() {
        if sectors.last().is_none_or(|s| s.0 != d.sector) {
            sectors.push((d.sector.clone(), d.sector_name.clone(), num));
        }
    }

    // Records: small chunks (a query's results are scattered) under one directory named
    // by the hash of them all, so the manifest need not list each chunk.
    let mut chunks = Vec::new();
    for (c, chunk) in p.docs.chunks(RECORDS_PER_CHUNK).enumerate() {
        let rows: Vec<Record> = chunk
            .iter()
            .enumerate()
            .map(|(k, d)| {
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
    let records = format!("r/{}/", hash_parts(chunks.iter().map(|c| &c[..])));
    for (c, bytes) in chunks.into_iter().enumerate() {
        stats.record_bytes += bytes.len();
        put(format!("search/{records}{c}.json"), bytes)?;
    }

    // Facets (levels, channels as bit masks; agencies as indexes).
    let levels = distinct(p.docs.iter().flat_map(|d| &d.levels));
    let channels = distinct(p.docs.iter().flat_map(|d| &d.channels));
    let agencies = distinct(p.docs.iter().flat_map(|d| &d.agencies));
    let mask = |names: &[String], of: &[String]| -> u64 {
        of.iter()
            .filter_map(|x| names.iter().position(|n| n == x))
            .filter(|&k| k < 53)
            .fold(0, |m, k| m | (1 << k))
    };
    let rows: Vec<Vec<u64>> = p
        .docs
        .iter()
        .map(|d| {
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
    let hash = hash_name(&bytes);
    put(format!("search/f/{hash}.json"), bytes)?;
    let facets = format!("f/{hash}.json");

    let manifest = Manifest {
        v: FORMAT_VERSION,
        norm: normalize::NORMALIZER_VERSION,
        n,
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
    put("search/manifest.json".to_string(), bytes)?;
    Ok(stats)
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

/// The name of a file with contents `bytes`: 48 bits of xxh3, so collisions are negligible
/// for a few thousand files.
fn hash_name(bytes: &[u8]) -> String {
    format!("{:012x}", xxh3_64(bytes) >> 16)
}

/// [`hash_name`] of the concatenation of `parts`.
fn hash_parts<'a>(parts: impl Iterator<Item = &'a [u8]>) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for p in parts {
        h.update(p);
    }
    format!("{:012x}", h.digest() >> 16)
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
    fn packed_postings_round_trip() {
        let postings = [
            (0, [1, 0, 0, 0]),
            (1, [0, 0, 3, 200]),
            (300, [0, 0, 0, 0]),
            (70_000, [u16::MAX, 1, 128, 0]),
            (u32::MAX, [0, 2, 0, 0]),
        ];
        let mut list = PackedList::default();
        for (doc, counts) in &postings {
            list.push(*doc, counts);
        }
        assert_eq!(list.len, 5);
        assert_eq!(list.iter().collect::<Vec<_>>(), postings);
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
