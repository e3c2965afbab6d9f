//! A Rust port of the browser scorer in `search.js`, reading the static index files, so
//! tests and tools can rank exactly as the browser does. Keep the two in step.
//!
//! Ranking: every query word must match (except words the manifest lists as common, which
//! are skipped when a rarer word is present; when all words are common, their rarer adjacent
//! pairs must match instead) (fillers such as "làm" are optional) — exactly,
//! as a prefix when it is the last word being typed (×0.8), or with one typo when it is
//! unknown (×0.5; up to three most frequent words one edit away, same first two letters). A word scores `factor · idf · weight` (best variant), plus half that for
//! an exact accented match when the user typed accents, plus `idf · weight` per matching
//! adjacent-word pair. When no doc has every required word, docs with some are ranked with
//! their score scaled by the share of words matched.

use std::cell::RefCell;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::normalize::{fold, query_terms, within_one_edit, QueryWord};
use super::shards::{decode_varints, vocab_head, Manifest, FORMAT_VERSION};

/// Score factor of a prefix expansion of the last word.
pub const PREFIX_FACTOR: f64 = 0.8;
/// Score factor of a one-typo match.
pub const TYPO_FACTOR: f64 = 0.5;
/// Share of the word score added for an exact accented match.
pub const ACCENT_BONUS: f64 = 0.5;
/// Score factor of an adjacent-pair (phrase) match.
pub const PAIR_FACTOR: f64 = 1.0;
/// Most prefix expansions considered for the last word.
pub const MAX_EXPANSIONS: usize = 50;
/// Most typo corrections tried for one word.
pub const MAX_TYPO_TERMS: usize = 3;
/// Most extra shards read to expand a prefix.
pub const MAX_PREFIX_SHARDS: usize = 1;

type Shard = BTreeMap<String, String>;

/// An opened static index; shards and records are read on demand and cached.
pub struct StaticIndex {
    dir: PathBuf,
    manifest: Manifest,
    shards: RefCell<HashMap<usize, Shard>>,
    /// Files read so far with their sizes (what a browser would have downloaded).
    loaded: RefCell<BTreeMap<String, usize>>,
}

fn bad(e: impl std::fmt::Display) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, e.to_string())
}

impl StaticIndex {
    /// Opens `index_dir/search/manifest.json`.
    pub fn open(index_dir: &Path) -> io::Result<Self> {
        let dir = index_dir.join("search");
        let bytes = fs::read(dir.join("manifest.json"))?;
        let manifest: Manifest = serde_json::from_slice(&bytes).map_err(bad)?;
        if manifest.rs == 0 || manifest.v != FORMAT_VERSION {
            return Err(bad("unsupported search manifest"));
        }
        let loaded = BTreeMap::from([("manifest.json".to_string(), bytes.len())]);
        Ok(Self {
            dir,
            manifest,
            shards: RefCell::new(HashMap::new()),
            loaded: RefCell::new(loaded),
        })
    }

    /// Files read so far and their total size in bytes.
    pub fn loaded_bytes(&self) -> usize {
        self.loaded.borrow().values().sum()
    }

    /// Names and sizes of the files read so far, relative to `search/`.
    pub fn loaded_files(&self) -> Vec<(String, usize)> {
        self.loaded
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect()
    }

    fn read(&self, name: &str) -> io::Result<Vec<u8>> {
        let bytes = fs::read(self.dir.join(name))?;
        self.loaded
            .borrow_mut()
            .insert(name.to_string(), bytes.len());
        Ok(bytes)
    }

    /// Index of the shard that would hold fold key `key`.
    fn shard_of(&self, key: &str) -> Option<usize> {
        let n = self
            .manifest
            .shards
            .partition_point(|s| s.0.as_str() <= key);
        n.checked_sub(1)
    }

    fn with_shard<R>(&self, i: usize, f: impl FnOnce(&Shard) -> R) -> io::Result<R> {
        if !self.shards.borrow().contains_key(&i) {
            let name = format!("t/{}.json", self.manifest.shards[i].1);
            let shard: Shard = serde_json::from_slice(&self.read(&name)?).map_err(bad)?;
            self.shards.borrow_mut().insert(i, shard);
        }
        let shards = self.shards.borrow();
        Ok(f(&shards[&i]))
    }

    /// Postings of one term, decoded to (doc, weight).
    fn postings(&self, term: &str) -> io::Result<Vec<(u32, f64)>> {
        let Some(i) = self.shard_of(&fold(term)) else {
            return Ok(Vec::new());
        };
        let Some(raw) = self.with_shard(i, |s| s.get(term).cloned())? else {
            return Ok(Vec::new());
        };
        let nums = decode_varints(&raw).ok_or_else(|| bad("bad postings"))?;
        let mut doc = 0u32;
        nums.chunks_exact(2)
            .map(|p| {
                doc = doc.checked_add(p[0]).ok_or_else(|| bad("bad postings"))?;
                Ok((doc, f64::from(p[1]) / self.manifest.scale))
            })
            .collect()
    }

