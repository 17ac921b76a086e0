// Keyboard only: the log-in form is reached with Tab, filled by typing and sent with Enter;
// the log-out button is reached and pressed the same way; the admin opens an outage and
// resolves it with the keyboard alone (text typed, choices made with the arrow keys, the
// form sent with Enter). Every element that takes the focus on the way shows it
// (:focus-visible with a visible outline).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openVisitor, logIn, logOut, logoutButton, ADMIN, MEMBER } from '../lib/harness.mjs';

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
      isMenu: el.matches('header details.menu > summary'),
      focusVisible: el.matches(':focus-visible'),
      outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
      outlined: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
      boxShadow: s.boxShadow,
      onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    };
  });
}

// Returns tabUntil(wanted, what, max): presses Tab until WANTED(focus) holds, checking at
// every stop that the focus is visible and on screen (findings go to the visitor's problems).
function tabber(v) {
  const { page } = v;
  const stops = [];
  return async function tabUntil(wanted, what, max = 40) {
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
  };
}

// With the focus on a <select>, presses ArrowDown (or ArrowUp) until its value is WANTED.
async function chooseWithArrows(page, wanted) {
  const value = () => page.evaluate(() => document.activeElement.value);
  const options = await page.evaluate(() => [...document.activeElement.options].map((o) => o.value));
  assert.ok(options.includes(wanted), `the focused list offers "${wanted}" (it has ${options.join(', ')})`);
  const key = options.indexOf(wanted) > options.indexOf(await value()) ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < options.length && (await value()) !== wanted; i++) await page.keyboard.press(key);
  assert.equal(await value(), wanted, `the arrow keys choose "${wanted}"`);
}

for (const device of ['desktop', 'phone']) {
  test(`keyboard only: log in and log out with Tab, typing and Enter, the focus always visible (${device})`, async () => {
    const v = await openVisitor(browser, { device, prefix: 'keyboard' });
    const { page } = v;
    const tabUntil = tabber(v);

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

    // The log-out button of the header, reached from the top of the page; on a phone it is in
    // the header's menu, opened with Enter on its button (a <details>, no JavaScript).
    await page.evaluate(() => document.activeElement.blur());
    if (device === 'phone') {
      await tabUntil((f) => f.isMenu, 'the menu button of the header', 10);
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('header details.menu[open]').count(), 1, 'Enter opens the menu');
    }
    await tabUntil((f) => f.isLogout, 'the log-out button');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(await logoutButton(page).count(), 0, 'Enter on the log-out button logs out');
    await v.check('logged-out');
    await v.close();
  });
}

test('keyboard only: the admin opens an outage and resolves it, the focus always visible (desktop)', async () => {
  const v = await openVisitor(browser, { device: 'desktop', prefix: 'keyboard-outage' });
  const { page } = v;
  const tabUntil = tabber(v);
  const title = `Discussion ralentie ${Date.now()}`;
  await logIn(v, ADMIN, { landing: null, checkForm: false });

  await v.visit('/admin/incidents/new', 'incident-new');
  // The service picked in the form: the Discussion (another journey works on the Nuage).
  const serviceField = await page.locator('main form fieldset label', { hasText: /^Discussion$/ }).getAttribute('for');
  assert.ok(serviceField, 'the form has a field for the Discussion');

  await tabUntil((f) => f.id === 'f-title', 'the title field');
  await page.keyboard.type(title);
  await tabUntil((f) => f.id === 'f-impact', 'the impact list', 1);
  await chooseWithArrows(page, 'minor');
  await tabUntil((f) => f.id === 'f-state', 'the state list', 1);
  await chooseWithArrows(page, 'investigating');
  await tabUntil((f) => f.id === serviceField, 'the Discussion\'s list', 20);
  await chooseWithArrows(page, 'degraded');
  await tabUntil((f) => f.id === 'f-body', 'the first update', 20);
  await page.keyboard.type('Les messages mettent du temps à arriver.');
  const send = await tabUntil((f) => f.desc.startsWith('button'), 'the submit button', 3);
  assert.match(send.desc, /aperçu|Publier|Ouvrir|Créer|Enregistrer/i, `the button after the text is the form's own (${send.desc})`);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  // The preview of the public card (issue 15), then its "Publish" button, from the top.
  await v.check('incident-preview');
  await page.evaluate(() => document.activeElement.blur());
  const publish = await tabUntil((f) => f.desc.startsWith('button') && /Publier/.test(f.desc), 'the publish button', 30);
  assert.ok(publish);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await v.check('incident-created');
  assert.match(new URL(page.url()).pathname, /\/admin\/incidents\/\d+$/, 'Enter on the button creates the incident');
  assert.equal((await page.locator('h1').innerText()).trim(), title, 'the new incident is shown');

  // Resolved from its page, the keyboard alone again.
  await page.evaluate(() => document.activeElement.blur());
  await tabUntil((f) => f.id === 'f-state', 'the state list of the update form', 60);
  await chooseWithArrows(page, 'resolved');
  await tabUntil((f) => f.id === 'f-body', 'the update text', 20);
  await page.keyboard.type('Tout est revenu à la normale.');
  await tabUntil((f) => f.desc.startsWith('button'), 'the update button', 5);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await v.check('incident-resolved');
  assert.match((await page.locator('main .timeline').innerText()), /revenu à la normale/, 'the update is in the timeline');
  assert.match((await page.locator('main p.meta .badge').first().innerText()), /Résolu/, 'the incident is resolved');
  await logOut(v, { landing: null });
  await v.close();
});
