//! The validated catalogue: typed, immutable, with lookup indexes. Later stages (render,
//! index) read only this.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Deref;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::raw;

pub use super::raw::{
    Actor, Amount, AmountWord, ChangeKind, Channel, ChannelKind, Condition, ContactUrl,
    DocumentChange, Fee, FeeKind, FormRef, HttpUrl, JourneyKind, LegalBasis, LegalStatus, Level,
    OnlineLevel, Paper, PaperGroup, PaperHandling, Sector, Source, SourceKind, Step, TimeLimit,
    TimeUnit,
};

/// Site settings (`site.yaml`).
pub type Site = raw::SiteFile;

/// An agency or office, with its id (the file stem).
#[derive(Debug, Clone)]
pub struct Agency {
    /// File stem, used in references.
    pub id: String,
    /// Where it was defined.
    pub file: PathBuf,
    /// Its data as written.
    pub data: raw::AgencyFile,
}

impl Deref for Agency {
    type Target = raw::AgencyFile;
    fn deref(&self) -> &raw::AgencyFile {
        &self.data
    }
}

/// A legal document in the registry.
#[derive(Debug, Clone)]
pub struct LegalDocument {
    /// File stem (used in URLs).
    pub slug: String,
    /// Where it was defined.
    pub file: PathBuf,
    /// Its data as written.
    pub data: raw::LegalDocument,
    /// `in_force_from`, parsed (None when not given or not a valid date).
    pub from: Option<NaiveDate>,
    /// `in_force_until`, parsed (None when not given or not a valid date).
    pub until: Option<NaiveDate>,
}

impl Deref for LegalDocument {
    type Target = raw::LegalDocument;
    fn deref(&self) -> &raw::LegalDocument {
        &self.data
    }
}

impl LegalDocument {
    /// True when the document is in force on `date`: on or after `in_force_from` (when known)
    /// and not after `in_force_until`. A status that ends the document's force without a
    /// last day (already an error in `check`) counts as not in force, so a citation of it is
    /// still reported.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        if self.from.is_some_and(|f| date < f) {
            return false;
        }
        match self.until {
            Some(u) => date <= u,
            None => !self.data.status.ends_force(),
        }
    }
}

/// A procedure with its parsed dates.
#[derive(Debug, Clone)]
pub struct Procedure {
    /// Where it was defined.
    pub file: PathBuf,
    /// Its data as written (validated).
    pub data: raw::ProcedureFile,
    /// `last_verified`, parsed.
    pub last_verified: NaiveDate,
    /// `version.signed`, parsed.
    pub signed: NaiveDate,
    /// `version.effective`, parsed.
    pub effective: Option<NaiveDate>,
    /// Whether `data` is whole or only the summary listings need.
    pub detail: Detail,
}

/// How much of a procedure the catalogue holds. A catalogue of 200,000 procedures does not fit
/// in 2 GiB whole, so `build` can keep only what listings, feeds and cross-references read,
/// and read each file again (with [`Catalogue::full`]) when it writes that procedure's own
/// pages, records and index entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    /// Every field as written.
    Full,
    /// Steps, papers, conditions, result, sources, summary, alert, keywords and applicants
    /// are empty; the legal documents they cite are kept here, for the legal pages.
    Summary {
        /// Every document the whole procedure cites, in [`Procedure::cited_documents`] order.
        cited: Vec<String>,
    },
}

impl Deref for Procedure {
    type Target = raw::ProcedureFile;
    fn deref(&self) -> &raw::ProcedureFile {
        &self.data
    }
}

impl Procedure {
    /// True when the procedure no longer applies.
    pub fn is_abolished(&self) -> bool {
        self.data.version.change == ChangeKind::Abolished
    }

    /// The date the current version took effect, or was signed.
    pub fn changed_on(&self) -> NaiveDate {
        self.effective.unwrap_or(self.signed).max(self.signed)
    }

    /// True when only the summary is held (see [`Detail`]).
    pub fn is_summary(&self) -> bool {
        matches!(self.detail, Detail::Summary { .. })
    }

    /// Every legal document the procedure cites: its legal basis, then per channel the time
    /// limits' and fees' bases, then the papers' bases and form issuers, then the conditions'.
    pub fn cited_documents(&self) -> Vec<&str> {
        if let Detail::Summary { cited } = &self.detail {
            return cited.iter().map(String::as_str).collect();
        }
        let mut docs: Vec<&str> = self
            .legal_basis
            .iter()
            .map(|b| b.document.as_str())
            .collect();
        for ch in &self.channels {
            docs.extend(
                ch.time_limits
                    .iter()
                    .flat_map(|t| t.legal_basis.iter().map(|b| b.document.as_str())),
            );
            docs.extend(
                ch.fees
                    .iter()
                    .flat_map(|f| f.legal_basis.iter().map(|b| b.document.as_str())),
            );
        }
        for g in &self.papers {
            for i in &g.items {
                docs.extend(i.legal_basis.iter().map(|b| b.document.as_str()));
                if let Some(d) = i.form.as_ref().and_then(|f| f.issued_by.as_deref()) {
                    docs.push(d);
                }
            }
        }
        docs.extend(
            self.conditions
                .iter()
                .flat_map(|k| k.legal_basis.iter().map(|b| b.document.as_str())),
        );
        docs
    }

