//! The due-date rule against the shared vectors (the JS twin reads the same file in
//! tests/js/deadline.test.mjs), and `motcua deadline` run as a binary.

use chrono::{NaiveDate, NaiveDateTime};
use motcua::catalogue::calendar::Calendar;
use motcua::catalogue::model::TimeUnit;
use motcua::catalogue::{load_and_validate, Options};
use motcua::deadline::{self, DeadlineError, Limit};

use crate::support::{fixtures, Fixture};

/// Fewest vectors the shared file must hold.
const MIN_VECTORS: usize = 40;

fn base_calendar() -> Calendar {
    let opts = Options {
        today: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        ..Default::default()
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

fn json(run: &crate::support::Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {run}"))
}

#[test]
fn deadline_command_prints_the_due_date_and_the_skipped_days() {
    let fx = Fixture::base();
    let run = fx.run(&[
        "deadline",
        "--catalogue",
        ".",
        "--code",
        "1.004222",
        "--channel",
        "in_person",
        "--from",
        "2026-04-29 16:30",
    ]);
    run.assert_code(0);
    for line in [
        "Nộp: thứ Tư, 29/04/2026 lúc 16:30",
        "Thời hạn: 7 ngày làm việc",
        "Hẹn trả muộn nhất: hết ngày thứ Ba, 12/05/2026",
        "  - thứ Năm, 30/04/2026: Ngày Chiến thắng",
        "  - thứ Sáu, 01/05/2026: Ngày Quốc tế lao động",
        "  - Chủ nhật, 10/05/2026: nghỉ hằng tuần",
    ] {
        assert!(run.stdout.contains(line), "missing {line:?}\n{run}");
    }
}

#[test]
fn deadline_command_json_for_working_days_and_cutoff() {
    let run = Fixture::base().run(&[
        "deadline",
        "--catalogue",
        ".",
        "--working-days",
        "7",
        "--cutoff-hour",
        "15",
        "--from",
        "2026-04-29 16:30",
        "--format",
        "json",
    ]);
    run.assert_code(0);
    let v = json(&run);
    let due = &v["results"][0]["due"];
    assert_eq!(due["received_as"], "2026-05-04");
    assert_eq!(due["receipt"], "after_cutoff");
    assert_eq!(due["due"], "2026-05-13");
    assert_eq!(due["skipped"].as_array().map(Vec::len), Some(6));
}

#[test]
fn deadline_command_applies_the_procedure_office_closure() {
    // 1.001193 is filed at bo-phan-mot-cua-cap-xa, closed on 14/12/2026 in the base calendar.
    let run = Fixture::base().run(&[
        "deadline",
        "--catalogue",
        ".",
        "--code",
        "1.001193",
        "--from",
        "2026-12-11 16:30",
        "--format",
        "json",
    ]);
    run.assert_code(0);
    let v = json(&run);
    assert_eq!(v["office"], "bo-phan-mot-cua-cap-xa");
    let due = &v["results"][0]["due"];
    assert_eq!(due["due"], "2026-12-15");
    assert_eq!(due["skipped"][2]["kind"], "closure");
}

#[test]
fn deadline_command_errors() {
    let fx = Fixture::base();
    let unknown = fx.run(&["deadline", "--catalogue", ".", "--code", "1.004223"]);
    unknown.assert_code(2);
    assert!(unknown.stderr.contains("`1.004222`"), "{unknown}");
    let bad = fx.run(&[
        "deadline",
        "--catalogue",
        ".",
        "--working-days",
        "3",
        "--from",
        "29/04/2026",
    ]);
    bad.assert_code(2);
    let outside = fx.run(&[
        "deadline",
        "--catalogue",
        ".",
        "--working-days",
        "3",
        "--from",
        "2028-01-03 09:00",
    ]);
    outside.assert_code(1);
    assert!(
        outside.stdout.contains("lịch làm việc chưa có năm 2028"),
        "{outside}"
    );
    let no_calendar = Fixture::base().remove("calendar.yaml").run(&[
        "deadline",
        "--catalogue",
        ".",
        "--working-days",
        "3",
        "--from",
        "2026-04-29 09:00",
    ]);
    no_calendar.assert_code(1);
    assert!(
        no_calendar.stderr.contains("calendar.yaml"),
        "{no_calendar}"
    );
}

#[test]
fn the_procedure_page_shows_the_due_date_the_command_computes() {
    // The build date is fixed by SOURCE_DATE_EPOCH (2026-12-01, a Tuesday); the page counts a
    // morning filing on that day.
    let fixture = Fixture::base();
    let out_dir = tempfile::tempdir().expect("tempdir");
    let out = out_dir.path().join("public");
    fixture
        .run(&["build", ".", "-o", out.to_str().expect("utf-8")])
        .assert_no_errors("build");
    let page = std::fs::read_to_string(out.join("thu-tuc/1.004222/index.html")).expect("page");
    let shown = page
        .split("class=\"due\"")
        .nth(1)
        .and_then(|rest| rest.split_once('>'))
        .and_then(|(_, rest)| rest.split('<').next())
        .expect("a due date on the page")
        .to_string();
    let run = fixture.run(&[
        "deadline",
        "--code",
        "1.004222",
        "--channel",
        "in_person",
        "--from",
        "2026-12-01 08:00",
        "--format",
        "json",
        "--catalogue",
        ".",
    ]);
    let v = json(&run);
    let due = v["results"][0]["due"]["due"].as_str().expect("a due date");
    let date = NaiveDate::parse_from_str(due, "%Y-%m-%d").expect("a date");
    assert!(
        shown.contains(&deadline::day_vn(date)),
        "page says {shown:?}, the command says {due}"
    );
    assert!(shown.contains("thứ Ba, 01/12/2026"), "{shown}");
    assert!(page.contains("Điều 147–148"), "the rule in words");
}
