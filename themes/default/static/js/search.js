/* motcua search: the Vietnamese normalizer (twin of src/search/normalize.rs), the static
 * index scorer (twin of src/search/scorer.rs) and a progressively enhanced search form.
 * Keep both twins in step; tests/fixtures/search/vectors.tsv locks the normalizer. */
(function (G) {
  "use strict";
  var TONES = "\u0300\u0301\u0303\u0309\u0323",
    INITIALS = ["ngh", "ng", "gh", "gi", "kh", "nh", "ph", "qu", "th", "tr", "ch", "b", "c", "d", "đ", "g",
      "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""],
    FINALS = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"],
    VOWELS = "aăâeêioôơuưy", HATTED = "ăâêôơư", IY = ["h", "k", "l", "m", "s", "t", "qu"],
    OPTIONAL = ["lam", "cach", "xin", "muon", "toi", "minh", "o", "dau", "nhu", "nao", "sao", "gi", "thu", "tuc"],
    WORD = /[\p{Alphabetic}\p{N}\p{M}]/u, MARKS = /\p{M}/gu, DIGITS = /^[0-9]+$/;

  function lower(s) { return s.normalize("NFC").toLowerCase().replace(/ð/g, "đ"); }
  function foldLower(s) { return s.normalize("NFD").replace(MARKS, "").replace(/đ/g, "d"); }
  function fold(s) { return foldLower(lower(s)); }
  function isWord(c) { return WORD.test(c); }
  function isSpace(c) {
    var n = c.codePointAt(0);
    return (n >= 9 && n <= 13) || n === 32 || n === 0xa0 || n === 0x1680 || (n >= 0x2000 && n <= 0x200a) ||
      n === 0x2028 || n === 0x2029 || n === 0x202f || n === 0x205f || n === 0x3000;
  }
  function parse(b) {
    for (var i = 0; i < INITIALS.length; i++) {
      var ini = INITIALS[i];
      if (b.slice(0, ini.length) !== ini) continue;
      var cs = Array.from(b.slice(ini.length)), n = 0;
      while (n < cs.length && VOWELS.indexOf(cs[n]) >= 0) n++;
      if (n === 0 && (ini === "gi" || ini === "qu")) continue;
      if (n === 0 || n > 3) return null;
      var last = cs.slice(n).join("");
      return FINALS.indexOf(last) >= 0 ? [ini, cs.slice(0, n).join(""), last] : null;
    }
    return null;
  }
  function tonePos(v, closed) {
    for (var k = v.length - 1; k >= 0; k--) if (HATTED.indexOf(v[k]) >= 0) return k;
    return v.length === 1 ? 0 : closed ? v.length - 1 : v.length === 3 ? 1 : 0;
  }
  function syllable(run) {
    var base = "", tone = "", n = 0, acc = run;
    for (var c of run.normalize("NFD")) { if (TONES.indexOf(c) >= 0) { tone = c; n++; } else base += c; }
    var p = parse(base.normalize("NFC"));
    if (p && n <= 1) {
      var v = p[1];
      if (!p[2] && v === "i" && IY.indexOf(p[0]) >= 0) v = "y";
      var vs = Array.from(v), at = tonePos(vs, p[2] !== ""), s = p[0];
      for (var k = 0; k < vs.length; k++) { s += vs[k]; if (k === at) s += tone; }
      acc = (s + p[2]).normalize("NFC");
    }
    return [acc, foldLower(acc)];
  }
  /* Tokens {accented, folded, code, joined} of a text. */
  function tokens(s) {
    var runs = [], gap = "", run = "", out = [];
    for (var c of lower(s)) {
      if (isWord(c)) run += c;
      else { if (run) { runs.push([run, gap]); run = ""; gap = ""; } gap += c; }
    }
    if (run) runs.push([run, gap]);
    for (var i = 0; i < runs.length;) {
      var first = runs[i][0], joined = out.length > 0 && Array.from(runs[i][1]).every(function (c) { return isSpace(c) || c === "-"; });
      if (DIGITS.test(first)) {
        var code = first, j = i + 1;
        while (j < runs.length && runs[j][1] === "." && DIGITS.test(runs[j][0])) { code += "." + runs[j][0]; j++; }
        if (j > i + 1) { out.push({ accented: code, folded: code, code: true, joined: joined }); i = j; continue; }
      }
      var sy = syllable(first);
      out.push({ accented: sy[0], folded: sy[1], code: false, joined: joined });
      i++;
    }
    return out;
  }
  function pair(a, b) { return b.joined && !a.code && !b.code ? a.folded + "_" + b.folded : null; }
  /* Index terms of tokens; rich adds accented forms and pairs. */
  function termsOf(toks, rich) {
    var out = [];
    toks.forEach(function (t, k) {
      out.push(t.folded);
      if (t.code) out.push(t.folded.replace(/\./g, ""));
      if (rich) {
        if (t.accented !== t.folded) out.push(t.accented);
        var p = k > 0 && pair(toks[k - 1], t);
        if (p) out.push(p);
      }
    });
    return out;
  }
  function rawFoldOfLast(q) {
    var cs = Array.from(lower(q)), k = cs.length;
    while (k > 0 && isWord(cs[k - 1])) k--;
    return foldLower(cs.slice(k).join(""));
  }
  /* Normalized query: {words: [{folded, accented, prefixes, optional, fuzzy}], pairs}. */
  function queryTerms(q, prefix) {
    var toks = tokens(q), words = [], pairs = [];
    toks.forEach(function (t, k) {
      var p = k > 0 && pair(toks[k - 1], t);
      if (p && pairs.indexOf(p) < 0) pairs.push(p);
      if (words.some(function (w) { return w.folded === t.folded; })) return;
      words.push({ folded: t.folded, accented: t.accented !== t.folded ? t.accented : null, prefixes: [],
        optional: OPTIONAL.indexOf(t.folded) >= 0, fuzzy: !t.code && Array.from(t.folded).length >= 4 });
    });
    if (words.every(function (w) { return w.optional; })) words.forEach(function (w) { w.optional = false; });
    var cs = Array.from(q), t = toks[toks.length - 1], w = words[words.length - 1];
    if (prefix && cs.length && isWord(cs[cs.length - 1]) && t && t.folded === w.folded) {
      w.prefixes.push(w.folded);
      var typed = rawFoldOfLast(q);
      if (!t.code && typed && typed !== w.folded) w.prefixes.push(typed);
    }
    return { words: words, pairs: pairs };
  }
  function withinOneEdit(a, b) {
    a = Array.from(a); b = Array.from(b);
    var la = a.length, lb = b.length, i = 0, eq = function (x, y) { return x.join() === y.join(); };
    if (Math.abs(la - lb) > 1) return false;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (i === la && i === lb) return true;
    if (la === lb) return eq(a.slice(i + 1), b.slice(i + 1)) ||
      (i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && eq(a.slice(i + 2), b.slice(i + 2)));
    return la > lb ? eq(a.slice(i + 1), b.slice(i)) : eq(a.slice(i), b.slice(i + 1));
  }

  /* ---- Static index (twin of scorer.rs) ---- */
  var PREFIX = 0.8, TYPO = 0.5, ACCENT = 0.5, PAIR = 1, MAX_EXP = 50, MAX_PSHARDS = 1, MAX_TYPO = 3,
    DIG = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
  /* base: URL prefix ending in "/"; load(url) → Promise of parsed JSON. */
  function Index(base, load) { this.base = base; this.load = load; this.files = {}; }
  Index.prototype.get = function (name) {
    var f = this.files;
    // A failed download is forgotten so the next keystroke retries it.
    return f[name] || (f[name] = this.load(this.base + "search/" + name).catch(function (e) { delete f[name]; throw e; }));
  };
  Index.prototype.open = function () {
    var me = this;
    return this.get("manifest.json").then(function (m) {
      if (m.v !== 1 || !(m.rs > 0)) throw new Error("unsupported search index");
      me.m = m;
      return m;
    });
  };
  /* Last shard whose first key is <= key (UTF-16 order; equals Rust's byte order for BMP text). */
  /* Forgets the manifest and every file read: after the site was rebuilt or redeployed, the
     hashed file names this page knew may be gone. */
  Index.prototype.reset = function () { this.files = {}; this.m = null; };
  Index.prototype.shardOf = function (key) {
    var s = this.m.shards, lo = 0, hi = s.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (s[mid][0] <= key) lo = mid + 1; else hi = mid; }
    return lo - 1;
  };
  Index.prototype.shard = function (i) { return this.get("t/" + this.m.shards[i][1] + ".json"); };
  Index.prototype.postings = async function (term) {
    var i = this.shardOf(fold(term));
    if (i < 0) return [];
    var l = (await this.shard(i))[term], nums = [], out = [], doc = 0, acc = 0, mul = 1, k, d;
    if (typeof l !== "string") return out;
    // Varints: 5 bits per digit, least significant first; digits 32-63 continue a number.
    for (k = 0; k < l.length; k++) {
      d = DIG.indexOf(l[k]);
      if (d < 0) throw new Error("bad postings");
      acc += (d & 31) * mul;
      if (d >= 32) mul *= 32; else { nums.push(acc); acc = 0; mul = 1; }
    }
    for (k = 0; k + 1 < nums.length; k += 2) { doc += nums[k]; out.push([doc, nums[k + 1] / this.m.scale]); }
    return out;
  };
  Index.prototype.idf = function (df) { var n = this.m.n; return Math.log(1 + (n - df + 0.5) / (df + 0.5)); };
  /* Terms of shards lo..hi that pass keep, in shard then term order. */
  Index.prototype.scan = async function (lo, hi, keep) {
    var out = [];
    for (var i = lo; i <= Math.min(hi, this.m.shards.length - 1); i++) {
      Object.keys(await this.shard(i)).sort().forEach(function (t) { if (keep(t)) out.push(t); });
    }
    return out;
  };
  Index.prototype.prefixShards = function (p) {
    var s = this.m.shards, lo = this.shardOf(p), hi = lo;
    while (hi + 1 < s.length && hi < lo + MAX_PSHARDS && s[hi + 1][0].slice(0, p.length) === p) hi++;
    return [lo, hi];
  };
  /* Up to MAX_TYPO indexed words one edit away from w, most frequent first. */
  Index.prototype.typoTerms = async function (w) {
    var head = Array.from(w).slice(0, 2).map(function (c) { return c.codePointAt(0).toString(16); }).join("-"),
      name = this.m.vocab + head + ".json", f = this.files;
    if (this.m.heads && this.m.heads.indexOf(head) < 0) return [];
    // A missing vocabulary file just means no candidates.
    var words = await (f[name] || (f[name] = this.load(this.base + "search/" + name).catch(function () { return {}; })));
    return Object.keys(words).filter(function (t) { return withinOneEdit(t, w); })
      .sort(function (a, b) { return words[b] - words[a] || (a < b ? -1 : a > b ? 1 : 0); }).slice(0, MAX_TYPO);
  };
  /* Ranked [[doc, score]] for q. */
  Index.prototype.rank = async function (q, prefix) {
    var qt = queryTerms(q, prefix), m = this.m, common = function (t) { return m.common.indexOf(t) >= 0; };
    // Common words are skipped when a rarer required word carries the query; if that
    // finds nothing, every word is used.
    var rare = qt.words.filter(function (w) { return !common(w.folded); });
    var r, pw = qt.pairs.filter(function (p) { return !common(p); }).map(function (p) {
      return { folded: p, accented: null, prefixes: [], optional: false, fuzzy: false };
    });
    if (rare.length < qt.words.length && rare.some(function (w) { return !w.optional; })) {
      if ((r = await this.rankWords(rare, qt.pairs)).length) return r;
    } else if (rare.every(function (w) { return w.optional; }) && qt.words.length > 1 && pw.length) {
      // Every word is common: the rarer adjacent pairs act as required words.
      if ((r = await this.rankWords(pw, [])).length) return r;
    }
    return this.rankWords(qt.words, qt.pairs);
  };
  Index.prototype.rankWords = async function (words, pairs) {
    var me = this, score = new Map(), matched = new Map(), req = new Map(), fixes = {}, k, j, lh;
    var uni = function (t) { return t.indexOf("_") < 0 && fold(t) === t; };
    var bump = function (m, d) { m.set(d, (m.get(d) || 0) + 1); };
    var bonus = async function (term, f) {
      var l = await me.postings(term), idf = me.idf(l.length);
      l.forEach(function (p) { if (score.has(p[0])) score.set(p[0], score.get(p[0]) + f * idf * p[1]); });
    };
    for (k = 0; k < words.length; k++) {
      var w = words[k], exact = await this.postings(w.folded), vars = [[exact, 1]], terms;
      if (Array.from(w.folded).length >= 2 && w.prefixes.length && (lh = this.prefixShards(w.folded))[0] >= 0) {
        terms = await this.scan(lh[0], lh[1], function (t) {
          return t !== w.folded && uni(t) && w.prefixes.some(function (p) { return t.slice(0, p.length) === p; });
        });
        for (j = 0; j < terms.length && j < MAX_EXP; j++) vars.push([await this.postings(terms[j]), PREFIX]);
      }
      if (!exact.length && vars.length === 1 && w.fuzzy) {
        terms = await this.typoTerms(w.folded);
        if (terms.length) fixes[w.folded] = terms[0];
        for (j = 0; j < terms.length; j++) vars.push([await this.postings(terms[j]), TYPO]);
      }
      var best = new Map();
      vars.forEach(function (v) {
        var idf = me.idf(v[0].length);
        v[0].forEach(function (p) { var s = v[1] * idf * p[1]; if (!best.has(p[0]) || s > best.get(p[0])) best.set(p[0], s); });
      });
      Array.from(best.keys()).sort(function (a, b) { return a - b; }).forEach(function (d) {
        score.set(d, (score.get(d) || 0) + best.get(d));
        bump(matched, d);
        if (!w.optional) bump(req, d);
      });
      if (w.accented) await bonus(w.accented, ACCENT);
    }
    // Pairs use the best correction of a mistyped word; common pairs are skipped.
    var fix = function (x) { return Object.prototype.hasOwnProperty.call(fixes, x) ? fixes[x] : x; };
    for (k = 0; k < pairs.length; k++) {
      var ab = pairs[k].split("_"), p = fix(ab[0]) + "_" + fix(ab[1]);
      if (me.m.common.indexOf(p) < 0) await bonus(p, PAIR);
    }
    var need = words.filter(function (w) { return !w.optional; }).length, all = false, total = words.length || 1, out = [];
    req.forEach(function (c) { if (c === need) all = true; });
    score.forEach(function (s, d) {
      if (all) { if ((req.get(d) || 0) === need) out.push([d, s]); }
      else out.push([d, s * (matched.get(d) || 0) / total]);
    });
    return out.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
  };
  /* Record [id, name, url, sector, levels, agencies, time, fee] of doc number d. */
  Index.prototype.record = async function (d) {
    var rs = this.m.rs;
    return (await this.get(this.m.records + Math.floor(d / rs) + ".json"))[d % rs];
  };
  Index.prototype.sectorOf = function (d) {
    var s = this.m.sectors, k = s.length - 1;
    while (k > 0 && s[k][2] > d) k--;
    return k;
  };

  /* A data file of a `build --portable` site opened from disk, where fetch() is refused:
     its script twin (x.json → x.js) registers the data under the file's site-relative path
     (src/site/portable.rs). url is relative to the page and starts at the site root. */
  function loadScript(url) {
    var key = url.replace(/^(\.\.?\/)+/, ""), R = G.MotcuaData || (G.MotcuaData = {});
    var take = function () { var v = R[key]; delete R[key]; return v; };
    if (Object.prototype.hasOwnProperty.call(R, key)) return Promise.resolve(take());
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = url.replace(/\.json$/, ".js");
      s.onload = function () {
        s.remove();
        if (Object.prototype.hasOwnProperty.call(R, key)) resolve(take()); else reject(new Error(url));
      };
      s.onerror = function () { s.remove(); reject(new Error(url)); };
      document.head.appendChild(s);
    });
  }
  var onDisk = typeof location !== "undefined" && location.protocol === "file:";
  /* Loads a JSON data file of the site: fetch() on a server, the script twin from disk. */
  function loadData(url) {
    if (onDisk) return loadScript(url);
    return fetch(url).then(function (r) { if (!r.ok) throw new Error(url + ": " + r.status); return r.json(); });
  }
  /* A link to a page of the site: from disk no server picks a directory's index.html. */
  function pageUrl(url) { return onDisk && /\/$/.test(url) ? url + "index.html" : url; }

  var api = { fold: fold, tokens: tokens, termsOf: termsOf, queryTerms: queryTerms, withinOneEdit: withinOneEdit, Index: Index,
    loadData: loadData };
  G.MotcuaSearch = api;
  if (typeof document === "undefined") return;

  /* ---- UI ---- */
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var a in attrs || {}) e.setAttribute(a, attrs[a]);
    if (text != null) e.textContent = text;
    return e;
  }
  function enhance(form, n) {
    var input = form.querySelector("input[name=q]");
    if (!input) return;
    var base = form.getAttribute("data-search-base") || "/", id = "search-results-" + n,
      ix = new Index(base, loadData), facets = null, seq = 0, active = -1, timer, opts = [],
      box = el("div", { class: "search-results" }),
      status = el("p", { class: "search-status", role: "status", "aria-live": "polite" }),
      list = el("ul", { id: id, role: "listbox", "aria-label": "Kết quả tìm kiếm" }),
      filters = el("details", { class: "search-filters" }),
      more = el("button", { type: "button", class: "search-more", hidden: "" }, "Xem thêm kết quả"),
      limit = 10, sel = {};
    filters.appendChild(el("summary", null, "Lọc kết quả"));
    [["sector", "Lĩnh vực"], ["level", "Cấp thực hiện"], ["agency", "Cơ quan"], ["channel", "Cách nộp"]].forEach(function (f) {
      var lab = el("label", null, f[1] + " "), s = el("select", { name: f[0] });
      s.appendChild(el("option", { value: "" }, "Tất cả"));
      s.addEventListener("change", run);
      lab.appendChild(s); filters.appendChild(lab); sel[f[0]] = s;
    });
    function fill(s, names) {
      s.textContent = "";
      s.appendChild(el("option", { value: "" }, "Tất cả"));
      names.forEach(function (x, i) { s.appendChild(el("option", { value: String(i) }, x)); });
    }
    function loadFacets() {
      return ix.open().then(function (m) { return ix.get(m.facets); }).then(function (f) {
        fill(sel.level, f.levels); fill(sel.agency, f.agencies); fill(sel.channel, f.channels); return f;
      });
    }
    filters.addEventListener("toggle", function () {
      if (!filters.open || facets) return;
      facets = loadFacets();
    });
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-controls", id);
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("autocomplete", "off");
    box.appendChild(filters); box.appendChild(status); box.appendChild(list); box.appendChild(more);
    more.addEventListener("click", function () { limit += 10; run(); });
    form.parentNode.insertBefore(box, form.nextSibling);
    // The manifest is fetched on first focus, not on page load.
    var primed = null, broken = false;
    function prime() {
      return primed || (primed = ix.open().then(function (m) {
        fill(sel.sector, m.sectors.map(function (s) { return s[1]; }));
        return m;
      }, function (e) { primed = null; throw e; }));
    }
    input.addEventListener("focus", function () { prime().catch(function () {}); });

    function setActive(k) {
      opts.forEach(function (o, i) { o.setAttribute("aria-selected", i === k ? "true" : "false"); });
      active = k;
      if (k >= 0) { input.setAttribute("aria-activedescendant", opts[k].id); opts[k].scrollIntoView({ block: "nearest" }); }
      else input.removeAttribute("aria-activedescendant");
    }
    async function keep(d) {
      var v = function (k) { return sel[k].value === "" ? -1 : +sel[k].value; }, f;
      if (v("sector") >= 0 && ix.sectorOf(d) !== v("sector")) return false;
      if (v("level") < 0 && v("agency") < 0 && v("channel") < 0) return true;
      f = (await facets).d[d];
      return (v("level") < 0 || (f[0] & (1 << v("level")))) && (v("channel") < 0 || (f[1] & (1 << v("channel")))) &&
        (v("agency") < 0 || f.slice(2).indexOf(v("agency")) >= 0);
    }
    async function run(again) {
      var q = input.value, my = ++seq;
      if (!q.trim()) { list.textContent = ""; status.textContent = ""; more.hidden = true; opts = []; input.setAttribute("aria-expanded", "false"); return; }
      try {
        var m = await prime(), ranked = await ix.rank(q, true), hits = [], k;
        for (k = 0; k < ranked.length && hits.length < limit; k++) if (await keep(ranked[k][0])) hits.push(ranked[k][0]);
        var recs = await Promise.all(hits.map(function (d) { return ix.record(d); }));
        if (my !== seq) return;
        list.textContent = "";
        opts = recs.map(function (r, i) {
          var li = el("li", { id: id + "-" + i, role: "option", "aria-selected": "false" }), a = el("a", { href: pageUrl(base + r[2]) }, r[1]);
          li.appendChild(a);
          li.appendChild(el("span", { class: "search-meta" }, [m.sectors[r[3]][1], r[4], r[5], r[6], r[7]].filter(Boolean).join(" · ")));
          list.appendChild(li);
          return li;
        });
        setActive(-1);
        input.setAttribute("aria-expanded", opts.length ? "true" : "false");
        more.hidden = k >= ranked.length;
        if (opts.length) status.textContent = opts.length + (more.hidden ? "" : "+") + " thủ tục phù hợp";
        else {
          status.textContent = "Không tìm thấy thủ tục phù hợp với “" + q.trim() + "”. Hãy thử từ khác, hoặc ";
          status.appendChild(el("a", { href: form.getAttribute("data-sectors-url") || base }, "xem danh mục lĩnh vực"));
          status.appendChild(document.createTextNode("."));
        }
        broken = false;
      } catch (e) {
        if (again !== true && my === seq) {
          // The index may have been replaced since this page loaded it (a rebuild, a
          // deploy): start again from a fresh manifest, once.
          ix.reset(); primed = null;
          if (facets) facets = loadFacets();
          return run(true);
        }
        // Let a plain form submission through while the index cannot be loaded.
        broken = true;
        if (my === seq) status.textContent = "Không tải được dữ liệu tìm kiếm. Vui lòng thử lại.";
      }
    }
    input.addEventListener("input", function () { limit = 10; clearTimeout(timer); timer = setTimeout(run, 150); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        if (!opts.length) return;
        e.preventDefault();
        setActive((active + (e.key === "ArrowDown" ? 1 : opts.length - 1 + (active < 0 ? 1 : 0))) % opts.length);
      } else if (e.key === "Enter" && active >= 0) {
        e.preventDefault();
        location.href = opts[active].querySelector("a").href;
      } else if (e.key === "Escape") { setActive(-1); }
    });
    form.addEventListener("submit", function (e) { if (broken) return; e.preventDefault(); clearTimeout(timer); run(); });
    var q0 = new URLSearchParams(location.search).get("q");
    if (q0) { input.value = q0; run(); }
  }
  function init() { document.querySelectorAll("form[data-search]").forEach(enhance); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})(typeof globalThis !== "undefined" ? globalThis : this);
