// The gazette annex print page (issue 13): valid HTML by the W3C Nu validator, and it prints
// on A4 portrait without anything wider than the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve, launch, openPage } from "./harness.mjs";

const ROOT = process.env.MOTCUA_SITE_ROOT;
const ANNEX = "cong-bo/2873-qd-ubnd-2025/phu-luc/";
const here = path.dirname(fileURLToPath(import.meta.url));
let server, browser;
before(async () => { server = await serve(ROOT); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test("the annex and decision pages are valid HTML (Nu validator)", () => {
  const jar = path.join(here, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
  const files = [path.join(ROOT, ANNEX, "index.html"), path.join(ROOT, "cong-bo/2873-qd-ubnd-2025/index.html"), path.join(ROOT, "cong-bo/index.html")];
  let out = "";
  try {
    out = execFileSync("java", ["-jar", jar, "--errors-only", "--format", "text", ...files], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    assert.fail(`validator errors:\n${e.stdout}${e.stderr}`);
  }
  assert.equal(out.trim(), "");
});

test("the annex prints on A4 portrait with nothing wider than the page", async () => {
  // A4 is 210 mm, 794 CSS pixels at 96 dpi.
  const { page, context, errors } = await openPage(browser, { width: 794, height: 1123 });
  await page.goto(server.url + "/" + ANNEX);
  await page.emulateMedia({ media: "print" });
  const text = await page.textContent("main");
  for (const needle of ["PHẦN I.", "PHẦN II.", "Mã TTHC", "Thời hạn giải quyết", "Phí, lệ phí", "Căn cứ pháp lý"]) {
    assert.ok(text.includes(needle), `missing "${needle}"`);
  }
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("main *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1)
      .map((el) => el.tagName + (el.className ? "." + el.className : ""));
    return { scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5) };
  });
  assert.ok(overflow.scroll <= overflow.width + 1, `horizontal overflow: ${JSON.stringify(overflow)}`);
  assert.deepEqual(overflow.wide, []);
  const pdf = await page.pdf({ format: "A4", printBackground: false });
  assert.ok(pdf.length > 10_000, "a real PDF");
  assert.deepEqual(errors, []);
  await context.close();
});
