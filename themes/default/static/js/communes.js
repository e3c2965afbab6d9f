/* "Tìm xã, phường": filters the list of units as the visitor types. Each unit carries in
 * data-q the folded tokens of its name and of each former unit, names separated by " | "
 * (src/site/pages/communes.rs); the query is folded by the search bundle's normalizer
 * (MotcuaSearch.tokens, the twin of src/search/normalize.rs), so accents are optional. A unit
 * matches when one of its names starts, at a word, with what was typed ("ky d" finds
 * "thị trấn Kỳ Đồng"). Without JavaScript the whole list is shown and the form stays hidden. */
(function () {
  "use strict";
  function init() {
    var form = document.querySelector("form[data-unit-filter]");
    var S = window.MotcuaSearch;
    if (!form || !S) return;
    var input = form.querySelector("input"), status = form.querySelector("[role=status]");
    var items = Array.prototype.slice.call(document.querySelectorAll("ul.units > li[data-q]"));
    var none = document.querySelector(".unit-none");
    var words = items.map(function (li) { return " " + li.getAttribute("data-q"); });
    form.hidden = false;
    function run() {
      var q = S.tokens(input.value).map(function (t) { return t.folded; }).join(" "), shown = 0;
      items.forEach(function (li, i) {
        var ok = !q || words[i].indexOf(" " + q) >= 0;
        li.hidden = !ok;
        if (ok) shown++;
      });
      if (none) none.hidden = shown > 0;
      status.textContent = q.length ? shown + " đơn vị phù hợp" : "";
    }
    input.addEventListener("input", run);
    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    var q0 = new URLSearchParams(location.search).get("q");
    if (q0) { input.value = q0; run(); }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
