// A checklist for my case (issue 14): on a real procedure whose papers are grouped by case,
// the visitor picks a case; the page and the printable checklist then show only that case's
// papers and the papers every case needs, the choice survives a reload through the URL, and
// the checklist's due dates for a fixed "today" are what `motcua deadline` computes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { serve, launch, openPage, axe } from "./harness.mjs";

const CODE = "1.001193";
const CASE = "Trường hợp ủy quyền cho người khác đi đăng ký";
const OTHER = "Trường hợp gửi hồ sơ qua bưu chính";

let server, browser;
before(async () => { server = await serve(process.env.MOTCUA_SITE_ROOT); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// The expected papers, from the procedure's published JSON record rather than from the page:
// the groups without a case, and those of the chosen cases.
function expectedPapers(cases) {
  const record = JSON.parse(fs.readFileSync(path.join(process.env.MOTCUA_SITE_ROOT, "thu-tuc", CODE, "index.json"), "utf8")).procedure;
  const names = record.papers.filter((g) => g.case === null || cases.includes(g.case)).flatMap((g) => g.items.map((i) => i.name));
  assert.ok(names.length > 0 && names.length < record.papers.flatMap((g) => g.items).length, "the choice must hide something");
  return names.sort();
}

async function visible(page, selector) {
  const names = await page.locator(selector).evaluateAll((els) => els.filter((e) => e.offsetParent !== null).map((e) => e.textContent.trim()));
  return names.sort();
}

const pagePapers = (page) => visible(page, "#giay-to .paper-name");
// The checklist's labels add " (nếu có)" to papers that are not required.
const checklistPapers = async (page) => (await visible(page, ".ticks label")).map((n) => n.replace(/ \(nếu có\)$/, "")).sort();

async function tick(page, label) {
  await page.locator("[data-case-picker] label", { hasText: label }).locator("input").check();
}

test("picking a case shows its papers and the common ones on the page and the checklist, and survives a reload", async () => {
  const { page, context, errors } = await openPage(browser, { width: 375, height: 800 });
  await page.goto(`${server.url}/thu-tuc/${CODE}/`);
  const picker = page.locator("[data-case-picker]");
  await picker.waitFor({ state: "visible", timeout: 8000 });
  // Nothing picked: every case shows, as without JavaScript.
  const all = await pagePapers(page);
  await tick(page, CASE);
  const want = expectedPapers([CASE]);
  assert.deepEqual(await pagePapers(page), want);
  assert.ok(all.length > want.length);
  const url = new URL(page.url());
  const chosen = url.searchParams.get("truong-hop");
  assert.ok(chosen && !chosen.includes(","), `one case in the URL: ${page.url()}`);
  // A reload keeps the choice.
  await page.reload();
  await picker.waitFor({ state: "visible" });
  assert.deepEqual(await pagePapers(page), want);
  assert.ok(await picker.locator("label", { hasText: CASE }).locator("input").isChecked());

  // The link to the checklist carries the choice.
  await page.locator("a[data-case-link]").click();
  await page.waitForURL(/giay-to\.html\?truong-hop=/);
  await page.locator("[data-case-picker]").waitFor({ state: "visible" });
  assert.deepEqual(await checklistPapers(page), want);
  assert.ok((await page.locator("[data-case-summary]").textContent()).includes(CASE));
  assert.deepEqual(await axe(page), [], "the picker is accessible");
  // Printed, too: hidden groups are not in the print layout.
  await page.emulateMedia({ media: "print" });
  assert.deepEqual(await checklistPapers(page), want);
  await page.emulateMedia({ media: "screen" });

  // A second case on the checklist; a link with both, opened fresh, shows both.
  await tick(page, OTHER);
  const both = expectedPapers([CASE, OTHER]);
  assert.deepEqual(await checklistPapers(page), both);
  const link = page.url();
  assert.match(link, /truong-hop=[a-z0-9-]+,[a-z0-9-]+/);
  const fresh = await context.newPage();
  await fresh.goto(link);
  await fresh.locator("[data-case-picker]").waitFor({ state: "visible" });
  assert.deepEqual(await checklistPapers(fresh), both);
  // Unticking everything shows every case again.
  await fresh.locator("[data-case-picker] input:checked").evaluateAll((els) => els.forEach((e) => e.click()));
  assert.ok(!fresh.url().includes("truong-hop"), fresh.url());
  assert.ok((await checklistPapers(fresh)).length > both.length);
  assert.deepEqual(errors, []);
  await context.close();
});

test("papers the office looks up follow the choice, and their list goes when none is left", async () => {
  const { page, context, errors } = await openPage(browser);
  const base = `${server.url}/thu-tuc/1.004222/giay-to.html?truong-hop=`;
  // Renting: one paper the office looks up. A religious establishment: none.
  await page.goto(base + "dang-ky-thuong-tru-vao-cho-o-hop-phap-do");
  await page.locator("[data-case-picker]").waitFor({ state: "visible", timeout: 8000 });
  assert.equal(await page.locator("[data-case-list] li:visible").count(), 1);
  await page.goto(base + "dang-ky-thuong-tru-tai-co-so-tin");
  await page.locator("[data-case-picker]").waitFor({ state: "visible", timeout: 8000 });
  assert.equal(await page.locator("[data-case-list]").isVisible(), false);
  assert.deepEqual(errors, []);
  await context.close();
});

test("without JavaScript every case is its own section", async () => {
  const { page, context } = await openPage(browser, { javaScriptEnabled: false });
  await page.goto(`${server.url}/thu-tuc/${CODE}/giay-to.html?truong-hop=uy-quyen-cho-nguoi-khac-di-dang-ky`);
  assert.equal(await page.locator("[data-case-picker]").isVisible(), false);
  const headings = await page.locator(".checklist h2").allTextContents();
  assert.ok(headings.includes(CASE) && headings.includes(OTHER), headings.join(" | "));
  assert.equal((await checklistPapers(page)).length, JSON.parse(fs.readFileSync(path.join(process.env.MOTCUA_SITE_ROOT, "thu-tuc", CODE, "index.json"), "utf8")).procedure.papers.flatMap((g) => g.items).length);
  await context.close();
});

function rustDue(kind, from) {
  const out = execFileSync(process.env.MOTCUA_BIN, ["deadline", "--code", CODE, "--channel", kind, "--from", from, "--format", "json", "--catalogue", "catalogue"], { encoding: "utf8" });
  return JSON.parse(out).results.filter((r) => r.due).map((r) => r.due);
}

test("the checklist's due dates for a fixed today are the ones motcua deadline computes", async () => {
  const { page, context, errors } = await openPage(browser);
  // Wednesday 29/4/2026 at noon in Hà Nội: 30/4 and 1/5 are holidays, then a weekend.
  await page.clock.setFixedTime(new Date("2026-04-29T05:00:00Z"));
  await page.goto(`${server.url}/thu-tuc/${CODE}/giay-to.html`);
  await page.locator(".due-try").waitFor({ state: "visible", timeout: 8000 });
  const channels = page.locator("ul.channels > li");
  const n = await channels.count();
  assert.ok(n > 0);
  let compared = 0;
  for (let i = 0; i < n; i++) {
    // Channels with the same time limits and fees share one entry: each must match Rust.
    const li = channels.nth(i);
    const kinds = (await li.getAttribute("data-channels")).split(" ");
    const shown = await li.locator(".due[data-unit]").allTextContents();
    for (const kind of kinds) {
      const rust = rustDue(kind, "2026-04-29 08:00");
      assert.equal(shown.length, rust.length, `${kind}: ${shown.join(" | ")}`);
      shown.forEach((text, j) => {
        const [y, m, d] = rust[j].due.split("-");
        assert.ok(text.startsWith("Nộp ngày thứ Tư, 29/04/2026"), text);
        assert.ok(text.includes(`${d}/${m}/${y}`), `page: ${text}; Rust (${kind}): ${rust[j].due}`);
        compared++;
      });
    }
  }
  assert.ok(compared >= 2);
  // The 1-working-day row skips 30/4, 1/5 and the weekend: the computation really ran.
  assert.ok((await channels.first().textContent()).includes("04/05/2026"));
  assert.deepEqual(errors, []);
  await context.close();
});

// Pages of a PDF as Chromium writes it: one `/Type /Page` object each.
const pdfPages = (pdf) => (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;

test("a typical checklist prints on one A4 page", async () => {
  const { page, context, errors } = await openPage(browser);
  for (const p of [`${CODE}/giay-to.html`, "2.000528/giay-to.html", "1.000894/giay-to.html", "1.004222/giay-to.html?truong-hop=dang-ky-thuong-tru-vao-cho-o-hop-phap-do"]) {
    await page.goto(`${server.url}/thu-tuc/${p}`);
    await page.locator(".due-try").waitFor({ state: "visible", timeout: 8000 });
    assert.equal(pdfPages(await page.pdf({ preferCSSPageSize: true })), 1, p);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("a count past the calendar reveals where the calendar ends", async () => {
  // The base fixture's calendar runs to 31/12/2027, more than 12 months past its build date
  // (1/12/2026): the notice is in the page but hidden. A visitor whose today is 27/12/2027
  // counts 7 working days into 2028, which the calendar does not have.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "motcua-calendar-"));
  const fixture = new URL("../fixtures/base", import.meta.url).pathname;
  execFileSync(process.env.MOTCUA_BIN, ["build", fixture, "-o", path.join(dir, "site"), "--base-url", "http://127.0.0.1/"], { env: { ...process.env, SOURCE_DATE_EPOCH: "1796083200" }, stdio: "ignore" });
  const html = fs.readFileSync(path.join(dir, "site/thu-tuc/1.004222/giay-to.html"), "utf8");
  assert.match(html, /data-calendar-end hidden>/);
  const site = await serve(path.join(dir, "site"));
  const { page, context, errors } = await openPage(browser);
  try {
    await page.clock.setFixedTime(new Date("2027-12-27T05:00:00Z"));
    await page.goto(`${site.url}/thu-tuc/1.004222/giay-to.html`);
    const notice = page.locator("[data-calendar-end]");
    await notice.waitFor({ state: "visible", timeout: 8000 });
    assert.ok((await notice.textContent()).includes("31/12/2027"));
    const due = await page.locator(".due[data-unit]").first().textContent();
    assert.ok(due.includes("27/12/2027") && due.includes("chưa tính được"), due);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    await site.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
