// The admin changes things and the public sees them, on a phone, forms submitted by clicking:
// an outage (issue 4), a donation (issue 5), the hoster's name and the terms (issue 7).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, openVisitor, logIn, logOut, submit, squash, url, ADMIN,
} from '../lib/harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

// ---------------------------------------------------------------- issue 4: an outage
// The card of the open incident TITLE on /status (none when it is not open).
const openCard = (page, title) => page.locator('main section[aria-labelledby="open-title"] li.card')
  .filter({ has: page.locator('h3', { hasText: title }) });
// The badge of the service NAME in the list of services on /status.
const serviceBadge = (page, name) => page.locator('main section[aria-labelledby="services-title"] li.card h3')
  .filter({ has: page.locator('a', { hasText: new RegExp(`^${name}$`) }) }).locator('.badge').first();

test('the admin opens an outage on the Nuage, updates it and resolves it; /status follows (phone)', async () => {
  const admin = await openVisitor(browser, { device: 'phone', prefix: 'outage-admin' });
  const visitor = await openVisitor(browser, { device: 'phone', prefix: 'outage-public' });
  const a = admin.page;
  const p = visitor.page;
  const title = `Nuage hors ligne ${Date.now()}`;

  // Before: the Nuage as the public sees it (the demo may already have it degraded).
  await visitor.visit('/status', 'status-before');
  assert.equal(await openCard(p, title).count(), 0, 'the outage is not on /status yet');
  const badgeBefore = squash(await serviceBadge(p, 'Nuage').innerText());

  // The admin opens the outage.
  await logIn(admin, ADMIN, { landing: null, checkForm: false });
  await admin.visit('/admin/incidents/new', 'incident-new');
  assert.equal(await a.inputValue('main form input[name=kind]'), 'incident', 'the form opens an incident');
  const newForm = 'main form.stack[action$="/admin/incidents/new"]';
  // Nothing goes out empty (issue 15): a title of "x", no service, no message is refused, the
  // error next to the services and in a summary that links to them.
  await a.fill('#f-title', 'x');
  admin.expectStatus(422);
  await submit(a, newForm);
  await admin.check('incident-empty-refused', { status: 422 });
  assert.equal(await a.locator('#error-summary a[href="#f-services"]').count(), 1, 'the summary links to the services');
  assert.equal(await a.locator('#f-services .error').count(), 1, 'the services show their error');

  await a.fill('#f-title', title);
  await a.selectOption('#f-impact', 'major');
  await a.selectOption('#f-state', 'investigating');
  const nuage = a.locator(newForm).locator('fieldset').getByLabel('Nuage', { exact: true });
  await nuage.selectOption('major_outage');
  await a.fill('#f-body', 'Le Nuage ne répond plus, nous cherchons pourquoi.');
  // The first submission shows what the public will see, and publishes nothing yet.
  await submit(a, newForm);
  await admin.check('incident-preview');
  const preview = squash(await a.locator('main .preview-card').innerText());
  assert.match(preview, new RegExp(title), 'the preview shows the title');
  assert.match(preview, /Nuage \(panne majeure\)/, 'the preview names the Nuage in major outage');
  assert.match(preview, /ne répond plus/, 'the preview shows the message');
  await visitor.visit('/status', 'status-during-preview');
  assert.equal(await openCard(p, title).count(), 0, 'a preview is not published');
  await submit(a, 'main form.publish');
  await admin.check('incident-created');
  assert.match(new URL(a.url()).pathname, /\/admin\/incidents\/\d+$/, 'creating an incident leads to its admin page');
  assert.equal(squash(await a.locator('h1').innerText()), title, 'the admin page shows the new incident');
  const adminIncident = a.url();

  // The public sees it, with the Nuage in major outage.
  await visitor.visit('/status', 'status-open');
  const card = openCard(p, title);
  assert.equal(await card.count(), 1, `/status lists "${title}" among the open incidents`);
  const cardText = squash(await card.innerText());
  assert.match(cardText, /Analyse en cours/, 'the open incident shows its state (investigating)');
  assert.match(cardText, /Nuage \(panne majeure\)/, 'the open incident names the Nuage in major outage');
  assert.match(cardText, /ne répond plus/, 'the open incident shows its first update');
  assert.equal(squash(await serviceBadge(p, 'Nuage').innerText()), 'Panne majeure', 'the Nuage shows a major outage');
  assert.match(squash(await p.locator('main p.status-banner').innerText()), /Panne majeure/i, 'the banner says a service is down');

  // An update: the cause is identified, and the Nuage is only partly down now (issue 15).
  await a.selectOption('#f-state', 'identified');
  await a.locator('main form').getByLabel('Nuage', { exact: true }).selectOption('partial_outage');
  await a.fill('#f-body', 'Un disque plein ; nous faisons de la place.');
  await submit(a, 'main form[action*="/admin/incidents/"]');
  await admin.check('incident-identified');
  const timeline = squash(await a.locator('main .timeline').innerText());
  assert.match(timeline, /disque plein/, 'the update is in the timeline');
  assert.match(timeline, /Nuage\s?: panne partielle/, 'the timeline says the update changed the Nuage');

  await visitor.visit('/status', 'status-identified');
  const identified = squash(await openCard(p, title).innerText());
  assert.match(identified, /Cause identifiée/, 'the public incident shows the new state (identified)');
  assert.match(identified, /disque plein/, 'the public incident shows the latest update');
  assert.match(identified, /Nuage \(panne partielle\)/, 'the public incident shows the Nuage partly down');
  assert.equal(squash(await serviceBadge(p, 'Nuage').innerText()), 'Panne partielle', 'the Nuage shows a partial outage');

  // Resolved.
  await a.goto(adminIncident);
  await a.selectOption('#f-state', 'resolved');
  await a.fill('#f-body', 'De la place a été faite, le Nuage répond de nouveau.');
  await submit(a, 'main form[action*="/admin/incidents/"]');
  await admin.check('incident-resolved');
  assert.match(squash(await a.locator('main p.meta .badge').first().innerText()), /Résolu/, 'the admin page shows the incident resolved');

  await visitor.visit('/status', 'status-resolved');
  assert.equal(await openCard(p, title).count(), 0, 'a resolved incident is no longer listed as open on /status');
  const badgeAfter = squash(await serviceBadge(p, 'Nuage').innerText());
  assert.notEqual(badgeAfter, 'Panne majeure', 'the Nuage is no longer in major outage');
  assert.equal(badgeAfter, badgeBefore, 'the Nuage is back to what it was before the outage');
  if (await openCard(p, '').count() === 0) {
    assert.equal(badgeAfter, 'Opérationnel', 'with no open incident the Nuage is operational');
  }

  await logOut(admin, { landing: null });
  await admin.close();
  await visitor.close();
});

