// The case picker (issue 14). A procedure's papers are grouped by case ("trường hợp"): each
// group carries data-case="<slug>" (slugs computed in Rust, src/site/plan.rs), papers every
// case needs carry data-common. Without JavaScript every group shows, each case its own
// section. Here the visitor ticks their case(s); only those groups and the common ones stay
// visible, on screen and in print. The choice lives in the URL query (?truong-hop=a,b), so a
// reload, a bookmark or a link staff send keeps it; links marked data-case-link (the page and
// its checklist) carry it along. A data-case-list (papers the office looks up) whose items
// are all hidden is hidden too.
(function () {
  "use strict";
  var picker = document.querySelector("[data-case-picker]");
  if (!picker || !window.URLSearchParams || !window.history || !history.replaceState) return;
  var param = picker.getAttribute("data-param");
  var boxes = picker.querySelectorAll("input[type=checkbox]");
  var groups = document.querySelectorAll("[data-case]");
  var links = document.querySelectorAll("a[data-case-link]");
  // Lists (papers the office looks up) that vanish when every item in them is hidden.
  var lists = document.querySelectorAll("[data-case-list]");
  var summary = document.querySelector("[data-case-summary]");
  var status = picker.querySelector("[data-case-status]");
  var allText = summary ? summary.textContent : "";
  var hrefs = [];
  for (var i = 0; i < links.length; i++) hrefs.push(links[i].getAttribute("href").split(/[?#]/)[0]);

  function label(box) {
    return box.parentNode.textContent.replace(/^\s+|\s+$/g, "");
  }

  // The chosen slugs, in the picker's order (so one choice always gives one URL); slugs the
  // page does not know (an old link after the catalogue changed) are dropped.
  function chosen() {
    var out = [];
    for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) out.push(boxes[i].value);
    return out;
  }

  function fromUrl() {
    var raw = new URLSearchParams(window.location.search).get(param) || "";
    var wanted = raw.split(",");
    for (var i = 0; i < boxes.length; i++) boxes[i].checked = wanted.indexOf(boxes[i].value) >= 0;
  }

  function apply() {
    var picked = chosen();
    var query = picked.length ? "?" + param + "=" + picked.join(",") : "";
    for (var i = 0; i < groups.length; i++) {
      groups[i].hidden = picked.length > 0 && picked.indexOf(groups[i].getAttribute("data-case")) < 0;
    }
    for (var l = 0; l < lists.length; l++) {
      var items = lists[l].querySelectorAll("li");
      var shown = false;
      for (var m = 0; m < items.length; m++) if (!items[m].hidden) shown = true;
      lists[l].hidden = !shown;
    }
    for (var j = 0; j < links.length; j++) links[j].setAttribute("href", hrefs[j] + query);
    var names = [];
    for (var k = 0; k < boxes.length; k++) if (boxes[k].checked) names.push(label(boxes[k]));
    if (summary) summary.textContent = picked.length ? "Trường hợp: " + names.join("; ") : allText;
    if (status) {
      status.textContent = picked.length
        ? "Đang hiện giấy tờ chung và giấy tờ của " + picked.length + " trường hợp đã chọn."
        : "Đang hiện giấy tờ của mọi trường hợp.";
    }
    var url = window.location.pathname + query + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      history.replaceState(history.state, "", url);
    }
  }

  fromUrl();
  for (var b = 0; b < boxes.length; b++) boxes[b].addEventListener("change", apply);
  picker.hidden = false;
  apply();
})();
