// A member's own space: the admin gives the member an account on a service and records
// volunteer time they gave; the member then sees that service and that contribution in their
// space and downloads their data, which holds both and nothing of anyone else's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  launchBrowser, openVisitor, logIn, logOut, submit, squash, ADMIN, MEMBER,
} from '../lib/harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('a member sees their service and their contribution, and exports their data (phone)', async () => {
  const admin = await openVisitor(browser, { device: 'desktop', prefix: 'member-admin' });
  const member = await openVisitor(browser, { device: 'phone', prefix: 'member-space' });
  const a = admin.page;
  const m = member.page;
  const identifier = `member-${Date.now()}`;

  // The admin finds the member and gives them an account on the Pad (a service of the demo).
  await logIn(admin, ADMIN, { landing: null, checkForm: false });
  await admin.visit(`/admin/members?q=${MEMBER.name}`, 'members-search');
  await Promise.all([a.waitForNavigation(), a.locator('main table a', { hasText: new RegExp(`^${MEMBER.name}$`) }).click()]);
  await admin.check('member');
  const service = await a.locator('#service_id option').first().innerText();
  await a.selectOption('#service_id', { label: service });
  await a.fill('#identifier', identifier);
  await submit(a, 'main form[action$="/services"]');
  await admin.check('member-attached');

  // …and records two and a half hours of volunteer time they gave.
  await admin.visit('/admin/ledger', 'ledger');
  await a.selectOption('#entry-kind', 'volunteer_time');
  await a.fill('#entry-amount', '2.5');
  await a.fill('#entry-currency', 'HOUR');
  await a.fill('#entry-member', MEMBER.name);
  await submit(a, 'main form[action$="/admin/ledger"]');
  await admin.check('ledger-recorded');
  assert.equal(await a.locator('main #record-error').count(), 0, 'the volunteer time is accepted');
  await logOut(admin, { landing: null });

  // The member's space shows the service, with the identifier on it.
  await logIn(member, MEMBER);
  await member.visit('/account', 'account');
  const card = m.locator('main section[aria-labelledby="my-services"] li.card').filter({ hasText: identifier });
  assert.equal(await card.count(), 1, `the member's space lists the service with the identifier ${identifier}`);
  assert.equal(squash(await card.locator('h3').innerText()), service, 'the card is named after the service');

  // Their contributions list the volunteer time.
  await member.visit('/account/contributions', 'account-contributions');
  const rows = squash(await m.locator('main table.data tbody').innerText());
  assert.match(rows, /2,5\s*h|2,50\s*h|2 h 30/, `the member's contributions show the 2.5 hours (${rows})`);

  // The export, downloaded from the link of their space, holds both and no one else's data.
  await member.visit('/account', 'account-again');
  const [download] = await Promise.all([m.waitForEvent('download'), m.click('main a[href$="/account/export.json"]')]);
  assert.equal(download.suggestedFilename(), 'my-data.json', 'the export is offered as a file');
  const text = fs.readFileSync(await download.path(), 'utf8');
  const data = JSON.parse(text);
  assert.ok(text.includes(identifier), 'the export holds the service account given to the member');
  assert.ok(text.includes('volunteer_time'), 'the export holds the member\'s contribution');
  assert.ok(text.includes(MEMBER.name) && text.includes('member@example.org'), 'the export holds the member\'s profile');
  assert.ok(!text.includes('admin@example.org'), 'the export holds nothing of the admin\'s');
  assert.equal(typeof data, 'object');
  await logOut(member);
  await admin.close();
  await member.close();
});
