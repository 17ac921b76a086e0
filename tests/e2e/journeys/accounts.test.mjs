// Accounts (issue 3): the admin opens sign-up; someone signs up, follows the verification
// link mailed to them, logs in, changes the password, logs out with the header's POST form and
// logs in again with the new password. On a phone and a desktop, and once with JavaScript off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launchBrowser, openVisitor, logIn, logOut, submit, waitForMail, ADMIN, ORIGIN,
} from '../lib/harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

// The pages of the member's space a member reads (GET only).
const MEMBER_PAGES = [['/account/profile', 'account-profile'], ['/account/sessions', 'account-sessions'],
  ['/account/second-factor', 'account-second-factor'], ['/account/contributions', 'account-contributions'],
  ['/account/delete', 'account-delete']];

test('the admin opens sign-up to everyone (desktop)', async () => {
  const v = await openVisitor(browser, { device: 'desktop', prefix: 'admin' });
  const { page } = v;
  await logIn(v, ADMIN);
  await v.visit('/admin/members', 'admin-members');
  await page.check('#mode-open');
  await submit(page, 'form[action$="/admin/signup-mode"]');
  await v.check('admin-members-saved');
  assert.ok(await page.isChecked('#mode-open'), 'the "open" sign-up mode is saved');
  await logOut(v);
  await v.close();
});

const journeys = [
  { device: 'phone', javaScript: true, name: 'renard.phone' },
  { device: 'desktop', javaScript: true, name: 'renard.desktop' },
  // With JavaScript off: everything must work without it.
  { device: 'phone', javaScript: false, name: 'renard.nojs' },
];

for (const { device, javaScript, name } of journeys) {
  test(`someone signs up, verifies the address, logs in, changes the password and logs out (${device}${javaScript ? '' : ', no JavaScript'})`, async () => {
    const v = await openVisitor(browser, { device, javaScript });
    const { page } = v;
    const email = `${name}@example.org`;
    const first = 'violet tortoise climbs seven ladders';
    const second = 'amber heron sleeps under old bridges';

    // Sign up.
    await v.visit('/signup', 'signup');
    await page.fill('#name', name);
    await page.fill('#email', email);
    await page.fill('#password', first);
    await page.fill('#password_confirm', first);
    await page.check('#accept_terms');
    await submit(page, 'main form[action$="/signup"]');
    await v.check('signup-done');

    // Not yet: the address is not verified.
    await logIn(v, { name, password: first }, { expectFailure: 403, landing: 'login-pending', checkForm: false });

    // The verification mail, and its link.
    const mail = await waitForMail(email);
    const link = mail.text.match(/https?:\/\/[^\s<>"]+\/signup\/verify\?[^\s<>"]+/);
    assert.ok(link, `the verification mail has a link:\n${mail.text}`);
    assert.equal(new URL(link[0]).origin, ORIGIN, 'the link points to the portal');
    await page.goto(link[0]);
    await v.check('signup-verified');

    // Log in; the member's space.
    await logIn(v, { name, password: first }, { landing: 'account' });
    assert.match(new URL(page.url()).pathname, /\/account$/, 'a log-in leads to the member\'s space');
    for (const [p, label] of MEMBER_PAGES) await v.visit(p, label);

    // Change the password.
    await v.visit('/account/password', 'account-password');
    await page.fill('#current', first);
    await page.fill('#password', second);
    await page.fill('#password_confirm', second);
    await submit(page, 'main form[action$="/account/password"]');
    await v.check('account-password-changed');
    // Said, not fatal here: the rest of the journey proves the change.
    if (await page.locator('main [role="status"]').count() !== 1) {
      v.problems.push(`no confirmation (role="status" notice) after the password change, at ${page.url()}`);
    }

    // Log out with the header's form; the old password no longer works, the new one does.
    await logOut(v);
    await logIn(v, { name, password: first }, { expectFailure: true, checkForm: false });
    await logIn(v, { name, password: second }, { landing: null, checkForm: false });
    await logOut(v, { landing: null });
    await v.close();
  });
}
