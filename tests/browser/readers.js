/*
 * Marquee's site as its three readers see it, in Debian's Chromium (driven
 * by playwright-core, pinned in package-lock.json): the manager on a
 * desktop, a visitor on a phone, and the cinema's own website holding an
 * embed. Run by tests/e2e/browser.sh, which builds the sites and serves
 * them on 127.0.0.1.
 *
 * Environment:
 *   SITES   JSON: [{ "lang": "en", "base": "http://127.0.0.1:PORT/" }, ...]
 *   SHOTS   optional folder for screenshots (light and dark, desktop and phone)
 *   TMDB    "no" when the data is not from TMDB: no page may credit it
 *
 * Checks, for each language and width: the page body never overflows
 * sideways; every chart's title is visible; no TMDB credit without TMDB
 * data; every embed fits its frame within a few pixels after load, taller
 * and shorter, and shows no figure of the cinema's business or the model;
 * the films' search finds a film typed without accents, with its similar
 * films, and every link leads to a page.
 * Prints one line per failure and exits 1 when there is any.
 */
"use strict";
const http = require("http");
const path = require("path");
const { chromium } = require("playwright-core");

const SITES = JSON.parse(process.env.SITES || "[]");
const SHOTS = process.env.SHOTS || "";
const NO_TMDB = process.env.TMDB === "no";
const WIDTHS = [
  { name: "desktop", viewport: { width: 1280, height: 800 }, isMobile: false },
  { name: "phone", viewport: { width: 390, height: 844 }, isMobile: true },
];
const failures = [];

function fail(where, what) {
  failures.push(`${where}: ${what}`);
  console.log(`FAIL ${where}: ${what}`);
}

/* Words that only the cinema's business or the model's outputs use. */
const BUSINESS_WORDS = {
  en: [/predict/i, /expected/i, /revenue/i, /profit/i, /interval/i, /\bshare\b/i, /fixed cost/i,
       /admissions/i, /occupancy/i, /gross/i, /\bEUR\b/, /\bUSD\b/, /%/],
  fr: [/prévu/i, /prévision/i, /attendu/i, /recette/i, /bénéfice/i, /intervalle/i, /\bpart\b/i,
       /coûts/i, /entrées/i, /remplissage/i, /\bEUR\b/, /\bUSD\b/, /%/],
};

/* A figure as the pages may write it: 19,019,332 / 19 019 332 / 19019332. */
function spellings(x) {
  const whole = Math.round(x);
  if (!Number.isFinite(whole) || Math.abs(whole) < 1000) return [];
  const digits = String(Math.abs(whole));
  const group = (sep) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return [digits, group(","), group("\u202f"), group(" ")];
}

/* Every figure of a week that only the manager may see. */
function businessFigures(week) {
  const figures = [];
  for (const p of week.picks || [])
    for (const k of ["predicted", "lower", "upper", "expected_attendance", "expected_revenue", "capacity"])
      if (typeof p[k] === "number") figures.push(...spellings(p[k]));
  for (const c of week.candidates || [])
    for (const k of ["predicted", "lower", "upper", "expected_revenue"])
      if (typeof c[k] === "number") figures.push(...spellings(c[k]));
  const e = week.economics || {};
  for (const k of ["expected_revenue", "expected_profit", "fixed_costs"])
    if (typeof e[k] === "number") figures.push(...spellings(e[k]));
  return figures;
}

async function shot(page, name) {
  if (!SHOTS) return;
  await page.screenshot({ path: path.join(SHOTS, name + ".png"), fullPage: true });
}

