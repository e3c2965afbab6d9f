//! A tantivy index over the same documents, tokenized by the same normalizer: for the
//! command line, for servers that can run one, and as a relevance oracle for the static
//! index in tests.

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    Field as TField, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED,
    STRING,
};
use tantivy::tokenizer::{Token as TToken, TokenStream, Tokenizer};
use tantivy::{doc, Index, IndexReader, TantivyDocument, Term};

use super::normalize::{fold, query_terms, terms_of, tokens};
use super::scorer::{ACCENT_BONUS, MAX_EXPANSIONS, PAIR_FACTOR, PREFIX_FACTOR, TYPO_FACTOR};
use super::shards::{COMMON_MIN_DOCS, COMMON_SHARE};
use super::{Field, SearchDoc};

/// The normalizer as a tantivy tokenizer: folded terms, plus (when `rich`) accented terms
/// and adjacent pairs, exactly as in the static index.
#[derive(Clone)]
pub struct VnTokenizer {
    rich: bool,
}

/// Token stream over precomputed terms.
pub struct VnTokenStream {
    terms: std::vec::IntoIter<String>,
    token: TToken,
}

impl Tokenizer for VnTokenizer {
    type TokenStream<'a> = VnTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VnTokenStream {
        VnTokenStream {
            terms: terms_of(&tokens(text), self.rich).into_iter(),
            token: TToken::default(),
        }
    }
}

