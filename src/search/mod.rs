//! Search: one Vietnamese normalizer ([`normalize`]), a sharded static index for the
//! browser ([`shards`]), a Rust port of the browser scorer ([`scorer`]) and a tantivy engine
//! that uses the same normalizer ([`engine`]).
//!
//! Site integration: fill one [`SearchDoc`] per procedure, call
//! [`write_static_index`]`(&docs, out_dir)` (writes `out_dir/search/`), copy
//! `themes/default/static/js/search.js` and `css/search.css`, and render a form such as
//!
//! ```html
//! <form role="search" action="/thu-tuc/tim-kiem/" data-search
//!       data-search-base="/thu-tuc/" data-sectors-url="/thu-tuc/linh-vuc/">
//!   <label for="q">Tìm thủ tục</label> <input id="q" name="q" type="search">
//!   <button>Tìm</button>
//! </form>
//! <script src="/thu-tuc/js/search.js" defer></script>
//! ```
//!
//! `data-search-base` is the site root (it may be a sub-path); record URLs are relative to
//! it. Without JavaScript the form submits normally, so the action page should offer the
//! sector and A–Z listings. Changing the normalizer means updating `search.js` in step and
//! regenerating the vectors (see `normalize`'s tests) and the fixture index
//! (`MOTCUA_UPDATE_FIXTURES=1 cargo test --lib search`).

pub(crate) mod engine;
pub(crate) mod normalize;
pub mod scorer;
pub(crate) mod shards;

#[cfg(test)]
pub(crate) mod fixture;

use serde::{Deserialize, Serialize};

pub use engine::{Engine, Hit};
pub use scorer::search_static;
pub use shards::{write_static_index, Docs, StaticIndexStats};

/// One procedure as the search subsystem sees it; the site builder fills it from the model.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchDoc {
    /// Procedure code, e.g. "1.001193".
    pub id: String,
    /// Official name.
    pub name: String,
    /// Everyday names ("làm giấy khai sinh"); weighted like the name.
    pub keywords: Vec<String>,
    /// Plain-text summary.
    pub summary: String,
    /// Plain text: papers, steps, conditions, result.
    pub body: String,
    /// Sector id ("ho-tich").
    pub sector: String,
    /// Sector display name ("Hộ tịch").
    pub sector_name: String,
    /// Levels, e.g. ["Cấp xã"].
    pub levels: Vec<String>,
    /// Agency display names.
    pub agencies: Vec<String>,
    /// Submission channels, e.g. ["Trực tiếp", "Trực tuyến"].
    pub channels: Vec<String>,
    /// Display text of the shortest processing time, e.g. "Trong ngày".
    pub shortest_time: String,
    /// Display text of the fees, e.g. "Miễn lệ phí".
    pub fee_summary: String,
    /// Site-relative URL without a leading slash, e.g. "thu-tuc/1-001193/".
    pub url: String,
}

/// Searchable fields, in the order used for field ids in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Official name.
    Name,
    /// Procedure code and everyday names.
    Keywords,
    /// Summary, plus sector, agency and level names.
    Summary,
    /// Body text.
    Body,
}

impl Field {
    /// All fields, by id.
    pub const ALL: [Field; 4] = [Field::Name, Field::Keywords, Field::Summary, Field::Body];

    /// Relative weight of a match in this field (shared with the JS scorer via the manifest).
    pub fn weight(self) -> f64 {
        match self {
            Field::Name => 8.0,
            Field::Keywords => 6.0,
            Field::Summary => 2.0,
            Field::Body => 1.0,
        }
    }

    /// Whether accented terms and pairs are indexed for this field (not for the long body,
    /// to keep the static index small).
    pub fn rich(self) -> bool {
        !matches!(self, Field::Body)
    }

    /// The field's text in a document.
    pub fn text(self, d: &SearchDoc) -> String {
        match self {
            Field::Name => d.name.clone(),
            // The code is searchable here; full stops keep pairs from forming across items.
            Field::Keywords => {
                let mut s = d.id.clone();
                for k in &d.keywords {
                    s.push_str(". ");
                    s.push_str(k);
                }
                s
            }
            Field::Summary => {
                let mut s = d.summary.clone();
                for extra in [&d.sector_name]
                    .into_iter()
                    .chain(d.levels.iter())
                    .chain(d.agencies.iter())
                {
                    s.push_str(". ");
                    s.push_str(extra);
                }
                s
            }
            Field::Body => d.body.clone(),
        }
    }
}

#[cfg(test)]
mod tests;
