//! The date a result is due: one time limit, one filing moment, one calendar.
//!
//! The counting rule (the same in `themes/default/static/js/deadline.js`, checked against the
//! shared vectors in `tests/fixtures/deadline/vectors.tsv`):
//!
//! 1. **When the dossier counts as received.** A dossier received on a working day counts as
//!    received that day; received after the time limit's `cutoff_hour` (later than hh:00), or
//!    on a day the office does not work (weekly rest day, holiday, office closure), it counts as
//!    received on the next working day. (Cut-off: "ngay trong ngày … hoặc trong ngày làm việc
//!    tiếp theo nếu tiếp nhận sau 15 giờ", NĐ 23/2015/NĐ-CP Điều 21 as announced by the
//!    provinces; a day off: nobody receives the dossier until the office opens.)
//! 2. **The day of receipt is not counted** (Bộ luật Dân sự 2015, Điều 147 khoản 2: a period in
//!    days starts on the day after the event).
//! 3. **`working_days` N**: day 1 is the first working day after the day of receipt; the result
//!    is due by the end of working day N. Rest days, holidays, compensatory and bridge days and
//!    the office's closures are skipped; a weekend day worked in exchange for a bridge day
//!    counts. A fraction (0.5) rounds up to a whole day: the latest the result may be due.
//! 4. **`calendar_days` N**: the result is due by the end of the N-th day after the day of
//!    receipt; when that day is a day off, by the end of the next working day (BLDS 2015
//!    Điều 148 khoản 2).
//! 5. **`hours` N**: counted on the clock from the moment of receipt (BLDS 2015 Điều 147
//!    khoản 1), or from the start of the next working day when the receipt moved (rule 1, then
//!    only the date is given). An end on a day off moves to the end of the next working day.
//! 6. **`immediate`**: the day of receipt (so the next working day after the cut-off).
//! 7. **`not_specified`**: nothing is computed.
//!
//! A computation that needs a day the calendar has no year for fails with
//! [`DeadlineError::OutsideCalendar`] rather than guess.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use crate::catalogue::calendar::{weekday_vn, Calendar, DayStatus};
use crate::catalogue::model::{TimeLimit, TimeUnit};

/// What is counted: the unit, the amount and the cut-off hour of one time limit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limit {
    /// The unit.
    pub unit: TimeUnit,
    /// The amount (for working days, calendar days and hours).
    pub value: Option<f64>,
    /// Dossiers received later than this hour count as received the next working day.
    pub cutoff_hour: Option<u8>,
}

impl From<&TimeLimit> for Limit {
    fn from(t: &TimeLimit) -> Limit {
        Limit {
            unit: t.unit,
            value: t.value,
            cutoff_hour: t.cutoff_hour,
        }
    }
}

/// Why the day of receipt is not the filing day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Receipt {
    /// Received on a working day before the cut-off.
    InTime,
    /// Received after the cut-off hour.
    AfterCutoff,
    /// Filed on a day the office does not work.
    DayOff,
}

impl Receipt {
    /// The code used in JSON and the test vectors.
    pub fn code(self) -> &'static str {
        match self {
            Receipt::InTime => "in_time",
            Receipt::AfterCutoff => "after_cutoff",
            Receipt::DayOff => "day_off",
        }
    }
}

/// A day not counted, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The day.
    pub date: NaiveDate,
    /// `rest`, `holiday`, `compensatory`, `bridge` or `closure`.
    pub kind: &'static str,
    /// The weekday, holiday name or closure reason.
    pub name: String,
}

/// A computed due date.
#[derive(Debug, Clone, PartialEq)]
pub struct Due {
    /// When the dossier was filed.
    pub filed: NaiveDateTime,
    /// The day it counts as received.
    pub received_as: NaiveDate,
    /// Why that day differs from the filing day, if it does.
    pub receipt: Receipt,
    /// The result is due by the end of this day…
    pub date: NaiveDate,
    /// …or by this time of it (hour limits counted from the moment of receipt).
    pub time: Option<NaiveTime>,
    /// Days not counted between the filing day and the due date, in order.
    pub skipped: Vec<Skipped>,
}

/// Why no date could be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeadlineError {
    /// The count reached a year the calendar has no data for.
    #[error("lịch làm việc chưa có năm {}: chưa tính được hạn", .0.year())]
    OutsideCalendar(NaiveDate),
    /// A counted unit without a positive amount.
    #[error("thời hạn thiếu số lượng")]
    NoValue,
}

