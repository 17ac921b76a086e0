// Keyboard only: the log-in form is reached with Tab, filled by typing and sent with Enter;
// the log-out button is reached and pressed the same way. Every element that takes the focus
// on the way shows it (:focus-visible with a visible outline).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openVisitor, logoutButton, MEMBER } from '../lib/harness.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

// What has the focus, and how it looks.
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const text = (el.textContent || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 30);
    return {
      desc: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}`
        + `${el.getAttribute('href') ? `[href="${el.getAttribute('href')}"]` : ''} "${text}"`,
      id: el.id,
      isLogout: !!el.closest('form[action$="/logout"]') && el.tagName === 'BUTTON',
      isSkip: el.matches('a[href="#main"]'),
      focusVisible: el.matches(':focus-visible'),
      outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
      outlined: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
      boxShadow: s.boxShadow,
      onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    };
  });
}

for (const device of ['desktop', 'phone']) {
  test(`keyboard only: log in and log out with Tab, typing and Enter, the focus always visible (${device})`, async () => {
    const v = await openVisitor(browser, { device, prefix: 'keyboard' });
    const { page } = v;
    const stops = [];

    // Presses Tab until WANTED(focus) holds; checks the focus is visible at every stop.
    async function tabUntil(wanted, what, max = 40) {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        const f = await focused(page);
        stops.push(f.desc);
        if (!f.focusVisible) v.problems.push(`focus not :focus-visible after Tab on ${f.desc} (${page.url()})`);
        else if (!f.outlined) v.problems.push(`no visible focus outline on ${f.desc} (outline: ${f.outline}; box-shadow: ${f.boxShadow}) at ${page.url()}`);
        if (!f.onScreen) v.problems.push(`focused element off screen: ${f.desc} at ${page.url()}`);
        if (wanted(f)) return f;
      }
      assert.fail(`${what} not reached with ${max} Tab presses; the focus went: ${stops.join(' → ')}`);
    }

    await v.visit('/login', 'login');
    // The first Tab stop is the skip link, shown when focused.
    const skip = await tabUntil(() => true, 'the first element');
    assert.ok(skip.isSkip, `the first Tab stop is the skip link (got ${skip.desc})`);
    assert.ok(skip.onScreen, 'the skip link is on screen when focused');

    await tabUntil((f) => f.id === 'login', 'the log-in field');
    await page.keyboard.type(MEMBER.name);
    await tabUntil((f) => f.id === 'password', 'the password field', 1);
    await page.keyboard.type(MEMBER.password);
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(await logoutButton(page).count(), 1, `Enter in the password field logs in (at ${page.url()})`);
    await v.check('logged-in');

    // The log-out button of the header, reached from the top of the page.
    await page.evaluate(() => document.activeElement.blur());
    await tabUntil((f) => f.isLogout, 'the log-out button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(await logoutButton(page).count(), 0, 'Enter on the log-out button logs out');
    await v.check('logged-out');
    await v.close();
  });
}
