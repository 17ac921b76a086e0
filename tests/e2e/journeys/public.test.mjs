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

// The way in (issue 15): every page's header shows a visitor "Log in" and, while sign-up is not
// closed (the demo asks for approval; another journey opens it), "Join" to the sign-up page.
async function checkDoor(v, label) {
  const { page } = v;
  // (the header has the links twice, one pair hidden: beside the menu on a phone, top right on a desktop)
  const login = page.locator('header a[href$="/login"]:visible');
  const join = page.locator('header a[href$="/signup"]:visible');
  assert.equal(await login.count(), 1, `${label}: the header links to /login (${page.url()})`);
  assert.equal(await join.count(), 1, `${label}: the header links to /signup (${page.url()})`);
  assert.ok(await login.isVisible() && await join.isVisible(), `${label}: "Log in" and "Join" are visible in the header`);
}

for (const device of ['phone', 'desktop']) {
  test(`a visitor finds the way in: the header's "Join" and the homepage's "how to join" lead to sign-up (${device})`, async () => {
    const v = await openVisitor(browser, { device, locale: 'fr-FR', prefix: 'door' });
    const { page } = v;
    await page.goto(url('/'));
    const block = page.locator('main section#join');
    assert.equal(await block.count(), 1, 'the homepage has a "how to join" block');
    assert.equal(await block.locator('a[href$="/signup"]').count(), 1, 'the block links to the sign-up page');
    await Promise.all([page.waitForNavigation(), page.locator('header a[href$="/signup"]:visible').click()]);
    assert.match(new URL(page.url()).pathname, /\/signup$/, 'the header\'s "Join" opens the sign-up page');
    await v.check('signup-from-header', { lang: 'fr' });
    await Promise.all([page.waitForNavigation(), page.locator('header a[href$="/login"]:visible').click()]);
    assert.match(new URL(page.url()).pathname, /\/login$/, 'the header\'s "Log in" opens the log-in page');
    await v.close();
  });
}

for (const device of ['phone', 'desktop']) {
  test(`a visitor reads the public pages in French and English (${device})`, async () => {
    const v = await openVisitor(browser, { device, locale: 'fr-FR' });
    for (const [p, label] of pages) {
      await v.visit(p, `fr-${label}`, { lang: 'fr' });
      await checkDoor(v, `fr-${label}`);
    }
    // Words (issue 15): the French homepage gives the services' kinds in French.
    await v.page.goto(url('/'));
    const cards = await v.page.locator('main .cards .meta').allInnerTexts();
    assert.ok(cards.some((t) => /Stockage en ligne/.test(t)), 'the French homepage gives the kinds in French');
    assert.ok(!cards.some((t) => /Cloud storage|Video conferencing/.test(t)), 'no English kind on the French homepage');

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

    // The 90-day bars (issue 15): a legend and the date range; "day by day" leads to the days
    // with trouble on the service's page, and a day to what happened then (no JavaScript needed).
    if (pages.some(([q]) => q === '/status')) {
      await v.page.goto(url('/status'));
      assert.equal(await v.page.locator('main ul.legend li').count(), 4, '/status explains the colours of the bars');
      assert.ok(await v.page.locator('main .history .range').count() > 0, 'the bars show their date range');
      const dayByDay = v.page.locator('main figcaption a[href*="#days"]').first();
      if (await dayByDay.count() === 0) console.log('# no day with trouble in the demo');
      else {
        await Promise.all([v.page.waitForNavigation(), dayByDay.click()]);
        const day = v.page.locator('details#days a[href*="?day="]').first();
        await v.page.locator('details#days > summary').click();
        await Promise.all([v.page.waitForNavigation(), day.click()]);
        await v.check('fr-status-day', { lang: 'fr' });
        assert.match(v.page.url(), /\?day=\d{4}-\d\d-\d\d/, 'a day of the bars has a page of its own');
        assert.match(await v.page.locator('main section.day-detail h2').innerText(), /^Le /, 'the day\'s detail says which day');
        assert.ok(await v.page.locator('main section.day-detail li.card').count() > 0, 'the day\'s detail lists what happened');
      }
    }

    // The language link keeps the page: French → English on /about, then every page in English.
    await v.page.goto(url('/about'));  // already checked above
    await switchLanguage(v, 'en', 'en-about-switched');
    for (const [p, label] of pages) {
      await v.visit(p, `en-${label}`, { lang: 'en' });
      await checkDoor(v, `en-${label}`);
    }
    await v.page.goto(url('/'));
    assert.ok((await v.page.locator('main .cards .meta').allInnerTexts()).some((t) => /Cloud storage/.test(t)),
      'the English homepage gives the kinds in English');
    // …and back to French from the terms.
    await v.page.goto(url('/terms'));
    await switchLanguage(v, 'fr', 'fr-terms-switched');
    await v.close();
  });
}