/* The reader's page: no sideways overflow, visible chart titles, no TMDB. */
async function checkPage(page, where) {
  const overflow = await page.evaluate(() => {
    const root = document.documentElement;
    return { scroll: root.scrollWidth, width: window.innerWidth };
  });
  if (overflow.scroll > overflow.width + 1)
    fail(where, `the page is ${overflow.scroll}px wide in a ${overflow.width}px window`);
  const charts = await page.evaluate(() =>
    Array.from(document.querySelectorAll("figure.chart")).map((f) => {
      const t = f.querySelector("figcaption .chart-title");
      if (!t) return { id: f.id, missing: true };
      const r = t.getBoundingClientRect(), s = getComputedStyle(t);
      return {
        id: f.id, text: t.textContent.trim(), width: r.width, height: r.height, left: r.left,
        right: r.right, shown: s.display !== "none" && s.visibility === "visible" && Number(s.opacity) > 0,
        labelled: f.querySelector("svg[role=img]")?.getAttribute("aria-labelledby") === t.id,
      };
    }));
  for (const c of charts) {
    if (c.missing) { fail(where, `${c.id}: no visible title (figcaption)`); continue; }
    if (!c.text || !c.shown || c.width < 1 || c.height < 1 || c.left < 0 || c.right > overflow.width + 1)
      fail(where, `${c.id}: its title "${c.text}" is not visible`);
    if (!c.labelled) fail(where, `${c.id}: the drawing is not named by its title`);
  }
  if (NO_TMDB) {
    const credit = await page.evaluate(() =>
      document.querySelector('a[href*="themoviedb.org"]') !== null || /\bTMDB\b/.test(document.body.innerText));
    if (credit) fail(where, "credits TMDB, whose data it does not show");
  }
  return charts.length;
}

/* A host page, as the cinema's website, on another origin, with the snippet. */
function hostServer(snippets) {
  const server = http.createServer((req, res) => {
    const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Host</title>
<style>body{font-family:sans-serif;max-width:50rem;margin:1rem auto;padding:0 1rem}</style></head>
<body><h1>Our cinema</h1><p>Some text of the host page, before the embed.</p>
${snippets}
<p id="after">Text after the embeds.</p></body></html>`;
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/* Waits until every frame's height stays the same for 300 ms (at most 5 s). */
async function settled(page) {
  let last = "", same = 0;
  for (let i = 0; i < 50 && same < 3; i++) {
    await page.waitForTimeout(100);
    const now = await page.evaluate(() =>
      Array.from(document.querySelectorAll("iframe")).map((f) => f.getBoundingClientRect().height).join());
    same = now === last ? same + 1 : 0;
    last = now;
  }
}

async function checkFrames(page, where) {
  await settled(page);
  for (const el of await page.$$("iframe")) {
    const frame = await el.contentFrame();
    const title = await el.getAttribute("title");
    const outer = (await el.boundingBox()).height;
    const inner = await frame.evaluate(() => document.querySelector(".embed-root").getBoundingClientRect().height);
    if (Math.abs(outer - inner) > 4)
      fail(where, `the frame "${title}" is ${Math.round(outer)}px tall for ${Math.round(inner)}px of content`);
  }
}

async function checkEmbeds(browser, site, week) {
  const base = site.base;
  const films = (week.picks || []).map((p) => p.film.slug);
  const snippets = [`<iframe src="${base}embed/week/" title="week" style="border:0;width:100%" height="420" loading="lazy"></iframe>`]
    .concat(films.slice(0, 1).map((s) => `<iframe src="${base}embed/films/${s}/" title="film ${s}" style="border:0;width:100%" height="300"></iframe>`))
    .concat([`<script src="${base}embed.js" async></script>`]).join("\n");
  const server = await hostServer(snippets);
  const host = `http://127.0.0.1:${server.address().port}/`;
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(host, { waitUntil: "load" });
    await checkFrames(page, `${site.lang} embeds in a host page, desktop`);
    await shot(page, `${site.lang}-host-desktop`);
    /* narrower: the cards stack and the frames grow; wider again: they shrink */
    await page.setViewportSize({ width: 380, height: 800 });
    await checkFrames(page, `${site.lang} embeds in a host page, narrowed`);
    await shot(page, `${site.lang}-host-narrow`);
    await page.setViewportSize({ width: 1280, height: 800 });
    await checkFrames(page, `${site.lang} embeds in a host page, widened again`);
    await context.close();
    /* a reader in dark mode, on a light host page: the embed stays readable */
    const dark = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: "dark" });
    const darkPage = await dark.newPage();
    await darkPage.goto(host, { waitUntil: "load" });
    await checkFrames(darkPage, `${site.lang} embeds in a host page, dark`);
    await shot(darkPage, `${site.lang}-host-dark`);
    await dark.close();
  } finally {
    server.close();
  }
  /* what each embed says: nothing of the business or the model */
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  const page = await context.newPage();
  const figures = businessFigures(week);
  for (const url of [`${base}embed/week/`].concat(films.map((s) => `${base}embed/films/${s}/`))) {
    await page.goto(url);
    const text = await page.evaluate(() => document.body.innerText);
    /* the words, outside what the films' own data says (titles, synopses) */
    const prose = await page.evaluate(() => {
      const copy = document.body.cloneNode(true);
      copy.querySelectorAll(".synopsis, .card h2, script").forEach((e) => e.remove());
      return copy.textContent;
    });
    for (const word of BUSINESS_WORDS[site.lang] || BUSINESS_WORDS.en)
      if (word.test(prose)) fail(url, `shows ${word} to the public: "${prose.match(word)[0]}"`);
    for (const f of figures)
      if (text.includes(f)) fail(url, `shows the business figure ${f}`);
    if (NO_TMDB && /TMDB/.test(text)) fail(url, "credits TMDB, whose data it does not show");
  }
  await context.close();
}

