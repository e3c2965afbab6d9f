// Small progressive enhancements that work without the search bundle.
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () { window.print(); });
  }
})();

// Due dates for another filing day: the page shows them for the build date (without
// JavaScript); here each row is counted again, for the visitor's own today as soon as the
// calendar arrives and for any day they pick, by the JS twin of src/deadline.rs
// (deadline.js) over the calendar the site publishes. A count that runs past the calendar
// reveals the notice saying where it ends.
(function () {
  "use strict";
  var box = document.querySelector(".due-try[data-calendar]");
  if (!box) return;
  var rows = document.querySelectorAll(".due[data-unit]");
  var input = box.querySelector("input[type=date]");
  var notice = document.querySelector("[data-calendar-end]");
  var filedOn = document.querySelectorAll("[data-filed-on]");
  var calendar = null;
  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }
  // The visitor's date, in their own time zone: the day they would walk in.
  function today() {
    var n = new Date();
    return n.getFullYear() + "-" + pad(n.getMonth() + 1) + "-" + pad(n.getDate());
  }
  function text(day) {
    var D = window.MotcuaDeadline;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var limit = {
        unit: r.getAttribute("data-unit"),
        value: r.hasAttribute("data-value") ? parseFloat(r.getAttribute("data-value")) : null,
        cutoff_hour: r.hasAttribute("data-cutoff") ? parseInt(r.getAttribute("data-cutoff"), 10) : null,
      };
      var out;
      try {
        var d = D.due(calendar, box.getAttribute("data-office"), limit, day + " 08:00");
        out = d ? (d.due_time ? D.dayVn(d.due) + " lúc " + d.due_time : "hết ngày " + D.dayVn(d.due)) : "";
      } catch (e) {
        var outside = e && e.name === "OutsideCalendar";
        out = outside ? "chưa tính được (" + e.message + ")" : "chưa tính được";
        if (outside && notice) notice.hidden = false;
      }
      r.textContent = "Nộp ngày " + D.dayVn(day) + " (buổi sáng) → hẹn trả muộn nhất " + out;
    }
    for (var j = 0; j < filedOn.length; j++) filedOn[j].textContent = D.dayVn(day);
  }
  function start() {
    if (!window.MotcuaDeadline || !window.fetch) return;
    // search.js loads data files from disk too (a `build --portable` site); fetch otherwise.
    var S = window.MotcuaSearch, url = box.getAttribute("data-calendar");
    (S ? S.loadData(url) : fetch(url).then(function (r) { return r.json(); }))
      .then(function (cal) {
        calendar = cal;
        box.hidden = false;
        input.value = today();
        text(input.value);
        input.addEventListener("change", function () { if (input.value) text(input.value); });
      })
      .catch(function () { /* the build-date text stays */ });
  }
  // deadline.js is a deferred script after this one: wait until every script has run.
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
})();
