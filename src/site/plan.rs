//! Planning the visit (issue 14): the cases ("trường hợp") a procedure's papers are grouped
//! by, each with a stable slug the case picker (`themes/default/static/js/cases.js`) reads
//! from and writes to the URL, and the notice shown when the working calendar ends too soon
//! for the due dates to be trusted.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use super::urls::ascii_slug;
use crate::catalogue::calendar::Calendar;
use crate::catalogue::model::PaperGroup;

/// The URL query parameter holding the chosen cases: `giay-to.html?truong-hop=uy-quyen`.
/// A query (not a fragment) so that a link staff send, a bookmark and a reload all keep it.
pub const CASE_PARAM: &str = "truong-hop";

/// Most words of a case's text a slug keeps: enough to tell cases apart and read the link,
/// short enough for a link pasted into a message.
const MAX_WORDS: usize = 8;

/// One case the citizen may pick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseView {
    /// Its slug, unique within the procedure.
    pub slug: String,
    /// Its text as the catalogue writes it.
    pub label: String,
}

/// The words of a case's text as a slug uses them: lowercase ASCII, without the leading
/// "Trường hợp" nearly every case repeats.
fn case_words(text: &str) -> Vec<String> {
    let full = ascii_slug(text);
    let words: Vec<&str> = full.split('-').filter(|w| !w.is_empty()).collect();
    let words = match words.as_slice() {
        ["truong", "hop", rest @ ..] if !rest.is_empty() => rest,
        all => all,
    };
    words.iter().map(|w| w.to_string()).collect()
}

/// The first `n` of `words`, joined by `-`.
fn slug_of(words: &[String], n: usize) -> String {
    let slug = words[..n.min(words.len())].join("-");
    if slug.is_empty() {
        // A case written without a single letter or digit still needs a name in the URL.
        "truong-hop".to_string()
    } else {
        slug
    }
}

/// The text of a group's case, when it has one (blank text means every case, as no text).
fn case_text(g: &PaperGroup) -> Option<&str> {
    g.case.as_deref().map(str::trim).filter(|c| !c.is_empty())
}

/// The cases of a procedure's paper groups, in the order they first appear, each with a slug
/// unique within the procedure; and for each group, the slug of its case (`None`: papers
/// common to every case). Groups with the same case text share one case.
///
/// A slug is the first [`MAX_WORDS`] words of its case, or as many more as it takes to tell
/// it from the procedure's other cases ("dang-ky-thuong-tru-vao-cho-o-hop-phap-thuoc" and
/// "…-hop-phap-khong" rather than a number); cases that still read the same get `-2`, `-3` …
/// in order. The slug depends only on the procedure's case texts, so a link stays valid from
/// build to build until those change.
pub fn cases(groups: &[PaperGroup]) -> (Vec<CaseView>, Vec<Option<String>>) {
    let mut labels: Vec<&str> = Vec::new();
    for text in groups.iter().filter_map(case_text) {
        if !labels.contains(&text) {
            labels.push(text);
        }
    }
    let words: Vec<Vec<String>> = labels.iter().map(|t| case_words(t)).collect();
    let mut cases: Vec<CaseView> = Vec::new();
    for (i, (label, mine)) in labels.iter().zip(&words).enumerate() {
        // The shortest prefix, from MAX_WORDS words, that no other case's words start with.
        let shared = |n: usize| {
            words
                .iter()
                .enumerate()
                .any(|(j, other)| j != i && other.starts_with(&mine[..n.min(mine.len())]))
        };
        let mut n = MAX_WORDS;
        while n < mine.len() && shared(n) {
            n += 1;
        }
        let base = slug_of(mine, n);
        let mut slug = base.clone();
        let mut k = 2;
        while cases.iter().any(|c| c.slug == slug) {
            slug = format!("{base}-{k}");
            k += 1;
        }
        cases.push(CaseView {
            slug,
            label: label.to_string(),
        });
    }
    let per_group = groups
        .iter()
        .map(|g| {
            let text = case_text(g)?;
            cases
                .iter()
                .find(|c| c.label == text)
                .map(|c| c.slug.clone())
        })
        .collect();
    (cases, per_group)
}

