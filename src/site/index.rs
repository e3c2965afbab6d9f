//! Index stage: the search documents of the catalogue, shared by the browser index and the
//! tantivy engine so that both search exactly the same text.

use std::borrow::Cow;

use super::urls;
use super::views::{channel_name, fee_summary, level_name, shortest_time};
use crate::catalogue::model::{Catalogue, Procedure};
use crate::catalogue::validate::Changed;
use crate::search::{self, SearchDoc};
use crate::text::markdown_text;

/// The search document of one procedure.
pub fn search_doc(c: &Catalogue, p: &Procedure) -> SearchDoc {
    // Reads the parts a summary drops: callers pass `Catalogue::full`'s procedure.
    debug_assert!(!p.is_summary(), "{} is a summary", p.code);
    let mut body = String::new();
    let mut push = |s: &str| {
        if !s.is_empty() {
            body.push_str(s);
            body.push_str(". ");
        }
    };
    push(&p.result.name);
    for a in &p.applicants {
        push(a);
    }
    for g in &p.papers {
        if let Some(case) = &g.case {
            push(case);
        }
        for i in &g.items {
            push(&i.name);
        }
    }
    for k in &p.conditions {
        push(&k.text);
    }
    for s in &p.steps {
        push(&s.title);
        if let Some(t) = &s.text {
            push(&markdown_text(t));
        }
    }
    let agencies: Vec<String> = std::iter::once(&p.agencies.competent)
        .chain(p.agencies.executing.iter())
        .chain(p.offices.iter())
        .filter_map(|id| c.agencies.get(id).map(|a| a.name.clone()))
        .fold(Vec::new(), |mut v, n| {
            if !v.contains(&n) {
                v.push(n);
            }
            v
        });
    let mut keywords = p.keywords.clone();
    keywords.extend(p.old_codes.iter().cloned());
    SearchDoc {
        id: p.code.clone(),
        name: p.name.clone(),
        keywords,
        summary: markdown_text(&p.summary),
        body,
        sector: p.sector.clone(),
        sector_name: c
            .sector(&p.sector)
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        levels: p
            .levels
            .iter()
            .map(|l| level_name(*l).to_string())
            .collect(),
        agencies,
        channels: p
            .channels
            .iter()
            .map(|ch| channel_name(ch.kind).to_string())
            .collect(),
        shortest_time: shortest_time(p),
        fee_summary: fee_summary(p),
        url: urls::procedure(&p.code),
    }
}

/// The search document of procedure `p` as the site indexes it. Abolished procedures stay
/// findable, marked as such, since people still search for them by their old names and need
/// to learn what replaced them.
fn indexed_doc(c: &Catalogue, p: &Procedure) -> SearchDoc {
    let mut d = search_doc(c, p);
    if p.is_abolished() {
        d.shortest_time = "Thủ tục đã bãi bỏ".to_string();
        d.fee_summary = String::new();
    }
    d
}

/// Search documents of every procedure (each read again from its file when the catalogue
/// holds summaries).
pub fn search_docs(c: &Catalogue) -> Result<Vec<SearchDoc>, Changed> {
    c.procedures
        .iter()
        .map(|p| Ok(indexed_doc(c, &*c.full(p)?)))
        .collect()
}

/// The catalogue's procedures as the static index's documents, each computed when the index
/// reads it, so they are never all in memory at once.
struct IndexedDocs<'a>(&'a Catalogue);

impl search::Docs for IndexedDocs<'_> {
    fn count(&self) -> usize {
        self.0.procedures.len()
    }
    fn sort_key(&self, i: usize) -> (&str, &str) {
        let p = &self.0.procedures[i];
        (&p.sector, &p.code)
    }
    fn doc(&self, i: usize) -> std::io::Result<Cow<'_, SearchDoc>> {
        let p = self
            .0
            .full(&self.0.procedures[i])
            .map_err(std::io::Error::other)?;
        Ok(Cow::Owned(indexed_doc(self.0, &p)))
    }
}

/// Builds the browser index, handing each file (relative to the site root) to `put`.
pub fn static_index(
    c: &Catalogue,
    put: &mut dyn FnMut(String, Vec<u8>) -> std::io::Result<()>,
) -> std::io::Result<search::StaticIndexStats> {
    search::shards::build_static_index(&IndexedDocs(c), put)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_computed_per_round_give_the_same_index_as_a_list_of_them() {
        let c = crate::catalogue::testing::shipped(&Default::default());
        let mut streamed = std::collections::BTreeMap::new();
        static_index(&c, &mut |path, bytes| {
            streamed.insert(path, bytes);
            Ok(())
        })
        .expect("index");
        let docs = search_docs(&c).expect("docs");
        let mut listed = std::collections::BTreeMap::new();
        search::shards::build_static_index(&docs[..], &mut |path, bytes| {
            listed.insert(path, bytes);
            Ok(())
        })
        .expect("index");
        assert!(streamed.len() > 3, "{:?}", streamed.keys());
        assert_eq!(streamed, listed);
    }
}