/// Computes when the result of a dossier filed at `filed` at `office` (an agency id, for its
/// closures) is due under `limit`. `Ok(None)` for `not_specified`.
pub fn due(
    cal: &Calendar,
    office: Option<&str>,
    limit: &Limit,
    filed: NaiveDateTime,
) -> Result<Option<Due>, DeadlineError> {
    let amount = match limit.unit {
        TimeUnit::NotSpecified => return Ok(None),
        TimeUnit::Immediate => 0.0,
        _ => match limit.value {
            Some(v) if v > 0.0 && v.is_finite() => v,
            _ => return Err(DeadlineError::NoValue),
        },
    };
    let mut skipped = Vec::new();
    let day0 = filed.date();
    let late = limit.cutoff_hour.is_some_and(|h| {
        filed.time() > NaiveTime::from_hms_opt(u32::from(h), 0, 0).unwrap_or(NaiveTime::MIN)
    });
    let receipt = if !working(cal, office, day0)? {
        Receipt::DayOff
    } else if late {
        Receipt::AfterCutoff
    } else {
        Receipt::InTime
    };
    let received_as = match receipt {
        Receipt::InTime => day0,
        _ => next_working(cal, office, day0, &mut skipped)?,
    };
    let (date, time) = match limit.unit {
        TimeUnit::NotSpecified => return Ok(None),
        TimeUnit::Immediate => (received_as, None),
        TimeUnit::WorkingDays => {
            let n = amount.ceil() as u32;
            let mut day = received_as;
            for _ in 0..n {
                day = next_working(cal, office, day, &mut skipped)?;
            }
            (day, None)
        }
        TimeUnit::CalendarDays => {
            let n = amount.ceil() as i64;
            let end = add_days(received_as, n)?;
            (settle(cal, office, end, &mut skipped)?, None)
        }
        TimeUnit::Hours => {
            let start = match receipt {
                Receipt::InTime => filed,
                _ => received_as.and_time(NaiveTime::MIN),
            };
            let minutes = (amount * 60.0).ceil() as i64;
            let end = start
                .checked_add_signed(Duration::minutes(minutes))
                .ok_or(DeadlineError::OutsideCalendar(day0))?;
            // An end at midnight is the end of the day before.
            let (end_day, end_time) = if end.time() == NaiveTime::MIN {
                (end.date().pred_opt().unwrap_or(end.date()), None)
            } else {
                (end.date(), Some(end.time()))
            };
            let settled = settle(cal, office, end_day, &mut skipped)?;
            let time = if settled == end_day && receipt == Receipt::InTime {
                end_time
            } else {
                None
            };
            (settled, time)
        }
    };
    Ok(Some(Due {
        filed,
        received_as,
        receipt,
        date,
        time,
        skipped,
    }))
}

fn add_days(d: NaiveDate, n: i64) -> Result<NaiveDate, DeadlineError> {
    d.checked_add_signed(Duration::days(n))
        .ok_or(DeadlineError::OutsideCalendar(d))
}

fn working(cal: &Calendar, office: Option<&str>, d: NaiveDate) -> Result<bool, DeadlineError> {
    match cal.status(d, office) {
        DayStatus::Unknown => Err(DeadlineError::OutsideCalendar(d)),
        s => Ok(s.is_working()),
    }
}

/// Why `d` (a day that is not a working day) is skipped.
fn skip(cal: &Calendar, office: Option<&str>, d: NaiveDate) -> Skipped {
    let (kind, name) = match cal.status(d, office) {
        DayStatus::Off(o) => (o.kind.code(), o.name.clone()),
        DayStatus::Closed(r) => ("closure", r.to_string()),
        _ => ("rest", weekday_vn(d.weekday()).to_string()),
    };
    Skipped {
        date: d,
        kind,
        name,
    }
}

/// The first working day after `d`, noting the days passed over.
fn next_working(
    cal: &Calendar,
    office: Option<&str>,
    d: NaiveDate,
    skipped: &mut Vec<Skipped>,
) -> Result<NaiveDate, DeadlineError> {
    let mut day = add_days(d, 1)?;
    while !working(cal, office, day)? {
        skipped.push(skip(cal, office, day));
        day = add_days(day, 1)?;
    }
    Ok(day)
}

/// `d` when it is a working day, else the next working day (BLDS 2015 Điều 148 khoản 2).
fn settle(
    cal: &Calendar,
    office: Option<&str>,
    d: NaiveDate,
    skipped: &mut Vec<Skipped>,
) -> Result<NaiveDate, DeadlineError> {
    if working(cal, office, d)? {
        return Ok(d);
    }
    skipped.push(skip(cal, office, d));
    next_working(cal, office, d, skipped)
}

/// "thứ Tư, 29/04/2026".
pub fn day_vn(d: NaiveDate) -> String {
    format!("{}, {}", weekday_vn(d.weekday()), d.format("%d/%m/%Y"))
}

/// The due date as JSON (for `motcua deadline --format json` and the tests).
pub fn to_json(d: &Due) -> serde_json::Value {
    serde_json::json!({
        "filed": d.filed.format("%Y-%m-%d %H:%M").to_string(),
        "received_as": d.received_as.to_string(),
        "receipt": d.receipt.code(),
        "due": d.date.to_string(),
        "due_time": d.time.map(|t| format!("{:02}:{:02}", t.hour(), t.minute())),
        "skipped": d.skipped.iter().map(|s| serde_json::json!({
            "date": s.date.to_string(),
            "kind": s.kind,
            "name": s.name,
        })).collect::<Vec<_>>(),
    })
}
