//! `motcua deadline`: the date a result is due for a filing moment, from a procedure's time
//! limits (or a number of working days) and the catalogue's calendar.

use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::{EXIT_DATA, EXIT_OK, EXIT_USAGE};
use crate::catalogue::model::{ChannelKind, TimeLimit, TimeUnit};
use crate::catalogue::schema::closest;
use crate::catalogue::{self, Options};
use crate::deadline::{self, day_vn, Due, Limit, Receipt};
use crate::diagnostics::{self, Format};

/// What to count.
#[derive(Debug, Clone)]
pub enum What {
    /// The time limits of a procedure's channel (`None`: in person, else the first channel).
    Procedure {
        /// The procedure code.
        code: String,
        /// The channel.
        channel: Option<ChannelKind>,
    },
    /// A number of working days.
    WorkingDays {
        /// How many.
        days: f64,
        /// The cut-off hour, if any.
        cutoff_hour: Option<u8>,
    },
}

/// The arguments of `motcua deadline`.
#[derive(Debug, Clone)]
pub struct DeadlineArgs<'a> {
    /// The catalogue directory.
    pub catalogue: &'a Path,
    /// What to count.
    pub what: What,
    /// The filing moment as typed (`YYYY-MM-DD HH:MM` or `YYYY-MM-DD`); now when `None`.
    pub from: Option<String>,
    /// The office (agency id) whose closures apply.
    pub office: Option<String>,
    /// JSON instead of text.
    pub json: bool,
}

/// One counted time limit.
struct Row {
    condition: Option<String>,
    limit: Limit,
    counted_from: Option<String>,
    result: Result<Option<Due>, deadline::DeadlineError>,
}