/// Groups the indices of `keys` that serialize the same, each group in the order of its first
/// member: on the printed checklist, channels with the same time limits and fees share one
/// line. A key that cannot be serialized stays alone.
pub fn same_groups<K: Serialize>(keys: &[K]) -> Vec<Vec<usize>> {
    let mut groups: Vec<(Option<String>, Vec<usize>)> = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        let k = serde_json::to_string(key).ok();
        match groups.iter_mut().find(|(g, _)| k.is_some() && *g == k) {
            Some((_, members)) => members.push(i),
            None => groups.push((k, vec![i])),
        }
    }
    groups.into_iter().map(|(_, members)| members).collect()
}

/// The notice that the working calendar ends on a given day, shown next to due dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalendarEnd {
    /// The last day the calendar has holidays for, "31/12/2026".
    pub date: String,
    /// True when the build date is within 12 months of that day (or past it): the notice is
    /// shown without JavaScript. Otherwise the page script shows it only when a date it
    /// counts runs past the calendar.
    pub soon: bool,
}

/// How far ahead the calendar must reach for the notice to stay hidden: the horizon of
/// `check`'s `calendar-ends` warning.
const HORIZON_DAYS: i64 = 365;

/// The last day of the calendar's years that run without a gap from `today`'s year (or of
/// its last year, when `today` is outside it), and whether that is within 12 months.
/// `deadline::due` does not count past that day (it returns `OutsideCalendar` rather than
/// guess holidays nobody has announced), so the page must say where the calendar stops.
pub fn calendar_end(cal: &Calendar, today: NaiveDate) -> Option<CalendarEnd> {
    let end = cal.end_from(today).or_else(|| {
        let last = *cal.years.iter().next_back()?;
        NaiveDate::from_ymd_opt(last, 12, 31)
    })?;
    let horizon = today
        .checked_add_signed(Duration::days(HORIZON_DAYS))
        .unwrap_or(today);
    Some(CalendarEnd {
        date: end.format("%d/%m/%Y").to_string(),
        soon: end < horizon || end.year() < today.year(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(case: Option<&str>) -> PaperGroup {
        PaperGroup {
            case: case.map(str::to_string),
            items: Vec::new(),
        }
    }

    /// The slug of a case alone in its procedure.
    fn case_slug(text: &str) -> String {
        cases(&[group(Some(text))]).0[0].slug.clone()
    }

    #[test]
    fn slugs_drop_the_repeated_prefix_and_keep_eight_words() {
        assert_eq!(case_slug("Trường hợp ủy quyền"), "uy-quyen");
        assert_eq!(
            case_slug("Trường hợp khai sinh cho trẻ em sinh ra do mang thai hộ"),
            "khai-sinh-cho-tre-em-sinh-ra-do"
        );
        assert_eq!(
            case_slug("Cha hoặc mẹ hoặc cả cha và mẹ là người nước ngoài"),
            "cha-hoac-me-hoac-ca-cha-va-me"
        );
        assert_eq!(case_slug("Trường hợp"), "truong-hop");
        assert_eq!(case_slug("—"), "truong-hop");
        assert_eq!(
            case_slug("  Đất   ở, đất nông nghiệp "),
            "dat-o-dat-nong-nghiep"
        );
    }

    #[test]
    fn cases_are_grouped_in_order_with_unique_slugs() {
        let groups = [
            group(None),
            group(Some(
                "Trường hợp khai sinh cho trẻ em sinh ra do mang thai hộ",
            )),
            group(Some("Trường hợp ủy quyền")),
            group(Some(
                "Trường hợp khai sinh cho trẻ em sinh ra do mang thai hộ (nộp trực tuyến)",
            )),
            group(Some("Trường hợp ủy quyền")),
            group(Some("  ")),
            group(Some("Khai sinh cho trẻ em sinh ra do người khác mang thai")),
            group(Some("Trường hợp ủy quyền!")),
        ];
        let (cases, per_group) = cases(&groups);
        let slugs: Vec<&str> = cases.iter().map(|c| c.slug.as_str()).collect();
        assert_eq!(
            slugs,
            [
                // All its words: they start the next case's text too.
                "khai-sinh-cho-tre-em-sinh-ra-do-mang-thai-ho",
                "uy-quyen",
                // One word past the case it starts like.
                "khai-sinh-cho-tre-em-sinh-ra-do-mang-thai-ho-nop",
                // Eight words already differ.
                "khai-sinh-cho-tre-em-sinh-ra-do-nguoi",
                // The same words as "Trường hợp ủy quyền": a number.
                "uy-quyen-2",
            ]
        );
        assert_eq!(cases[1].label, "Trường hợp ủy quyền");
        let slug = |s: &str| Some(s.to_string());
        assert_eq!(
            per_group,
            [
                None,
                slug("khai-sinh-cho-tre-em-sinh-ra-do-mang-thai-ho"),
                slug("uy-quyen"),
                slug("khai-sinh-cho-tre-em-sinh-ra-do-mang-thai-ho-nop"),
                slug("uy-quyen"),
                None,
                slug("khai-sinh-cho-tre-em-sinh-ra-do-nguoi"),
                slug("uy-quyen-2"),
            ]
        );
        // The same input gives the same slugs: links staff sent keep working after a rebuild.
        assert_eq!(super::cases(&groups).0, cases);
    }

    #[test]
    fn a_suffixed_slug_never_takes_one_already_used() {
        let groups = [
            group(Some("Ủy quyền 2")),
            group(Some("Ủy quyền")),
            group(Some("Ủy quyền!")),
        ];
        let slugs: Vec<String> = cases(&groups).0.into_iter().map(|c| c.slug).collect();
        assert_eq!(slugs, ["uy-quyen-2", "uy-quyen", "uy-quyen-3"]);
    }

    #[test]
    fn items_that_read_the_same_share_a_group() {
        // Channels by their time limit in working days, then by their names.
        assert_eq!(same_groups(&[7, 5, 7, 5]), [vec![0, 2], vec![1, 3]]);
        assert_eq!(
            same_groups(&["Trực tiếp", "Trực tuyến", "Qua bưu chính"]),
            [[0], [1], [2]]
        );
        assert!(same_groups::<u8>(&[]).is_empty());
    }

    fn calendar(years: &[i32]) -> Calendar {
        Calendar {
            file: "calendar.yaml".into(),
            rest: [false, false, false, false, false, true, true],
            years: years.iter().copied().collect(),
            days_off: Default::default(),
            working: Default::default(),
            closures: Default::default(),
            sources: Vec::new(),
            years_span: Default::default(),
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    #[test]
    fn the_calendar_end_is_near_within_twelve_months() {
        let cal = calendar(&[2025, 2026]);
        let near = calendar_end(&cal, day(2026, 12, 1)).expect("an end");
        assert_eq!(near.date, "31/12/2026");
        assert!(near.soon);
        let far = calendar_end(&calendar(&[2026, 2027]), day(2026, 1, 15)).expect("an end");
        assert_eq!(far.date, "31/12/2027");
        assert!(!far.soon);
        // A build date past the calendar: its last year, and soon.
        let past = calendar_end(&cal, day(2028, 3, 1)).expect("an end");
        assert_eq!(past.date, "31/12/2026");
        assert!(past.soon);
        // A gap: the years counted run from the build date's year without one.
        let gap = calendar_end(&calendar(&[2026, 2028]), day(2026, 2, 1)).expect("an end");
        assert_eq!(gap.date, "31/12/2026");
        assert!(calendar_end(&calendar(&[]), day(2026, 2, 1)).is_none());
    }
}