    fn idf(&self, df: usize) -> f64 {
        let n = self.manifest.n as f64;
        let df = df as f64;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// Terms of shards `lo..=hi` that pass `keep`, in shard then term order.
    fn scan(&self, lo: usize, hi: usize, keep: impl Fn(&str) -> bool) -> io::Result<Vec<String>> {
        let mut out = Vec::new();
        for i in lo..=hi.min(self.manifest.shards.len().saturating_sub(1)) {
            self.with_shard(i, |s| out.extend(s.keys().filter(|t| keep(t)).cloned()))?;
        }
        Ok(out)
    }

    /// Shards that may hold terms starting with `prefix`: its own and up to
    /// [`MAX_PREFIX_SHARDS`] following ones whose first key has the prefix.
    fn prefix_shards(&self, prefix: &str) -> Option<(usize, usize)> {
        let lo = self.shard_of(prefix)?;
        let mut hi = lo;
        while hi + 1 < self.manifest.shards.len()
            && hi < lo + MAX_PREFIX_SHARDS
            && self.manifest.shards[hi + 1].0.starts_with(prefix)
        {
            hi += 1;
        }
        Some((lo, hi))
    }

    /// Up to [`MAX_TYPO_TERMS`] indexed words one edit away from `word` (most frequent
    /// first), from the typo vocabulary of its first two letters.
    fn typo_terms(&self, word: &str) -> io::Result<Vec<String>> {
        let head = vocab_head(word);
        if !self.manifest.heads.is_empty() && !self.manifest.heads.contains(&head) {
            return Ok(Vec::new());
        }
        let name = format!("{}{}.json", self.manifest.vocab, head);
        let words: BTreeMap<String, usize> = match self.read(&name) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(bad)?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let mut found: Vec<(&String, usize)> = words
            .iter()
            .filter(|(t, _)| within_one_edit(t, word))
            .map(|(t, &df)| (t, df))
            .collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        Ok(found
            .into_iter()
            .take(MAX_TYPO_TERMS)
            .map(|(t, _)| t.clone())
            .collect())
    }

    /// Ranks doc numbers for `q` (`prefix`: the last word may be incomplete).
    pub fn rank(&self, q: &str, prefix: bool) -> io::Result<Vec<(u32, f64)>> {
        let qt = query_terms(q, prefix);
        let common = |t: &str| self.manifest.common.iter().any(|c| c == t);
        // Common words are skipped (not fetched, not required) when a rarer required word
        // carries the query; their pairs still rank the phrase. If that finds nothing, the
        // query is run again with every word.
        let all: Vec<&QueryWord> = qt.words.iter().collect();
        let rare: Vec<&QueryWord> = all.iter().copied().filter(|w| !common(&w.folded)).collect();
        if rare.len() < all.len() && rare.iter().any(|w| !w.optional) {
            let ranked = self.rank_words(&rare, &qt.pairs)?;
            if !ranked.is_empty() {
                return Ok(ranked);
            }
        } else if rare.iter().all(|w| w.optional) && all.len() > 1 {
            // Every word is common ("đăng ký khai sinh" in a big catalogue): the rarer
            // adjacent pairs act as required words (a phrase match in names and keywords).
            let pairs: Vec<QueryWord> = qt
                .pairs
                .iter()
                .filter(|p| !common(p))
                .map(|p| QueryWord {
                    folded: p.clone(),
                    accented: None,
                    prefixes: Vec::new(),
                    optional: false,
                    fuzzy: false,
                })
                .collect();
            if !pairs.is_empty() {
                let ranked = self.rank_words(&pairs.iter().collect::<Vec<_>>(), &[])?;
                if !ranked.is_empty() {
                    return Ok(ranked);
                }
            }
        }
        self.rank_words(&all, &qt.pairs)
    }

    fn rank_words(&self, words: &[&QueryWord], pairs: &[String]) -> io::Result<Vec<(u32, f64)>> {
        let mut score: HashMap<u32, f64> = HashMap::new();
        let mut fixes: HashMap<&str, String> = HashMap::new();
        let mut matched: HashMap<u32, usize> = HashMap::new();
        let mut required: HashMap<u32, usize> = HashMap::new();
        let is_unigram = |t: &str| !t.contains('_') && fold(t) == t;
        for w in words {
            let mut variants: Vec<(Vec<(u32, f64)>, f64)> = Vec::new();
            let exact = self.postings(&w.folded)?;
            let found = !exact.is_empty();
            variants.push((exact, 1.0));
            if w.folded.chars().count() >= 2 && !w.prefixes.is_empty() {
                if let Some((lo, hi)) = self.prefix_shards(&w.folded) {
                    let terms = self.scan(lo, hi, |t| {
                        t != w.folded
                            && is_unigram(t)
                            && w.prefixes.iter().any(|p| t.starts_with(p.as_str()))
                    })?;
                    for t in terms.iter().take(MAX_EXPANSIONS) {
                        variants.push((self.postings(t)?, PREFIX_FACTOR));
                    }
                }
            }
            if !found && variants.len() == 1 && w.fuzzy {
                let terms = self.typo_terms(&w.folded)?;
                if let Some(t) = terms.first() {
                    fixes.insert(w.folded.as_str(), t.clone());
                }
                for t in &terms {
                    variants.push((self.postings(t)?, TYPO_FACTOR));
                }
            }
            let mut best: BTreeMap<u32, f64> = BTreeMap::new();
            for (list, factor) in &variants {
                let idf = self.idf(list.len());
                for &(doc, wt) in list {
                    let s = factor * idf * wt;
                    let e = best.entry(doc).or_insert(0.0);
                    if s > *e {
                        *e = s;
                    }
                }
            }
            for (&doc, &s) in &best {
                *score.entry(doc).or_insert(0.0) += s;
                *matched.entry(doc).or_insert(0) += 1;
                if !w.optional {
                    *required.entry(doc).or_insert(0) += 1;
                }
            }
            if let Some(acc) = &w.accented {
                self.bonus(&mut score, acc, ACCENT_BONUS)?;
            }
        }
        // Pairs use the best correction of a mistyped word ("ho_chiue" → "ho_chieu").
        // Common pairs ("dang_ky") carry little information and are big: skipped.
        for p in pairs {
            let p = match p.split_once('_') {
                Some((a, b)) if fixes.contains_key(a) || fixes.contains_key(b) => {
                    let fix = |x: &str| fixes.get(x).map_or(x.to_string(), String::clone);
                    format!("{}_{}", fix(a), fix(b))
                }
                _ => p.clone(),
            };
            if !self.manifest.common.contains(&p) {
                self.bonus(&mut score, &p, PAIR_FACTOR)?;
            }
        }
        let need = words.iter().filter(|w| !w.optional).count();
        let all = required.values().any(|&c| c == need);
        let total = words.len().max(1) as f64;
        let mut out: Vec<(u32, f64)> = score
            .into_iter()
            .filter_map(|(doc, s)| {
                if all {
                    (required.get(&doc).copied().unwrap_or(0) == need).then_some((doc, s))
                } else {
                    Some((
                        doc,
                        s * matched.get(&doc).copied().unwrap_or(0) as f64 / total,
                    ))
                }
            })
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        Ok(out)
    }

    /// Adds `factor · idf · weight` of `term` to docs that already have a score.
    fn bonus(&self, score: &mut HashMap<u32, f64>, term: &str, factor: f64) -> io::Result<()> {
        let list = self.postings(term)?;
        let idf = self.idf(list.len());
        for (doc, wt) in list {
            if let Some(s) = score.get_mut(&doc) {
                *s += factor * idf * wt;
            }
        }
        Ok(())
    }

    /// Procedure ids of the top `limit` docs for `q`, reading their record chunks.
    pub fn search(&self, q: &str, prefix: bool, limit: usize) -> io::Result<Vec<String>> {
        let ranked = self.rank(q, prefix)?;
        let mut chunks: HashMap<usize, Vec<serde_json::Value>> = HashMap::new();
        let mut out = Vec::with_capacity(limit.min(ranked.len()));
        for (doc, _) in ranked.into_iter().take(limit) {
            let c = doc as usize / self.manifest.rs;
            let rows = match chunks.entry(c) {
                Entry::Occupied(e) => e.into_mut(),
                Entry::Vacant(e) => {
                    let name = format!("{}{c}.json", self.manifest.records);
                    e.insert(serde_json::from_slice(&self.read(&name)?).map_err(bad)?)
                }
            };
            let id = rows
                .get(doc as usize % self.manifest.rs)
                .and_then(|r| r.get(0))
                .and_then(|v| v.as_str())
                .ok_or_else(|| bad("record missing"))?;
            out.push(id.to_string());
        }
        Ok(out)
    }
}

/// Ids of the top `limit` procedures for `q` in the static index under `index_dir`, ranked
/// exactly as the browser ranks them (the query is complete: no prefix expansion).
pub fn search_static(index_dir: &Path, q: &str, limit: usize) -> Vec<String> {
    StaticIndex::open(index_dir)
        .and_then(|ix| ix.search(q, false, limit))
        .unwrap_or_default()
}