/// Runs `motcua deadline`; returns the exit code.
pub fn run(args: &DeadlineArgs) -> i32 {
    if !args.catalogue.is_dir() {
        eprintln!(
            "error: không tìm thấy thư mục danh mục `{}`\n  gợi ý: chỉ thư mục chứa site.yaml bằng `--catalogue <thư-mục>`",
            args.catalogue.display()
        );
        return EXIT_USAGE;
    }
    let filed = match &args.from {
        Some(s) => match parse_moment(s) {
            Some(m) => m,
            None => {
                eprintln!("error: thời điểm nộp `{s}` không hợp lệ\n  gợi ý: viết dạng \"YYYY-MM-DD HH:MM\", ví dụ --from \"2026-04-29 16:30\"");
                return EXIT_USAGE;
            }
        },
        None => now_in_vietnam(),
    };
    let (cat, diags) = catalogue::load_and_validate(args.catalogue, &Options::default());
    if diags.has_errors() {
        eprint!("{}", diagnostics::render(&diags, Format::Short));
        return EXIT_DATA;
    }
    let Some(cal) = &cat.calendar else {
        eprintln!("error: danh mục chưa có calendar.yaml nên không tính được ngày làm việc\n  gợi ý: tạo calendar.yaml với ngày nghỉ lễ, tết theo thông báo hằng năm (xem README, \"Lịch làm việc\")");
        return EXIT_DATA;
    };
    if let Some(o) = &args.office {
        if !cat.agencies.contains_key(o) {
            let hint = closest(o, cat.agencies.keys().map(String::as_str))
                .map(|c| format!("có phải ý bạn là `{c}`?"))
                .unwrap_or_else(|| "ghi mã cơ quan (tên tệp trong agencies/)".into());
            eprintln!("error: không có cơ quan `{o}` trong danh mục\n  gợi ý: {hint}");
            return EXIT_USAGE;
        }
    }
    let mut header = serde_json::Map::new();
    let (limits, office): (Vec<(TimeLimit, Option<String>)>, Option<String>) = match &args.what {
        What::WorkingDays { days, cutoff_hour } => {
            if !(*days > 0.0 && days.is_finite()) {
                eprintln!("error: số ngày làm việc phải lớn hơn 0");
                return EXIT_USAGE;
            }
            let t = TimeLimit {
                value: Some(*days),
                unit: TimeUnit::WorkingDays,
                counted_from: None,
                cutoff_hour: *cutoff_hour,
                condition: None,
                legal_basis: Vec::new(),
                // A count asked for on the command line: no legal basis is claimed for it.
                unverified: true,
            };
            (vec![(t, None)], args.office.clone())
        }
        What::Procedure { code, channel } => {
            let Some(p) = cat.procedure(code) else {
                let hint = closest(code, cat.procedures.iter().map(|p| p.code.as_str()))
                    .map(|c| format!("có phải ý bạn là `{c}`?"))
                    .unwrap_or_else(|| "dùng `motcua search` để tìm mã thủ tục".into());
                eprintln!("error: không có thủ tục `{code}` trong danh mục\n  gợi ý: {hint}");
                return EXIT_USAGE;
            };
            let ch = match channel {
                Some(k) => p.channels.iter().find(|c| c.kind == *k),
                None => p
                    .channels
                    .iter()
                    .find(|c| c.kind == ChannelKind::InPerson)
                    .or_else(|| p.channels.first()),
            };
            let Some(ch) = ch else {
                let have: Vec<&str> = p.channels.iter().map(|c| c.kind.id()).collect();
                eprintln!(
                    "error: thủ tục `{code}` không có kênh này\n  gợi ý: các kênh có: {}",
                    if have.is_empty() {
                        "không có".to_string()
                    } else {
                        have.join(", ")
                    }
                );
                return EXIT_USAGE;
            };
            // The office whose closures apply: the one asked for, or the procedure's only one.
            let office = args.office.clone().or_else(|| match p.offices.as_slice() {
                [only] => Some(only.clone()),
                _ => None,
            });
            header.insert("code".into(), p.code.clone().into());
            header.insert("name".into(), p.name.clone().into());
            header.insert("channel".into(), ch.kind.id().into());
            (
                ch.time_limits
                    .iter()
                    .map(|t| (t.clone(), t.condition.clone()))
                    .collect(),
                office,
            )
        }
    };
    let rows: Vec<Row> = limits
        .into_iter()
        .map(|(t, condition)| {
            let limit = Limit::from(&t);
            Row {
                condition,
                limit,
                counted_from: t.counted_from.clone(),
                result: deadline::due(cal, office.as_deref(), &limit, filed),
            }
        })
        .collect();
    let failed = rows.iter().any(|r| r.result.is_err());
    if args.json {
        header.insert("office".into(), office.clone().into());
        header.insert(
            "filed".into(),
            filed.format("%Y-%m-%d %H:%M").to_string().into(),
        );
        let results: Vec<serde_json::Value> = rows
            .iter()
            .map(|r| {
                let mut m = serde_json::json!({
                    "condition": r.condition,
                    "unit": r.limit.unit.id(),
                    "value": r.limit.value,
                    "cutoff_hour": r.limit.cutoff_hour,
                });
                match &r.result {
                    Ok(Some(d)) => m["due"] = deadline::to_json(d),
                    Ok(None) => m["due"] = serde_json::Value::Null,
                    Err(e) => m["error"] = e.to_string().into(),
                }
                m
            })
            .collect();
        header.insert("results".into(), results.into());
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::Value::Object(header)).unwrap_or_default()
        );
    } else {
        print!("{}", human(&header, office.as_deref(), filed, &rows, cal));
    }
    if failed {
        EXIT_DATA
    } else {
        EXIT_OK
    }
}