impl TokenStream for VnTokenStream {
    fn advance(&mut self) -> bool {
        match self.terms.next() {
            Some(t) => {
                // Positions are not used (pairs are terms), so every term gets its own.
                self.token.position = self.token.position.wrapping_add(1);
                self.token.text = t;
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &TToken {
        &self.token
    }

    fn token_mut(&mut self) -> &mut TToken {
        &mut self.token
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Procedure code.
    pub id: String,
    /// Official name.
    pub name: String,
    /// Site-relative URL.
    pub url: String,
    /// Relevance score (higher is better; only comparable within one query).
    pub score: f32,
}

/// An in-memory tantivy index of the procedures.
pub struct Engine {
    index: Index,
    reader: IndexReader,
    fields: [TField; 4],
    id: TField,
    name: TField,
    url: TField,
}

impl Engine {
    /// Indexes `docs` in RAM.
    pub fn new(docs: &[SearchDoc]) -> tantivy::Result<Self> {
        let mut schema = Schema::builder();
        let text = |tokenizer: &str| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(tokenizer)
                    .set_index_option(IndexRecordOption::WithFreqs),
            )
        };
        let fields = Field::ALL.map(|f| {
            let tok = if f.rich() { "vn_rich" } else { "vn_plain" };
            schema.add_text_field(&format!("{f:?}").to_lowercase(), text(tok))
        });
        let id = schema.add_text_field("id", STRING | STORED);
        let name = schema.add_text_field("display_name", STORED);
        let url = schema.add_text_field("url", STORED);
        let index = Index::create_in_ram(schema.build());
        index
            .tokenizers()
            .register("vn_rich", VnTokenizer { rich: true });
        index
            .tokenizers()
            .register("vn_plain", VnTokenizer { rich: false });
        let mut writer = index.writer_with_num_threads(1, 30_000_000)?;
        for d in docs {
            let mut doc = doc!(id => d.id.as_str(), name => d.name.as_str(), url => d.url.as_str());
            for (f, field) in Field::ALL.iter().zip(fields) {
                doc.add_text(field, f.text(d));
            }
            writer.add_document(doc)?;
        }
        writer.commit()?;
        let reader = index.reader()?;
        Ok(Self {
            index,
            reader,
            fields,
            id,
            name,
            url,
        })
    }

    /// The underlying tantivy index.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// `term` in every field (only rich fields hold accented terms and pairs), boosted by
    /// the field weights and `factor`.
    fn across_fields(&self, term: &str, rich_only: bool, factor: f64) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (f, field) in Field::ALL.iter().zip(self.fields) {
            if rich_only && !f.rich() {
                continue;
            }
            let q = TermQuery::new(
                Term::from_field_text(field, term),
                IndexRecordOption::WithFreqs,
            );
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(q), (f.weight() * factor) as f32)),
            ));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    fn known(&self, term: &str) -> tantivy::Result<bool> {
        let searcher = self.reader.searcher();
        for field in self.fields {
            if searcher.doc_freq(&Term::from_field_text(field, term))? > 0 {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Up to [`MAX_EXPANSIONS`] indexed folded words longer than `word` that start with one
    /// of `prefixes` (the last word of a query being typed), in term order.
    fn expansions(&self, word: &str, prefixes: &[String]) -> tantivy::Result<Vec<String>> {
        let searcher = self.reader.searcher();
        let mut found = std::collections::BTreeSet::new();
        for p in prefixes {
            let mut upper = p.as_bytes().to_vec();
            upper.push(0xff); // No UTF-8 text continues with 0xFF: an exclusive upper bound.
            for seg in searcher.segment_readers() {
                for field in self.fields {
                    let inverted = seg.inverted_index(field)?;
                    let mut stream = inverted.terms().range().ge(p).lt(&upper).into_stream()?;
                    while stream.advance() {
                        if let Ok(t) = std::str::from_utf8(stream.key()) {
                            if t != word && !t.contains('_') && fold(t) == t {
                                found.insert(t.to_string());
                            }
                        }
                    }
                }
            }
        }
        Ok(found.into_iter().take(MAX_EXPANSIONS).collect())
    }

    /// The query for `q`; `all` makes the required words mandatory.
    fn query(&self, q: &str, all: bool, prefix: bool) -> tantivy::Result<Option<BooleanQuery>> {
        let qt = query_terms(q, prefix);
        if qt.words.is_empty() {
            return Ok(None);
        }
        // Like the static index: in large catalogues, very common words are not required
        // when a rarer word carries the query.
        let searcher = self.reader.searcher();
        let n = searcher.num_docs() as usize;
        let mut is_common = Vec::with_capacity(qt.words.len());
        for w in &qt.words {
            let mut df = 0;
            if n >= COMMON_MIN_DOCS {
                for field in self.fields {
                    df = df.max(searcher.doc_freq(&Term::from_field_text(field, &w.folded))?);
                }
            }
            is_common.push(df as usize * COMMON_SHARE > n && n >= COMMON_MIN_DOCS);
        }
        let rare = qt
            .words
            .iter()
            .zip(&is_common)
            .any(|(w, c)| !w.optional && !c);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (w, &common) in qt.words.iter().zip(&is_common) {
            let occur = if all && !w.optional && !(common && rare) {
                Occur::Must
            } else {
                Occur::Should
            };
            let word: Box<dyn Query> = if w.fuzzy && !self.known(&w.folded)? {
                let mut fuzzy: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for (f, field) in Field::ALL.iter().zip(self.fields) {
                    let fq = FuzzyTermQuery::new(Term::from_field_text(field, &w.folded), 1, true);
                    fuzzy.push((
                        Occur::Should,
                        Box::new(BoostQuery::new(
                            Box::new(fq),
                            (f.weight() * TYPO_FACTOR) as f32,
                        )),
                    ));
                }
                Box::new(BooleanQuery::new(fuzzy))
            } else if w.prefixes.is_empty() || w.folded.chars().count() < 2 {
                self.across_fields(&w.folded, false, 1.0)
            } else {
                let mut any = vec![(Occur::Should, self.across_fields(&w.folded, false, 1.0))];
                for t in self.expansions(&w.folded, &w.prefixes)? {
                    any.push((Occur::Should, self.across_fields(&t, false, PREFIX_FACTOR)));
                }
                Box::new(BooleanQuery::new(any))
            };
            clauses.push((occur, word));
            if let Some(acc) = &w.accented {
                clauses.push((Occur::Should, self.across_fields(acc, true, ACCENT_BONUS)));
            }
        }
        for p in &qt.pairs {
            clauses.push((Occur::Should, self.across_fields(p, true, PAIR_FACTOR)));
        }
        Ok(Some(BooleanQuery::new(clauses)))
    }

    /// The best `limit` procedures for `q` (all required words must match; if none does,
    /// any word may).
    pub fn search(&self, q: &str, limit: usize) -> Vec<Hit> {
        self.try_search(q, limit).unwrap_or_default()
    }

    /// Like [`Engine::search`] for a query still being typed: the last word also matches
    /// longer words (×0.8), as in the browser.
    pub fn search_prefix(&self, q: &str, limit: usize) -> Vec<Hit> {
        self.run(q, limit, true).unwrap_or_default()
    }

    /// Like [`Engine::search`], reporting index errors.
    pub fn try_search(&self, q: &str, limit: usize) -> tantivy::Result<Vec<Hit>> {
        self.run(q, limit, false)
    }

    fn run(&self, q: &str, limit: usize, prefix: bool) -> tantivy::Result<Vec<Hit>> {
        let searcher = self.reader.searcher();
        for all in [true, false] {
            let Some(query) = self.query(q, all, prefix)? else {
                return Ok(Vec::new());
            };
            let top = searcher.search(&query, &TopDocs::with_limit(limit.max(1)))?;
            if top.is_empty() {
                continue;
            }
            let mut hits = Vec::with_capacity(top.len());
            for (score, addr) in top {
                let doc: TantivyDocument = searcher.doc(addr)?;
                let get = |f| {
                    doc.get_first(f)
                        .and_then(|v| v.as_str())
                        .unwrap_or_default()
                        .to_string()
                };
                hits.push(Hit {
                    id: get(self.id),
                    name: get(self.name),
                    url: get(self.url),
                    score,
                });
            }
            hits.truncate(limit);
            return Ok(hits);
        }
        Ok(Vec::new())
    }
}
