//! The listing page (`list.html`) view model shared by sectors, levels, agencies, legal
//! documents, journeys and A–Z, and the procedure cards they list.

use std::collections::HashMap;
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;

use crate::catalogue::model::{Catalogue, HttpUrl, Procedure, Source};
use crate::site::urls::Urls;
use crate::site::views::{card, ProcedureCard};
use crate::text::fold_ascii;

/// A listing page.
#[derive(Debug, Clone, Serialize, Default)]
pub(super) struct ListPage {
    pub(super) title: String,
    pub(super) description: String,
    pub(super) intro: Option<String>,
    pub(super) crumbs: Vec<NamedLink>,
    pub(super) details: Vec<Detail>,
    pub(super) body_html: Option<String>,
    pub(super) links: Vec<NoteLink>,
    pub(super) groups: Vec<Group>,
    pub(super) steps: Vec<JourneyStepView>,
    pub(super) sources: Vec<SourceLink>,
    pub(super) empty: Option<String>,
}

/// A breadcrumb.
#[derive(Debug, Clone, Serialize)]
pub(super) struct NamedLink {
    pub(super) name: String,
    pub(super) url: String,
}

/// A link with a short note (a count, an address).
#[derive(Debug, Clone, Serialize)]
pub(super) struct NoteLink {
    pub(super) name: String,
    pub(super) url: String,
    pub(super) note: Option<String>,
}

/// One labelled fact, perhaps linked to an outside address checked at load.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Detail {
    label: &'static str,
    value: String,
    url: Option<String>,
}

impl Detail {
    /// A fact with no link.
    pub(super) fn text(label: &'static str, value: impl Into<String>) -> Detail {
        Detail {
            label,
            value: value.into(),
            url: None,
        }
    }

    /// A fact linked to a page of the site (`url` from [`crate::site::urls::Urls::link`]).
    pub(super) fn inside(label: &'static str, value: impl Into<String>, url: String) -> Detail {
        Detail {
            label,
            value: value.into(),
            url: Some(url),
        }
    }

    /// A fact linked to an outside address (only a checked [`HttpUrl`] can be one).
    pub(super) fn outside(label: &'static str, value: impl Into<String>, url: &HttpUrl) -> Detail {
        Detail {
            label,
            value: value.into(),
            url: Some(url.to_string()),
        }
    }
}

/// A titled group of procedure cards.
#[derive(Debug, Clone, Serialize)]
pub(super) struct Group {
    pub(super) title: Option<String>,
    pub(super) anchor: String,
    pub(super) items: Vec<ProcedureCard>,
}

/// One step of a journey.
#[derive(Debug, Clone, Serialize)]
pub(super) struct JourneyStepView {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) url: String,
    pub(super) time: Option<String>,
    pub(super) note: Option<String>,
}

/// A source, linked when it has an address.
#[derive(Debug, Clone, Serialize)]
pub(super) struct SourceLink {
    title: String,
    url: Option<HttpUrl>,
}

/// The sources of a record, for the listing template.
pub(super) fn sources(s: &[Source]) -> Vec<SourceLink> {
    s.iter()
        .map(|s| SourceLink {
            title: s.title.clone(),
            url: s.url.clone(),
        })
        .collect()
}

/// A breadcrumb to a fixed page.
pub(super) fn crumb(urls: &Urls, name: &str, rel: &str) -> NamedLink {
    NamedLink {
        name: name.to_string(),
        url: urls.link(rel),
    }
}

type Cards<'a> = HashMap<&'a str, (String, ProcedureCard)>;

/// Every procedure's listing card and sort key, computed once: listings repeat them many
/// times (sector, level, agency, legal document and A–Z pages). Built on first use, so
/// rendering only procedure pages (as `serve` does after an edit) never computes the ten
/// thousand cards.
pub(super) struct CardCache<'a> {
    c: &'a Catalogue,
    urls: &'a Urls,
    by_code: OnceLock<Cards<'a>>,
}

impl<'a> CardCache<'a> {
    pub(super) fn new(c: &'a Catalogue, urls: &'a Urls) -> CardCache<'a> {
        CardCache {
            c,
            urls,
            by_code: OnceLock::new(),
        }
    }

    /// Computes every card in parallel now. Called by the renderer before pages render in
    /// parallel: a rayon task that waits inside `OnceLock::get_or_init` could otherwise be
    /// handed another page of its own pool that needs the same cell.
    pub(super) fn prepare(&self) {
        if self.by_code.get().is_none() {
            let computed = self
                .c
                .procedures
                .par_iter()
                .map(|p| self.entry(p))
                .collect();
            // Only this thread prepares, so the cell is still empty.
            let _ = self.by_code.set(computed);
        }
    }

    fn entry(&self, p: &'a Procedure) -> (&'a str, (String, ProcedureCard)) {
        let key = format!(
            "{}\u{0}{}\u{0}{}",
            fold_ascii(&p.name).to_lowercase(),
            p.name,
            p.code
        );
        (p.code.as_str(), (key, card(self.c, self.urls, p)))
    }

    fn get(&self, code: &str) -> Option<&(String, ProcedureCard)> {
        // Serial on purpose when not prepared (see `prepare`).
        self.by_code
            .get_or_init(|| self.c.procedures.iter().map(|p| self.entry(p)).collect())
            .get(code)
    }

    /// The cards of `items`, sorted by name the Vietnamese way.
    pub(super) fn cards<'p>(
        &self,
        items: impl Iterator<Item = &'p Procedure>,
    ) -> Vec<ProcedureCard> {
        let mut v: Vec<&(String, ProcedureCard)> =
            items.filter_map(|p| self.get(p.code.as_str())).collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v.into_iter().map(|(_, card)| card.clone()).collect()
    }
}