fn human(
    header: &serde_json::Map<String, serde_json::Value>,
    office: Option<&str>,
    filed: NaiveDateTime,
    rows: &[Row],
    cal: &crate::catalogue::calendar::Calendar,
) -> String {
    let mut out = String::new();
    if let (Some(code), Some(name)) = (
        header.get("code").and_then(|v| v.as_str()),
        header.get("name").and_then(|v| v.as_str()),
    ) {
        out.push_str(&format!("Thủ tục {code}: {name}\n"));
    }
    if let Some(ch) = header.get("channel").and_then(|v| v.as_str()) {
        out.push_str(&format!("Kênh: {}\n", channel_vn(ch)));
    }
    if let Some(o) = office {
        out.push_str(&format!("Nơi nộp: {o}\n"));
    }
    out.push_str(&format!(
        "Nộp: {} lúc {}\n",
        day_vn(filed.date()),
        filed.format("%H:%M")
    ));
    for r in rows {
        out.push('\n');
        if let Some(c) = &r.condition {
            out.push_str(&format!("Trường hợp: {c}\n"));
        }
        out.push_str(&format!("Thời hạn: {}", limit_vn(&r.limit)));
        if let Some(f) = &r.counted_from {
            out.push_str(&format!(" ({f})"));
        }
        out.push('\n');
        match &r.result {
            Ok(None) => {
                out.push_str("Văn bản không quy định thời hạn: không tính được ngày hẹn trả.\n")
            }
            Err(e) => {
                let end = cal
                    .end_from(filed.date())
                    .map(|d| format!(" (lịch hiện có đến {})", d.format("%d/%m/%Y")))
                    .unwrap_or_default();
                out.push_str(&format!("Không tính được: {e}{end}.\n"));
            }
            Ok(Some(d)) => {
                match d.receipt {
                    Receipt::InTime => {}
                    Receipt::AfterCutoff => out.push_str(&format!(
                        "Nộp sau {} giờ: tính là nhận ngày {}\n",
                        r.limit.cutoff_hour.unwrap_or_default(),
                        day_vn(d.received_as)
                    )),
                    Receipt::DayOff => out.push_str(&format!(
                        "Nộp vào ngày nghỉ: tính là nhận ngày {}\n",
                        day_vn(d.received_as)
                    )),
                }
                match d.time {
                    Some(t) => out.push_str(&format!(
                        "Hẹn trả muộn nhất: {} ngày {}\n",
                        t.format("%H:%M"),
                        day_vn(d.date)
                    )),
                    None => {
                        out.push_str(&format!("Hẹn trả muộn nhất: hết ngày {}\n", day_vn(d.date)))
                    }
                }
                if !d.skipped.is_empty() {
                    out.push_str("Không tính các ngày:\n");
                    for s in &d.skipped {
                        let why = match s.kind {
                            "rest" => "nghỉ hằng tuần".to_string(),
                            "closure" => format!("cơ quan nghỉ: {}", s.name),
                            _ => s.name.clone(),
                        };
                        out.push_str(&format!("  - {}: {why}\n", day_vn(s.date)));
                    }
                }
            }
        }
    }
    out
}

/// Parses `YYYY-MM-DD HH:MM` (or with `T`), or a date alone (the start of the day).
fn parse_moment(s: &str) -> Option<NaiveDateTime> {
    let s = s.trim();
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"))
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .ok()
                .map(|d| d.and_time(NaiveTime::MIN))
        })
}

/// Now in Vietnam (UTC+7), or `SOURCE_DATE_EPOCH` when set, to the minute.
fn now_in_vietnam() -> NaiveDateTime {
    let secs = crate::catalogue::validate::now_secs();
    chrono::DateTime::from_timestamp(secs - secs.rem_euclid(60) + 7 * 3600, 0)
        .map(|d| d.naive_utc())
        .unwrap_or_default()
}

fn channel_vn(code: &str) -> &'static str {
    match code {
        "in_person" => "trực tiếp",
        "online" => "trực tuyến",
        _ => "bưu chính",
    }
}

fn limit_vn(l: &Limit) -> String {
    let v = l.value.map(|v| v.to_string()).unwrap_or_default();
    let mut s = match l.unit {
        TimeUnit::WorkingDays => format!("{v} ngày làm việc"),
        TimeUnit::CalendarDays => format!("{v} ngày"),
        TimeUnit::Hours => format!("{v} giờ"),
        TimeUnit::Immediate => "giải quyết ngay".to_string(),
        TimeUnit::NotSpecified => "không quy định".to_string(),
    };
    if let Some(h) = l.cutoff_hour {
        s.push_str(&format!(
            "; nhận sau {h} giờ tính từ ngày làm việc tiếp theo"
        ));
    }
    s
}
