// Smoke test of the search form enhancement in search.js against a tiny fake DOM and the
// committed fixture index: results as you type, keyboard navigation, filters, empty state
// and a sub-path base URL.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const root = fileURLToPath(new URL("../../", import.meta.url));
const site = root + "tests/fixtures/search/site/";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class El {
  constructor(tag) {
    Object.assign(this, { tagName: tag, attrs: {}, children: [], listeners: {}, text: "", value: "", hidden: false, open: false });
  }
  setAttribute(k, v) { this.attrs[k] = String(v); if (k === "hidden") this.hidden = true; }
  getAttribute(k) { return k in this.attrs ? this.attrs[k] : null; }
  removeAttribute(k) { delete this.attrs[k]; }
  appendChild(c) { c.parentNode = this; this.children.push(c); return c; }
  insertBefore(c, ref) {
    c.parentNode = this;
    const i = ref ? this.children.indexOf(ref) : -1;
    if (i < 0) this.children.push(c); else this.children.splice(i, 0, c);
  }
  get nextSibling() { const p = this.parentNode; return p ? p.children[p.children.indexOf(this) + 1] || null : null; }
  set textContent(t) { this.children = []; this.text = String(t); }
  get textContent() { return this.text + this.children.map((c) => c.textContent).join(""); }
  get id() { return this.getAttribute("id"); }
  get href() { return this.getAttribute("href"); }
  addEventListener(t, f) { (this.listeners[t] ||= []).push(f); }
  fire(t, ev = {}) { ev.preventDefault = () => { ev.defaultPrevented = true; }; for (const f of this.listeners[t] || []) f(ev); return ev; }
  scrollIntoView() {}
  all(pred, out = []) { for (const c of this.children) if (c instanceof El) { if (pred(c)) out.push(c); c.all(pred, out); } return out; }
  querySelector(sel) {
    const pred = sel === "a" ? (e) => e.tagName === "a" : (e) => e.tagName === "input" && e.getAttribute("name") === "q";
    return this.all(pred)[0] || null;
  }
}

function setup({ staleManifest = false } = {}) {
  const body = new El("body"), form = new El("form"), input = new El("input");
  form.setAttribute("data-search", "");
  form.setAttribute("data-search-base", "/thu-tuc/");
  form.setAttribute("data-sectors-url", "/thu-tuc/linh-vuc/");
  input.setAttribute("name", "q");
  form.appendChild(input);
  body.appendChild(form);
  const fetched = [];
  const location = { search: "", href: "/thu-tuc/tim-kiem/" };
  const ctx = {
    document: {
      readyState: "complete",
      createElement: (t) => new El(t),
      createTextNode: (t) => ({ textContent: t }),
      querySelectorAll: () => [form],
    },
    location,
    URLSearchParams,
    setTimeout,
    clearTimeout,
    fetch: async (url) => {
      fetched.push(url);
      assert.ok(url.startsWith("/thu-tuc/search/"), url);
      let text;
      try {
        text = readFileSync(site + url.slice("/thu-tuc/".length), "utf8");
      } catch {
        return { ok: false, status: 404, json: async () => null };
      }
      if (staleManifest && url.endsWith("/manifest.json")) {
        // The manifest of an earlier build: its hashed shard names no longer exist.
        staleManifest = false;
        const m = JSON.parse(text);
        m.shards = m.shards.map(([key, name]) => [key, "gone-" + name]);
        return { ok: true, status: 200, json: async () => m };
      }
      return { ok: true, status: 200, json: async () => JSON.parse(text) };
    },
  };
  vm.runInNewContext(readFileSync(root + "themes/default/static/js/search.js", "utf8"), ctx);
  return { body, form, input, fetched, location };
}

async function type(input, q) {
  input.value = q;
  input.fire("input");
  await sleep(250);
}

test("results as you type, keyboard navigation, sub-path links", async () => {
  const { body, input, fetched, location } = setup();
  assert.equal(fetched.length, 0, "nothing is fetched before the user searches");
  input.fire("focus");
  await type(input, "lam ho chi");
  const options = body.all((e) => e.getAttribute("role") === "option");
  assert.ok(options.length >= 1);
  assert.equal(options[0].querySelector("a").href, "/thu-tuc/thu-tuc/2-002160/");
  assert.match(options[0].textContent, /Cấp hộ chiếu phổ thông/);
  assert.equal(input.getAttribute("aria-expanded"), "true");
  assert.match(body.all((e) => e.getAttribute("role") === "status")[0].textContent, /thủ tục phù hợp/);
  input.fire("keydown", { key: "ArrowDown" });
  assert.equal(options[0].getAttribute("aria-selected"), "true");
  assert.equal(input.getAttribute("aria-activedescendant"), options[0].id);
  const ev = input.fire("keydown", { key: "Enter" });
  assert.ok(ev.defaultPrevented);
  assert.equal(location.href, "/thu-tuc/thu-tuc/2-002160/");
});

test("empty state links to the sector list", async () => {
  const { body, input } = setup();
  await type(input, "xyzzy");
  const status = body.all((e) => e.getAttribute("role") === "status")[0];
  assert.match(status.textContent, /Không tìm thấy/);
  assert.equal(status.querySelector("a").href, "/thu-tuc/linh-vuc/");
  assert.equal(input.getAttribute("aria-expanded"), "false");
});

test("sector and level filters narrow the results", async () => {
  const { body, input } = setup();
  await type(input, "dang ky");
  const count = () => body.all((e) => e.getAttribute("role") === "option").length;
  const all = count();
  const select = (name) => body.all((e) => e.tagName === "select" && e.getAttribute("name") === name)[0];
  const sector = select("sector");
  const hoTich = sector.children.findIndex((o) => o.textContent === "Hộ tịch") - 1;
  assert.ok(hoTich >= 0, "sectors come from the manifest");
  sector.value = String(hoTich);
  sector.fire("change");
  await sleep(100);
  const options = body.all((e) => e.getAttribute("role") === "option");
  assert.ok(options.length >= 1 && options.length < all, `${options.length} of ${all}`);
  for (const o of options) assert.match(o.textContent, /Hộ tịch/);
  const details = body.all((e) => e.tagName === "details")[0];
  details.open = true;
  details.fire("toggle");
  await sleep(50);
  const level = select("level");
  const tinh = level.children.findIndex((o) => o.textContent === "Cấp tỉnh") - 1;
  assert.ok(tinh >= 0, "levels come from the facets file");
  sector.value = "";
  level.value = String(tinh);
  await type(input, "cap");
  const byLevel = body.all((e) => e.getAttribute("role") === "option");
  assert.ok(byLevel.length >= 1);
  for (const o of byLevel) assert.match(o.textContent, /Cấp tỉnh/);
});

test("a page whose index was replaced by a rebuild reloads the manifest and still finds", async () => {
  const { body, input, fetched } = setup({ staleManifest: true });
  input.fire("focus");
  await type(input, "lam ho chi");
  const options = body.all((e) => e.getAttribute("role") === "option");
  assert.ok(options.length >= 1, "results after starting again from the new manifest");
  assert.match(options[0].textContent, /Cấp hộ chiếu phổ thông/);
  assert.equal(fetched.filter((u) => u.endsWith("/manifest.json")).length, 2);
  const sector = body.all((e) => e.tagName === "select" && e.getAttribute("name") === "sector")[0];
  assert.equal(sector.children.filter((o) => o.textContent === "Tất cả").length, 1, "options not doubled");
  assert.equal(sector.children.filter((o) => o.textContent === "Hộ tịch").length, 1, "options not doubled");
});
