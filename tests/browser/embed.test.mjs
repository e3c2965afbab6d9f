// Embedding one procedure in a portal page, as a CMS would: the fragment pasted into a host
// page with the scoped stylesheet is styled without restyling the host, and the iframe page's
// links open in the top window. The site was built for http://127.0.0.1/ (no port), so those
// absolute links are answered by a route standing in for the published site.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { serve, launch, openPage } from "./harness.mjs";

const ROOT = process.env.MOTCUA_SITE_ROOT;
const CODE = "1.001193";
let server, browser;
before(async () => { server = await serve(ROOT); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function withPublishedSite(page) {
  await page.route("http://127.0.0.1/**", (r) => r.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>trang gốc</title><p>published site</p>" }));
}

test("the fragment pasted into a host page is styled by nhung.css and leaves the host alone", async () => {
  const { page, context, errors } = await openPage(browser);
  await withPublishedSite(page);
  const fragment = fs.readFileSync(path.join(ROOT, "thu-tuc", CODE, "nhung.html"), "utf8");
  await page.goto(server.url + "/robots.txt"); // an origin for the host page
  await page.setContent(`<!doctype html><html lang="vi"><head><title>Cổng tỉnh</title>
    <link rel="stylesheet" href="${server.url}/du-lieu/nhung.css"></head>
    <body><h2 id="host">Tin của cổng</h2><p class="host">Nội dung cổng</p>${fragment}</body></html>`, { waitUntil: "load" });
  const border = await page.$eval(".mc-thu-tuc", (e) => getComputedStyle(e).borderTopStyle);
  assert.equal(border, "solid", "the scoped stylesheet applies to the fragment");
  const hostH2 = await page.$eval("#host", (e) => getComputedStyle(e).fontSize);
  const fragH2 = await page.$eval(".mc-ten", (e) => getComputedStyle(e).fontSize);
  assert.notEqual(hostH2, fragH2, "the fragment's heading rule does not reach the host's h2");
  assert.equal(await page.$$eval("script", (s) => s.length), 0);
  const source = await page.$eval(".mc-nguon", (e) => e.textContent);
  assert.match(source, /Kiểm tra lần cuối/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the iframe page renders in a frame and its links open in the top window", async () => {
  const { page, context, errors } = await openPage(browser);
  await withPublishedSite(page);
  await page.goto(server.url + "/robots.txt"); // an origin for the host page
  await page.setContent(`<!doctype html><html lang="vi"><head><title>Cổng tỉnh</title></head><body>
    <iframe id="f" title="Thủ tục" src="${server.url}/thu-tuc/${CODE}/khung.html" style="width:100%;height:600px;border:0"></iframe></body></html>`,
  { waitUntil: "load" });
  const frame = page.frameLocator("#f");
  const link = frame.locator(".mc-ten a");
  await link.waitFor();
  const border = await frame.locator(".mc-thu-tuc").evaluate((e) => getComputedStyle(e).borderTopStyle);
  assert.equal(border, "solid", "the iframe page loads its stylesheet");
  const href = await link.getAttribute("href");
  await link.click();
  await page.waitForURL(href);
  assert.equal(page.url(), href, "the top window followed the link");
  assert.deepEqual(errors, []);
  await context.close();
});
