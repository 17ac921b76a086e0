// Every admin form shows its mistakes the same way (issue 15): the page's own messages (the
// form is `novalidate`, so the browser's bubbles in its own language never come first), each
// next to its field, which is marked aria-invalid and described by it, and a summary at the top
// that links to each field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openVisitor, logIn, ADMIN } from '../lib/harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

// [label, path, form selector, fill(page) with mistakes, summary selector]
const FORMS = [
  ['settings', '/admin/settings', 'main form[action$="/admin/settings"]',
    async (p) => { await p.fill('main form input[type="url"] >> nth=0', 'pas une adresse'); await p.fill('main form input[type="email"] >> nth=0', 'x'); }],
  ['service', '/admin/services/new', 'main form.stack', async (p) => { await p.fill('#f-website', 'pas une adresse'); }],
  ['incident', '/admin/incidents/new', 'main form.stack', async () => {}],
  ['page', '/admin/pages/new', 'main form.stack', async (p) => { await p.fill('#f-slug', 'Pas Un Slug'); }],
  ['news', '/admin/news/new', 'main form.stack', async () => {}],
  ['ledger', '/admin/ledger', 'main form[action$="/admin/ledger"]',
    async (p) => { await p.fill('#entry-date', ''); await p.fill('#entry-amount', 'beaucoup'); await p.fill('#entry-category', 'x'); }],
];

test('every admin form shows each error next to its field, aria-invalid, with a summary linking to each (desktop)', async () => {
  const v = await openVisitor(browser, { device: 'desktop', prefix: 'forms' });
  const { page } = v;
  await logIn(v, ADMIN, { landing: null, checkForm: false });
  for (const [label, path, form, fill] of FORMS) {
    await v.visit(path, `${label}-form`);
    assert.equal(await page.locator(`${form}[novalidate]`).count(), 1, `${label}: the form is novalidate (the page's messages come first)`);
    await fill(page);
    v.expectStatus(400); v.expectStatus(422);
    const [res] = await Promise.all([page.waitForNavigation(), page.click(`${form} button[type=submit] >> nth=0`)]);
    assert.ok(res.status() >= 400, `${label}: the form with mistakes is refused (${res.status()})`);
    await v.check(`${label}-errors`, { status: res.status() });
    const links = await page.locator('main [role="alert"] a[href^="#"]').evaluateAll((as) => as.map((a) => a.getAttribute('href').slice(1)));
    assert.ok(links.length >= 1, `${label}: a summary at the top links to the fields`);
    for (const id of links) {
      const target = page.locator(`[id="${id}"]`);
      assert.equal(await target.count(), 1, `${label}: the summary's link #${id} leads to a field`);
      const invalid = await target.evaluate((el) => el.getAttribute('aria-invalid') === 'true' || el.tagName === 'FIELDSET'
        || !!el.querySelector('[aria-invalid="true"]'));
      assert.ok(invalid, `${label}: #${id} is marked aria-invalid`);
    }
    // Every field marked invalid is described by an error shown next to it.
    const described = await page.locator('main [aria-invalid="true"]').evaluateAll((els) => els.map((el) => {
      const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
      return { id: el.id, ok: ids.some((i) => document.getElementById(i)?.matches('.error, p.error')) };
    }));
    assert.ok(described.length >= 1, `${label}: at least one field is marked aria-invalid`);
    for (const d of described) assert.ok(d.ok, `${label}: #${d.id} is described by its error message`);
  }
  await v.close();
});
