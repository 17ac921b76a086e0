// A visitor reads the public pages in French and in English, on a phone and on a desktop.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openVisitor, exists, url } from '../lib/harness.mjs';

const CORE = [['/', 'home'], ['/about', 'about'], ['/terms', 'terms'], ['/privacy', 'privacy'], ['/legal', 'legal']];
// Pages other areas are building: checked when the portal answers them, skipped (said so) if not.
const OPTIONAL = [['/status', 'status'], ['/status/history', 'status-history'], ['/contributions', 'contributions'],
  ['/news', 'news'], ['/transparency', 'transparency']];

let browser;
let pages;
before(async () => {
  browser = await launchBrowser();
  pages = [...CORE];
  for (const [p, label] of OPTIONAL) {
    if (await exists(p)) pages.push([p, label]);
    else console.log(`# skipped ${p}: the portal answers 404 (not built yet)`);
  }
});
after(async () => { await browser?.close(); });

// Follows the language link of the page and checks the same page comes back in LANG.
async function switchLanguage(v, lang, label) {
  const { page } = v;
  const before = new URL(page.url()).pathname;
  await Promise.all([page.waitForNavigation(), page.click(`nav.lang-switch a[hreflang="${lang}"]`)]);
  assert.equal(new URL(page.url()).pathname, before, `the ${lang} link keeps the page (${before})`);
  await v.check(label, { lang });
  assert.equal(await page.locator(`nav.lang-switch [aria-current="true"][lang="${lang}"]`).count(), 1,
    `the language switch marks ${lang} as current`);
}

for (const device of ['phone', 'desktop']) {
  test(`a visitor reads the public pages in French and English (${device})`, async () => {
    const v = await openVisitor(browser, { device, locale: 'fr-FR' });
    for (const [p, label] of pages) await v.visit(p, `fr-${label}`, { lang: 'fr' });

    // Reading the pages that follow status and news items (service pages, incidents, articles).
    for (const [p, sel, label] of [['/status', 'main a[href*="/status/services/"]', 'status-service'],
      ['/status', 'main a[href*="/status/incidents/"]', 'status-incident'],
      ['/news', 'main a[href*="/news/"]:not([href$=".atom"])', 'news-item']]) {
      if (!pages.some(([q]) => q === p)) continue;
      await v.page.goto(url(p));
      const link = v.page.locator(sel).first();
      if (await link.count() === 0) { console.log(`# no ${label} link on ${p} in the demo`); continue; }
      await Promise.all([v.page.waitForNavigation(), link.click()]);
      await v.check(`fr-${label}`, { lang: 'fr' });
    }

    // The language link keeps the page: French → English on /about, then every page in English.
    await v.page.goto(url('/about'));  // already checked above
    await switchLanguage(v, 'en', 'en-about-switched');
    for (const [p, label] of pages) await v.visit(p, `en-${label}`, { lang: 'en' });
    // …and back to French from the terms.
    await v.page.goto(url('/terms'));
    await switchLanguage(v, 'fr', 'fr-terms-switched');
    await v.close();
  });
}