    /// The summary of this procedure: what listings, cards, feeds and the other pages'
    /// cross-references read, without the text only its own outputs show.
    pub fn summarize(mut self) -> Procedure {
        if self.is_summary() {
            return self;
        }
        let cited = self
            .cited_documents()
            .into_iter()
            .map(String::from)
            .collect();
        let d = &mut self.data;
        d.keywords = Vec::new();
        d.summary = String::new();
        d.applicants = Vec::new();
        d.steps = Vec::new();
        d.papers = Vec::new();
        d.conditions = Vec::new();
        d.result = raw::ProcedureResult {
            name: String::new(),
            description: None,
            electronic: false,
        };
        d.sources = Vec::new();
        d.alert = None;
        self.detail = Detail::Summary { cited };
        self
    }
}

/// A life event or liên thông group.
#[derive(Debug, Clone)]
pub struct Journey {
    /// File stem, used in URLs.
    pub id: String,
    /// Where it was defined.
    pub file: PathBuf,
    /// Its data as written.
    pub data: raw::JourneyFile,
}

impl Deref for Journey {
    type Target = raw::JourneyFile;
    fn deref(&self) -> &raw::JourneyFile {
        &self.data
    }
}

/// The whole validated catalogue.
#[derive(Debug, Clone)]
pub struct Catalogue {
    /// The catalogue directory.
    pub root: PathBuf,
    /// Site settings.
    pub site: Site,
    /// Sectors in display order.
    pub sectors: Vec<Sector>,
    /// Agencies by id.
    pub agencies: BTreeMap<String, Agency>,
    /// Legal documents by number.
    pub legal: BTreeMap<String, LegalDocument>,
    /// Procedures sorted by code (shared, so `serve` can keep unchanged ones across edits).
    pub procedures: Vec<std::sync::Arc<Procedure>>,
    /// Journeys sorted by id.
    pub journeys: Vec<Journey>,
    /// Form files (paths relative to the catalogue, `/`-separated).
    pub forms: BTreeSet<String>,
    /// Publishing decisions, oldest first (see `decision::sort`).
    pub decisions: Vec<super::decision::Decision>,
    /// The working calendar (`calendar.yaml`), when the catalogue has one.
    pub calendar: Option<super::calendar::Calendar>,
    /// The commune-level units after the 2025 arrangement (`communes.yaml`), when present.
    pub communes: Option<super::communes::Communes>,
}

impl Catalogue {
    /// A procedure by code.
    pub fn procedure(&self, code: &str) -> Option<&Procedure> {
        self.procedures
            .binary_search_by(|p| p.code.as_str().cmp(code))
            .ok()
            .map(|i| &*self.procedures[i])
    }

    /// A sector by id.
    pub fn sector(&self, id: &str) -> Option<&Sector> {
        self.sectors.iter().find(|s| s.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(status: LegalStatus, from: Option<&str>, until: Option<&str>) -> LegalDocument {
        let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        LegalDocument {
            slug: "x".into(),
            file: PathBuf::from("legal/x.yaml"),
            data: raw::LegalDocument {
                number: "1/2020/QH14".into(),
                kind: "Luật".into(),
                title: "Luật thử".into(),
                issuer: "Quốc hội".into(),
                signed: "2020-01-01".into(),
                in_force_from: from.map(String::from),
                status,
                in_force_until: until.map(String::from),
                replaced_by: None,
                amended_by: Vec::new(),
                url: None,
                sources: Vec::new(),
            },
            from: from.and_then(date),
            until: until.and_then(date),
        }
    }

    fn on(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn in_force_between_first_and_last_day() {
        let d = doc(
            LegalStatus::Replaced,
            Some("2021-07-01"),
            Some("2025-06-30"),
        );
        assert!(!d.in_force_on(on("2021-06-30")));
        assert!(d.in_force_on(on("2021-07-01")));
        assert!(d.in_force_on(on("2025-06-30")));
        assert!(!d.in_force_on(on("2025-07-01")));
    }

    #[test]
    fn a_future_document_is_not_yet_in_force() {
        let d = doc(LegalStatus::InForce, Some("2027-01-01"), None);
        assert!(!d.in_force_on(on("2026-12-01")));
        assert!(d.in_force_on(on("2027-01-01")));
    }

    #[test]
    fn an_ended_status_without_a_last_day_counts_as_not_in_force() {
        assert!(!doc(LegalStatus::Repealed, None, None).in_force_on(on("2026-12-01")));
        assert!(doc(LegalStatus::Amended, None, None).in_force_on(on("2026-12-01")));
    }

    #[test]
    fn a_known_future_end_keeps_the_document_in_force_until_then() {
        let d = doc(LegalStatus::Replaced, None, Some("2027-06-30"));
        assert!(d.in_force_on(on("2026-12-01")));
        assert!(!d.in_force_on(on("2027-07-01")));
    }
}
