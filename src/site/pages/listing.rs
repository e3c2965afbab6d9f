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

/// How many cards of each kind (current, abolished) a listing shows in `check`'s sample: two,
/// so a template's first-item and later-item branches (`loop.first`, separators) both run.
const SAMPLE_PER_KIND: usize = 2;

/// Every procedure's listing card and sort key, computed once: listings repeat them many
/// times (sector, level, agency, legal document and A–Z pages). Built on first use, so
/// rendering only procedure pages (as `serve` does after an edit) never computes the ten
/// thousand cards.
pub(super) struct CardCache<'a> {
    c: &'a Catalogue,
    urls: &'a Urls,
    by_code: OnceLock<Cards<'a>>,
    /// `check`'s sample: each listing shows a few of its cards (see [`CardCache::sampling`]).
    sample: bool,
}

impl<'a> CardCache<'a> {
    pub(super) fn new(c: &'a Catalogue, urls: &'a Urls) -> CardCache<'a> {
        CardCache {
            c,
            urls,
            by_code: OnceLock::new(),
            sample: false,
        }
    }

    /// Cards for `check`'s sample, which renders pages only to catch template errors: each
    /// listing gets up to [`SAMPLE_PER_KIND`] current and as many abolished cards, so every
    /// branch of a card the real page takes is taken (and a group or an empty page stays
    /// one), while only these few cards are computed: a level page alone lists thousands.
    pub(super) fn sampling(c: &'a Catalogue, urls: &'a Urls) -> CardCache<'a> {
        CardCache {
            sample: true,
            ..CardCache::new(c, urls)
        }
    }

    /// Computes every card in parallel now. Called by the renderer before pages render in
    /// parallel: a rayon task that waits inside `OnceLock::get_or_init` could otherwise be
    /// handed another page of its own pool that needs the same cell.
    pub(super) fn prepare(&self) {
        if !self.sample && self.by_code.get().is_none() {
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
        (p.code.as_str(), self.keyed(p))
    }

    /// The card of `p` with its sort key.
    fn keyed(&self, p: &Procedure) -> (String, ProcedureCard) {
        let key = format!(
            "{}\u{0}{}\u{0}{}",
            fold_ascii(&p.name).to_lowercase(),
            p.name,
            p.code
        );
        (key, card(self.c, self.urls, p))
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
        if self.sample {
            return self.sample_cards(items);
        }
        let mut v: Vec<&(String, ProcedureCard)> =
            items.filter_map(|p| self.get(p.code.as_str())).collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v.into_iter().map(|(_, card)| card.clone()).collect()
    }

    /// The sampled cards of `items` (see [`CardCache::sampling`]): the first ones of each
    /// kind in the order given, then sorted like a full listing.
    fn sample_cards<'p>(&self, items: impl Iterator<Item = &'p Procedure>) -> Vec<ProcedureCard> {
        let (mut current, mut abolished) = (0, 0);
        let mut picked = Vec::new();
        for p in items {
            let taken = if p.is_abolished() {
                &mut abolished
            } else {
                &mut current
            };
            if *taken < SAMPLE_PER_KIND {
                *taken += 1;
                picked.push(self.keyed(p));
                if current == SAMPLE_PER_KIND && abolished == SAMPLE_PER_KIND {
                    break;
                }
            }
        }
        picked.sort_by(|a, b| a.0.cmp(&b.0));
        picked.into_iter().map(|(_, card)| card).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped catalogue: it has abolished procedures.
    fn shipped() -> Catalogue {
        crate::catalogue::testing::shipped(&Default::default())
    }

    #[test]
    fn a_sampled_listing_keeps_a_few_cards_of_each_kind_in_listing_order() {
        let c = shipped();
        let urls = Urls::new("https://example.org/");
        let (full, sample) = (CardCache::new(&c, &urls), CardCache::sampling(&c, &urls));
        let all: Vec<&Procedure> = c.procedures.iter().map(|p| &**p).collect();
        let abolished: Vec<&Procedure> = all.iter().copied().filter(|p| p.is_abolished()).collect();
        assert!(
            abolished.len() > SAMPLE_PER_KIND,
            "the test needs abolished procedures"
        );

        let cards = sample.cards(all.iter().copied());
        let count = |abolished: bool| cards.iter().filter(|k| k.abolished == abolished).count();
        assert_eq!(
            (count(false), count(true)),
            (SAMPLE_PER_KIND, SAMPLE_PER_KIND)
        );
        // The first ones met, ordered as the full listing orders them.
        let first_abolished: Vec<&str> = abolished[..SAMPLE_PER_KIND]
            .iter()
            .map(|p| p.code.as_str())
            .collect();
        assert!(first_abolished
            .iter()
            .all(|code| cards.iter().any(|k| k.code == *code)));
        let order: Vec<String> = full
            .cards(all.iter().copied())
            .into_iter()
            .map(|k| k.code)
            .filter(|code| cards.iter().any(|k| k.code == *code))
            .collect();
        let sampled: Vec<String> = cards.iter().map(|k| k.code.clone()).collect();
        assert_eq!(sampled, order);

        // A listing of one kind stays of that kind, and an empty one stays empty.
        let only_abolished = sample.cards(abolished.iter().copied());
        assert!(only_abolished.iter().all(|k| k.abolished));
        assert_eq!(only_abolished.len(), SAMPLE_PER_KIND);
        assert!(sample.cards(std::iter::empty()).is_empty());
        // The full cache is untouched by sampling: every card, none left out.
        assert_eq!(full.cards(all.iter().copied()).len(), all.len());
    }
}
