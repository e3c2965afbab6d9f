// The due date of a dossier: the browser twin of src/deadline.rs (same rule, same results;
// both are checked against tests/fixtures/deadline/vectors.tsv). No dependencies. Dates are
// "YYYY-MM-DD" strings and are computed in UTC so the visitor's time zone cannot shift a day.
//
// The rule (sources in src/deadline.rs and the README):
// 1. Filed on a working day at or before the cut-off hour: received that day; after the
//    cut-off, or on a day off: received the next working day.
// 2. The day of receipt is not counted (BLDS 2015 Đ147).
// 3. working_days N: due by the end of the N-th working day after the day of receipt.
// 4. calendar_days N: due by the end of the N-th day after it; a day off moves the end to the
//    next working day (BLDS 2015 Đ148).
// 5. hours N: on the clock from the moment of receipt (from the start of the day when the
//    receipt moved); an end on a day off moves to the end of the next working day.
// 6. immediate: the day of receipt. 7. not_specified: nothing.
var MotcuaDeadline = (function () {
  "use strict";
  var WEEKDAYS = ["Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"];

  function OutsideCalendar(date) {
    this.name = "OutsideCalendar";
    this.date = date;
    this.message = "lịch làm việc chưa có năm " + date.slice(0, 4) + ": chưa tính được hạn";
  }

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }
  function parse(s) {
    var p = s.split("-");
    return Date.UTC(+p[0], +p[1] - 1, +p[2]);
  }
  function fmt(ms) {
    var d = new Date(ms);
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate());
  }
  function addDays(s, n) {
    return fmt(parse(s) + n * 86400000);
  }
  // 1 = Monday … 7 = Sunday, as in the calendar JSON.
  function isoWeekday(s) {
    var w = new Date(parse(s)).getUTCDay();
    return w === 0 ? 7 : w;
  }
  function hasOwn(o, k) {
    return !!o && Object.prototype.hasOwnProperty.call(o, k);
  }

  // What a day is for an office: "working", "rest", "off", "closed" or throws OutsideCalendar.
  function status(cal, office, day) {
    if (cal.years.indexOf(+day.slice(0, 4)) < 0) throw new OutsideCalendar(day);
    if (office && hasOwn(cal.closures, office) && hasOwn(cal.closures[office], day)) return "closed";
    if (hasOwn(cal.days_off, day)) return "off";
    if (hasOwn(cal.working, day)) return "working";
    return cal.rest_weekdays.indexOf(isoWeekday(day)) >= 0 ? "rest" : "working";
  }
  function isWorking(cal, office, day) {
    return status(cal, office, day) === "working";
  }
  function skip(cal, office, day) {
    var s = status(cal, office, day);
    if (s === "closed") return { date: day, kind: "closure", name: cal.closures[office][day] };
    if (s === "off") return { date: day, kind: cal.days_off[day].kind, name: cal.days_off[day].name };
    return { date: day, kind: "rest", name: WEEKDAYS[new Date(parse(day)).getUTCDay()] };
  }
  function nextWorking(cal, office, day, skipped) {
    var d = addDays(day, 1);
    while (!isWorking(cal, office, d)) {
      skipped.push(skip(cal, office, d));
      d = addDays(d, 1);
    }
    return d;
  }
  function settle(cal, office, day, skipped) {
    if (isWorking(cal, office, day)) return day;
    skipped.push(skip(cal, office, day));
    return nextWorking(cal, office, day, skipped);
  }

  // limit: {unit, value, cutoff_hour}; filed: "YYYY-MM-DD HH:MM". Returns null for
  // not_specified, else {received_as, receipt, due, due_time, skipped}; throws OutsideCalendar.
  function due(cal, office, limit, filed) {
    if (limit.unit === "not_specified") return null;
    var amount = 0;
    if (limit.unit !== "immediate") {
      amount = limit.value;
      if (!(typeof amount === "number" && amount > 0 && isFinite(amount))) throw new Error("thời hạn thiếu số lượng");
    }
    var day0 = filed.slice(0, 10);
    var hh = +filed.slice(11, 13);
    var mm = +filed.slice(14, 16);
    var minutesOfDay = hh * 60 + mm;
    var skipped = [];
    var late = limit.cutoff_hour != null && minutesOfDay > limit.cutoff_hour * 60;
    var receipt = !isWorking(cal, office, day0) ? "day_off" : late ? "after_cutoff" : "in_time";
    var receivedAs = receipt === "in_time" ? day0 : nextWorking(cal, office, day0, skipped);
    var date = receivedAs;
    var time = null;
    if (limit.unit === "working_days") {
      var n = Math.ceil(amount);
      for (var i = 0; i < n; i++) date = nextWorking(cal, office, date, skipped);
    } else if (limit.unit === "calendar_days") {
      date = settle(cal, office, addDays(receivedAs, Math.ceil(amount)), skipped);
    } else if (limit.unit === "hours") {
      var startMin = receipt === "in_time" ? minutesOfDay : 0;
      var total = startMin + Math.ceil(amount * 60);
      var days = Math.floor(total / 1440);
      var rem = total % 1440;
      var endDay = addDays(receivedAs, days);
      var endTime = null;
      if (rem === 0) endDay = addDays(endDay, -1);
      else endTime = pad(Math.floor(rem / 60)) + ":" + pad(rem % 60);
      date = settle(cal, office, endDay, skipped);
      time = date === endDay && receipt === "in_time" ? endTime : null;
    }
    return { received_as: receivedAs, receipt: receipt, due: date, due_time: time, skipped: skipped };
  }

  // "thứ Tư, 29/04/2026".
  function dayVn(day) {
    var p = day.split("-");
    return WEEKDAYS[new Date(parse(day)).getUTCDay()] + ", " + p[2] + "/" + p[1] + "/" + p[0];
  }

  return { due: due, dayVn: dayVn, status: status, OutsideCalendar: OutsideCalendar };
})();
if (typeof module !== "undefined") module.exports = MotcuaDeadline;