// ---------------------------------------------------------------- issue 5: a donation
// "1 234,56 €" (any kind of space, a minus sign) → 123456.
function cents(text) {
  const m = squash(text).replace(/[\s\u00a0\u202f]/g, '').match(/^([-−]?)(\d+),(\d{2})€$/);
  assert.ok(m, `an amount in euros: "${text}"`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
}
// The year's total income and the current month's income on /contributions.
async function contributionFigures(page) {
  const total = page.locator('main table.data tfoot tr').filter({ hasText: 'Total des recettes' }).locator('td');
  const month = page.locator('main table.data').filter({ has: page.locator('caption', { hasText: 'Mois par mois' }) })
    .locator('tbody tr').last();
  return {
    total: cents(await total.innerText()),
    month: squash(await month.locator('th').innerText()),
    monthIncome: cents(await month.locator('td').first().innerText()),
  };
}

test('the admin records a donation; /contributions shows the new total (phone)', async () => {
  const visitor = await openVisitor(browser, { device: 'phone', prefix: 'ledger-public' });
  const admin = await openVisitor(browser, { device: 'phone', prefix: 'ledger-admin' });
  const a = admin.page;

  await visitor.visit('/contributions', 'contributions-before');
  const before = await contributionFigures(visitor.page);

  await logIn(admin, ADMIN, { landing: null, checkForm: false });
  await admin.visit('/admin/ledger', 'ledger');
  const form = 'main form[action$="/admin/ledger"]';
  // Today, as the portal sees it (the form proposes it), else today in UTC.
  const today = (await a.inputValue('#entry-date')) || new Date().toISOString().slice(0, 10);
  await a.fill('#entry-date', today);
  await a.selectOption('#entry-kind', 'donation');
  await a.fill('#entry-amount', '42.00');
  await a.fill('#entry-currency', 'EUR');
  await a.fill('#entry-public-name', 'Une voisine');
  await submit(a, form);
  await admin.check('ledger-recorded');
  assert.equal(await a.locator('main #record-error').count(), 0, 'the donation is accepted');
  assert.match(squash(await a.locator('main [role=status]').first().innerText()), /./, 'the admin is told it is recorded');
  assert.match(squash(await a.locator('main table.data tbody tr').first().innerText()), /42,00/, 'the newest entry is the donation');

  await visitor.visit('/contributions', 'contributions-after');
  const after = await contributionFigures(visitor.page);
  // The chart reads on a phone (issue 15): every text at least 11 px as drawn, and a scale.
  const sizes = await visitor.page.$$eval('figure.chart svg text', (texts) => texts.map((t) => {
    const m = t.getScreenCTM();
    return parseFloat(t.getAttribute('font-size')) * (m ? m.a : 1);
  }));
  assert.ok(sizes.length > 24, `the chart has its labels and values (${sizes.length} texts)`);
  assert.ok(Math.min(...sizes) >= 11, `the chart's smallest text on a phone is ${Math.min(...sizes).toFixed(1)} px`);
  assert.equal(await visitor.page.locator('figure.chart svg g.tick').count(), 3, 'the chart has a scale');
  assert.equal(after.month, before.month, 'the current month is the same row');
  assert.equal(after.total - before.total, 4200, `the year's income grew by 42,00 € (${before.total} → ${after.total} cents)`);
  assert.equal(after.monthIncome - before.monthIncome, 4200, `${after.month}'s income grew by 42,00 €`);

  await logOut(admin, { landing: null });
  await admin.close();
  await visitor.close();
});

// ---------------------------------------------------------------- issue 7: name and terms
test('the admin renames the hoster and edits the terms; the public pages follow (phone)', async () => {
  const admin = await openVisitor(browser, { device: 'phone', prefix: 'site-admin' });
  const visitor = await openVisitor(browser, { device: 'phone', prefix: 'site-public' });
  const a = admin.page;
  const p = visitor.page;
  const name = `Le Chaton des Collines ${Date.now() % 100000}`;
  const sentence = `Les chats du Vercors ronronnent ${Date.now() % 100000} fois par jour.`;

  await logIn(admin, ADMIN, { landing: null, checkForm: false });

  // The name, the rest of the settings as they are.
  await admin.visit('/admin/settings', 'settings');
  await a.fill('#input-name', name);
  await submit(a, 'main form[action$="/admin/settings"]');
  await admin.check('settings-saved');
  assert.equal(await a.locator('main p.alert.error').count(), 0, 'the settings are accepted as they were');
  assert.equal(await a.locator('main p.alert.success').count(), 1, 'the admin is told the settings are saved');
  assert.equal(await a.inputValue('#input-name'), name, 'the form shows the new name');

  // The French terms, one sentence more.
  await admin.visit('/admin/pages/terms/fr', 'terms-edit');
  const body = await a.inputValue('#f-body');
  await a.fill('#f-body', `${body.trimEnd()}\n\n${sentence}\n`);
  await submit(a, 'main form[action$="/admin/pages/terms/fr"]');
  await admin.check('terms-saved');
  assert.equal(await a.locator('main p.alert.error').count(), 0, 'the terms are accepted');

  // The public side.
  await visitor.visit('/', 'home-renamed');
  assert.equal(squash(await p.locator('main h1').innerText()), name, 'the homepage shows the new name');
  assert.equal(squash(await p.locator('header a.brand').innerText()), name, 'the header shows the new name');
  await visitor.visit('/terms', 'terms-edited');
  assert.match(squash(await p.locator('main').innerText()), new RegExp(sentence.replace('.', '\\.')), '/terms shows the new sentence');
  assert.match(squash(await p.locator('main').innerText()), /préavis de trois mois/, '/terms keeps the text it had');

  const res = await visitor.context.request.get(url('/.well-known/chatonsinfos/organization.properties'));
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'] ?? '', /^text\/plain/, 'the ChatonsInfos file is text/plain');
  const props = await res.text();
  assert.ok(props.split(/\r?\n/).includes(`organization.name = ${name}`),
    `organization.properties has "organization.name = ${name}":\n${props.split('\n').filter((l) => l.startsWith('organization.name')).join('\n')}`);

  await logOut(admin, { landing: null });
  await admin.close();
  await visitor.close();
});
