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
// JavaScript); here the visitor picks a day and each row is counted again by the JS twin of
// src/deadline.rs (deadline.js) over the calendar the site publishes.
(function () {
  "use strict";
  var box = document.querySelector(".due-try[data-calendar]");
  if (!box) return;
  var rows = document.querySelectorAll(".due[data-unit]");
  var input = box.querySelector("input[type=date]");
  var calendar = null;
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
        out = e && e.name === "OutsideCalendar" ? "chưa tính được (" + e.message + ")" : "chưa tính được";
      }
      r.textContent = "Nộp ngày " + D.dayVn(day) + " (buổi sáng) → hẹn trả muộn nhất " + out;
    }
  }
  function start() {
    if (!window.MotcuaDeadline || !window.fetch) return;
    // search.js loads data files from disk too (a `build --portable` site); fetch otherwise.
    var S = window.MotcuaSearch, url = box.getAttribute("data-calendar");
    (S ? S.loadData(url) : fetch(url).then(function (r) { return r.json(); }))
      .then(function (cal) {
        calendar = cal;
        box.hidden = false;
        input.addEventListener("change", function () { if (input.value) text(input.value); });
      })
      .catch(function () { /* the build-date text stays */ });
  }
  // deadline.js is a deferred script after this one: wait until every script has run.
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start);
})();