/* "Find a film you liked": typing a title, in lower case and without its
 * accents, lists the film with its similar films, and each link leads to a
 * page that exists. */
async function checkSearch(browser, site, week) {
  const film = (week.picks || [])[0].film;
  const typed = film.title.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const where = `${site.lang} films (search for "${typed}")`;
  try {
    await page.goto(`${site.base}films/`, { waitUntil: "load" });
    await page.fill(".find-form input", typed);
    const first = page.locator("#find-results li").first();
    await first.waitFor({ timeout: 10000 });
    const links = await page.$$eval("#find-results li:first-child a", (as) => as.map((a) => a.href));
    if (!links.some((h) => h.endsWith(`films/${film.slug}/`)))
      fail(where, `the first result does not lead to films/${film.slug}/: ${links.join(" ")}`);
    if (links.length < 2) fail(where, "the film is listed without any similar film");
    for (const h of links) {
      const r = await page.request.get(h);
      if (r.status() !== 200) fail(where, `${h} answers HTTP ${r.status()}`);
    }
    await shot(page, `${site.lang}-search`);
  } catch (e) {
    fail(where, `no result appeared (${e.message.split("\n")[0]})`);
  } finally {
    await context.close();
  }
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  let pages = 0, charts = 0;
  try {
    for (const site of SITES) {
      const week = await (await fetch(`${site.base}weeks/${site.week}.json`)).json();
      const film = (week.picks || [])[0].film.slug;
      const paths = { home: "", week: `weeks/${site.week}/`, film: `films/${film}/`, history: "history/" };
      for (const width of WIDTHS)
        for (const scheme of ["light", "dark"]) {
          const context = await browser.newContext({
            viewport: width.viewport, isMobile: width.isMobile, hasTouch: width.isMobile,
            colorScheme: scheme,
          });
          const page = await context.newPage();
          for (const [name, rel] of Object.entries(paths)) {
            const response = await page.goto(site.base + rel, { waitUntil: "load" });
            const where = `${site.lang} ${name} (${width.name}, ${scheme})`;
            if (!response || response.status() !== 200) {
              fail(where, `HTTP ${response && response.status()}`);
              continue;
            }
            charts += await checkPage(page, where);
            pages++;
            await shot(page, `${site.lang}-${name}-${width.name}-${scheme}`);
          }
          await context.close();
        }
      await checkEmbeds(browser, site, week);
      await checkSearch(browser, site, week);
    }
  } finally {
    await browser.close();
  }
  console.log(`browser: ${pages} page views, ${charts} charts checked, ${failures.length} failures`);
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  console.log(`FAIL ${e.stack || e}`);
  process.exit(1);
});
