// Status subscriptions (issue 19): on a phone, a visitor subscribes to one service from its
// status page, confirms through the link caught from the outbox, the admin opens an incident
// on that service and one on another, exactly one status mail reaches the visitor, who then
// leaves with one click from the link in that mail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  launchBrowser, openVisitor, logIn, submit, waitForMail, ADMIN, ORIGIN, MAIL_DIR,
} from '../lib/harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const mailsTo = (address) => fs.readdirSync(MAIL_DIR).filter((f) => f.endsWith('.eml')).sort()
  .map((f) => ({ file: f, text: fs.readFileSync(`${MAIL_DIR}/${f}`, 'utf8') }))
  .filter((m) => new RegExp(`^To:.*${address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'mi').test(m.text));

async function openIncident(admin, title, service) {
  const a = admin.page;
  await admin.visit('/admin/incidents/new', `subs-incident-new-${service}`);
  const form = 'main form.stack[action$="/admin/incidents/new"]';
  await a.fill('#f-title', title);
  await a.selectOption('#f-impact', 'major');
  await a.locator(form).locator('fieldset').getByLabel(service, { exact: true }).selectOption('major_outage');
  await a.fill('#f-body', `${service} ne répond plus.`);
  await submit(a, form);
  await submit(a, 'main form.publish');
  await admin.check(`subs-incident-created-${service}`);
}

test('a visitor follows one service by e-mail on a phone, gets exactly one mail, and leaves with one click', async () => {
  const v = await openVisitor(browser, { device: 'phone', prefix: 'visitor' });
  const { page } = v;
  const email = 'suivi.pad@example.net';

  // From the service's status page to the form, the service already chosen.
  await v.visit('/status/services/pad', 'subs-service-page');
  await Promise.all([page.waitForNavigation(), page.click('main a[href*="/status/subscribe?service=pad"]')]);
  await v.check('subs-form');
  assert.ok(await page.isChecked('input[name=scope][value=chosen]'), 'only chosen services');
  assert.ok(await page.getByLabel('Pad', { exact: true }).isChecked(), 'the Pad is ticked');
  assert.equal(await page.getByLabel('Courriel', { exact: true }).count(), 0, 'members-only services are not offered');
  await page.fill('#email', email);
  await submit(page, 'main form[action$="/status/subscribe"]');
  await v.check('subs-sent');

  // The confirmation, caught from the outbox; its link leads to a button.
  const confirmation = await waitForMail(email);
  const link = confirmation.text.match(/https?:\/\/[^\s<>"]+\/status\/subscribe\/confirm\?token=[^\s<>"]+/);
  assert.ok(link, `the confirmation mail has a link:\n${confirmation.text}`);
  assert.equal(new URL(link[0]).origin, ORIGIN, 'the link points to the portal');
  await page.goto(link[0]);
  await v.check('subs-confirm');
  await submit(page, 'main form[action$="/status/subscribe/confirm"]');
  await v.check('subs-confirmed');
  assert.match(new URL(page.url()).pathname, /\/status\/subscription$/, 'confirming leads to the manage page');

  // The admin opens an incident on the Pad, then one on the Vidéos.
  const admin = await openVisitor(browser, { device: 'desktop', prefix: 'admin' });
  await logIn(admin, ADMIN, { landing: null, checkForm: false });
  await openIncident(admin, 'Le pad ne répond plus', 'Pad');
  await openIncident(admin, 'Les vidéos sont lentes', 'Vidéos');
  await admin.close();

  const known = new Set([confirmation.file]);
  const alert = await waitForMail(email, { notIn: known });
  assert.match(alert.text, /Le pad ne répond plus/, 'the mail is about the Pad');
  assert.match(alert.text, /^List-Unsubscribe: <https?:\/\/[^>]+\/status\/subscription\/unsubscribe\?token=[^>]+>\r?$/m,
    'List-Unsubscribe header');
  assert.match(alert.text, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m, 'RFC 8058 header');
  // Two turns of the mail job later, still only that one.
  await new Promise((r) => setTimeout(r, 21_000));
  const status = mailsTo(email).filter((m) => m.file !== confirmation.file);
  assert.equal(status.length, 1, `exactly one status mail reaches the visitor:\n${status.map((m) => m.text).join('\n---\n')}`);
  assert.doesNotMatch(status[0].text, /vidéos sont lentes/, 'nothing about the other service');

  // One click to leave, from the link in the mail.
  const leave = alert.text.match(/https?:\/\/[^\s<>"]+\/status\/subscription\/unsubscribe\?token=[^\s<>"]+/);
  assert.ok(leave, 'the mail has an unsubscribe link in its body');
  await page.goto(leave[0]);
  await v.check('subs-unsubscribe');
  await submit(page, 'main form[action*="/status/subscription/unsubscribe"]');
  await v.check('subs-unsubscribed');
  v.expectStatus(404);
  await page.goto(leave[0].replace('/unsubscribe?', '?'));
  await v.check('subs-gone', { status: 404 });
  assert.match(await page.locator('h1').innerText(), /Aucun abonnement/, 'the subscription is gone');
  await v.close();
});
