//! The due-date rule against the shared vectors (the JS twin reads the same file in
//! tests/js/deadline.test.mjs), and `motcua deadline` run as a binary.

use chrono::{NaiveDate, NaiveDateTime};
use motcua::catalogue::calendar::Calendar;
use motcua::catalogue::model::TimeUnit;
use motcua::catalogue::{load_and_validate, Options};
use motcua::deadline::{self, DeadlineError, Limit};

use crate::support::fixtures;

/// Fewest vectors the shared file must hold.
const MIN_VECTORS: usize = 40;

fn base_calendar() -> Calendar {
    let opts = Options {
        today: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    };
    let (cat, diags) = load_and_validate(&fixtures("base"), &opts);
    assert!(diags.is_empty(), "base fixture: {diags:?}");
    cat.calendar.expect("base fixture has calendar.yaml")
}

fn unit(s: &str) -> TimeUnit {
    match s {
        "working_days" => TimeUnit::WorkingDays,
        "calendar_days" => TimeUnit::CalendarDays,
        "hours" => TimeUnit::Hours,
        "immediate" => TimeUnit::Immediate,
        "not_specified" => TimeUnit::NotSpecified,
        other => panic!("unknown unit {other}"),
    }
}

fn opt(s: &str) -> Option<&str> {
    (s != "-").then_some(s)
}

#[test]
fn rust_rule_matches_every_shared_vector() {
    let cal = base_calendar();
    let text = std::fs::read_to_string(fixtures("deadline/vectors.tsv")).unwrap();
    let rows: Vec<Vec<&str>> = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
        .collect();
    assert!(rows.len() >= MIN_VECTORS, "only {} vectors", rows.len());
    let mut failures = Vec::new();
    for r in &rows {
        assert_eq!(r.len(), 10, "bad row {r:?}");
        let limit = Limit {
            unit: unit(r[2]),
            value: opt(r[3]).map(|v| v.parse().unwrap()),
            cutoff_hour: opt(r[4]).map(|v| v.parse().unwrap()),
        };
        let filed = NaiveDateTime::parse_from_str(r[1], "%Y-%m-%d %H:%M").unwrap();
        let got = match deadline::due(&cal, opt(r[5]), &limit, filed) {
            Ok(None) => ["-".into(), "-".into(), "none".into(), "-".into()],
            Err(DeadlineError::OutsideCalendar(_)) => {
                ["-".into(), "-".into(), "error:outside".into(), "-".into()]
            }
            Err(e) => panic!("{}: {e}", r[0]),
            Ok(Some(d)) => {
                let due = match d.time {
                    Some(t) => format!("{} {}", d.date, t.format("%H:%M")),
                    None => d.date.to_string(),
                };
                let skipped: Vec<String> = d
                    .skipped
                    .iter()
                    .map(|s| format!("{}:{}", s.date, s.kind))
                    .collect();
                [
                    d.received_as.to_string(),
                    d.receipt.code().to_string(),
                    due,
                    if skipped.is_empty() {
                        "-".to_string()
                    } else {
                        skipped.join(",")
                    },
                ]
            }
        };
        let want = [r[6], r[7], r[8], r[9]];
        if got != want {
            failures.push(format!("{}: want {want:?}\n   got {got:?}", r[0]));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The JS twin reads the calendar as JSON: the committed copy must be what the Rust model
/// exports for the base fixture (`MOTCUA_BLESS=1` rewrites it).
#[test]
fn js_calendar_json_is_the_exported_base_calendar() {
    let cal = base_calendar();
    let mut text = serde_json::to_string_pretty(&cal.to_json()).unwrap();
    text.push('\n');
    let path = fixtures("deadline/calendar.json");
    if std::env::var_os("MOTCUA_BLESS").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), text);
}
