//! Which output files depend on a procedure, so `serve` can re-render only those after an edit.
//!
//! The rules mirror `render::page_jobs`: a procedure appears on its own pages, on the listings
//! that contain it, on the pages of the agencies, documents and journeys it is linked to, and on
//! the pages of procedures whose version history names it.

use std::collections::BTreeSet;

use super::pages;
use super::render::cited_documents;
use crate::catalogue::model::{Catalogue, Procedure};

/// Output files (site-relative, e.g. `linh-vuc/ho-tich/index.html`) whose contents depend on the
/// procedure `code` as it is in `c`. Empty when `c` has no such procedure, except for the pages
/// of other procedures that name it.
pub fn procedure_dependents(c: &Catalogue, code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut page = |dir: String| {
        out.insert(pages::file_for(&dir));
    };
    // Other procedures link to it by name from their version history (replaces / replaced_by).
    for other in &c.procedures {
        let v = &other.version;
        if other.code != code
            && (v.replaces.iter().any(|r| r == code) || v.replaced_by.as_deref() == Some(code))
        {
            page(pages::procedure(&other.code));
            page(pages::checklist(&other.code));
        }
    }
    let Some(p) = c.procedure(code) else {
        return out;
    };
    page(pages::procedure(code));
    page(pages::checklist(code));
    for fixed in [pages::HOME, pages::SECTORS, pages::LEVELS, pages::AZ] {
        page(fixed.to_string());
    }
    page(pages::sector(&p.sector));
    for l in &p.levels {
        page(pages::level(*l));
    }
    for id in agency_ids(p) {
        if c.agencies.contains_key(id) {
            page(pages::agency(id));
        }
    }
    for doc in cited_documents(p) {
        if let Some(d) = c.legal.get(doc) {
            page(pages::legal(&d.number));
        }
    }
    for j in &c.journeys {
        if j.steps.iter().any(|s| s.procedure == code) {
            page(pages::journey(&j.id));
        }
    }
    out.insert(pages::procedure_json(code));
    out
}

/// Every agency id a procedure refers to.
fn agency_ids(p: &Procedure) -> impl Iterator<Item = &str> {
    let a = &p.agencies;
    std::iter::once(a.competent.as_str())
        .chain(a.executing.iter().map(String::as_str))
        .chain(a.delegated.iter().map(String::as_str))
        .chain(a.coordinating.iter().map(String::as_str))
        .chain(p.offices.iter().map(String::as_str))
}

/// The procedure levels in use, which decide which level pages exist.
pub fn levels_in_use(c: &Catalogue) -> BTreeSet<crate::catalogue::model::Level> {
    c.procedures
        .iter()
        .flat_map(|p| p.levels.iter().copied())
        .collect()
}
