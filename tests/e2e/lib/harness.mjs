// Shared pieces of the browser tests: Debian's chromium through playwright-core, one browser
// context per journey with the checks every page gets (no request leaving the portal, no
// console error, axe-core WCAG 2.1 A/AA, a screenshot, the raw HTML kept for the Nu checker).
// run.sh starts the portal and sets the E2E_* variables read here.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import axe from 'axe-core';

function need(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the browser tests through tests/e2e/run.sh`);
  return v;
}

export const BASE = need('E2E_BASE_URL');            // http://127.0.0.1:PORT/
export const ORIGIN = new URL(BASE).origin;
export const TMP = need('E2E_TMP');                  // this run's scratch folder
export const MAIL_DIR = need('E2E_MAIL_DIR');        // where the fake sendmail writes
export const SHOTS = need('E2E_SCREENSHOTS');        // screenshots (CI artefacts)
export const HTML_DIR = path.join(TMP, 'html');      // raw HTML of each checked page, for vnu
export const ADMIN = { name: 'admin', password: need('E2E_ADMIN_PASSWORD') };
export const MEMBER = { name: 'member', password: need('E2E_MEMBER_PASSWORD') };

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 900 },
};

// The rules axe runs: WCAG 2.0, 2.1 and 2.2, levels A and AA (2.2 adds target size, issue 15).
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export const url = (p) => new URL(p.replace(/^\//, ''), BASE).href;

function record(file, obj) {
  fs.appendFileSync(path.join(TMP, file), JSON.stringify(obj) + '\n');
}

export async function launchBrowser() {
  // launch() gives chromium a fresh, empty --user-data-dir of its own (removed on close).
  return chromium.launch({
    executablePath: process.env.E2E_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    timeout: 60_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage'],
  });
}

// One visitor: a browser context (cookies of their own) and a page, watched for requests
// that leave the portal and for console errors. Page checks are soft: everything found on
// every page is collected, and close() fails the test with the whole list.
// Screenshots and saved pages are named DEVICE[-PREFIX][-nojs]-LABEL.
// `alsoAllow`: origins besides the portal's the journey visits on purpose (an OpenID Connect
// relying party).
export async function openVisitor(browser, { device = 'desktop', javaScript = true, locale = 'fr-FR', prefix, alsoAllow = [] }) {
  const context = await browser.newContext({
    viewport: VIEWPORTS[device],
    locale,
    javaScriptEnabled: javaScript,
    serviceWorkers: 'block',
    reducedMotion: 'reduce',
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  const problems = [];
  await context.route('**/*', (route) => {
    const req = route.request();
    if (new URL(req.url()).origin === ORIGIN || alsoAllow.includes(new URL(req.url()).origin)) return route.continue();
    problems.push(`request left the portal: ${req.method()} ${req.url()} (from ${req.frame()?.url() ?? '?'})`);
    record('findings.jsonl', { kind: 'external-request', page: req.frame()?.url() ?? '?', detail: req.url() });
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  let lastDocument = null;
  page.on('response', (res) => {
    if (res.request().isNavigationRequest() && res.frame() === page.mainFrame() && !(res.status() >= 300 && res.status() < 400)) {
      lastDocument = res;
    }
  });
  // Statuses a journey expects for the next document (a refused log-in answers 401): chromium
  // logs those as "Failed to load resource", which is then no error.
  let expectedStatuses = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location()?.url || page.url();
    const failed = msg.text().match(/^Failed to load resource: the server responded with a status of (\d+)/);
    if (failed && expectedStatuses.includes(Number(failed[1])) && where.split('?')[0] === page.url().split('?')[0]) return;
    problems.push(`console error on ${page.url()}: ${msg.text()} (${where})`);
    record('findings.jsonl', { kind: 'console', page: page.url(), detail: msg.text() });
  });
  page.on('pageerror', (err) => {
    problems.push(`script error on ${page.url()}: ${err.message}`);
    record('findings.jsonl', { kind: 'console', page: page.url(), detail: err.message });
  });
  const tag = `${device}${prefix ? `-${prefix}` : ''}${javaScript ? '' : '-nojs'}`;
  const seen = new Map();

  const visitor = {
    page, context, device, javaScript, problems,

    // The next document is expected to answer STATUS (see check()'s status option).
    expectStatus(status) { expectedStatuses.push(status); },

    // Navigates to a portal path and checks the page.
    async visit(p, label, opts = {}) {
      const res = await page.goto(url(p));
      assert.ok(res, `no response for ${p}`);
      await visitor.check(label, opts);
      return res;
    },

    // Checks the page now shown (after a goto, a click or a form submission).
    async check(label, { lang, status } = {}) {
      const where = page.url();
      const doc = lastDocument;
      assert.ok(doc, `no document loaded before checking ${label}`);
      const expected = status ?? 200;
      expectedStatuses = [];
      assert.equal(doc.status(), expected, `${label}: ${where} answered ${doc.status()}, expected ${expected}`);
      const n = (seen.get(label) ?? 0) + 1;
      seen.set(label, n);
      const name = `${tag}-${label}${n > 1 ? `-${n}` : ''}`.replace(/[^A-Za-z0-9._-]+/g, '_');

      // The language of the page is declared, and there is exactly one h1.
      const htmlLang = await page.getAttribute('html', 'lang');
      assert.ok(htmlLang, `${label}: <html> has no lang attribute (${where})`);
      if (lang) assert.equal(htmlLang, lang, `${label}: page language (${where})`);
      const h1 = await page.locator('h1').count();
      if (h1 !== 1) problems.push(`${label}: ${h1} <h1> elements on ${where} (one expected)`);
      // No page needs JavaScript: none carries a script that would run (JSON-LD is data), and
      // the policy the portal sends would not let one run.
      const scripts = await page.locator('script:not([type="application/ld+json"])').count();
      if (scripts) problems.push(`${label}: ${scripts} executable <script> element(s) on ${where}`);
      const csp = doc.headers()['content-security-policy'] || '';
      if (!/default-src 'none'/.test(csp) || /script-src/.test(csp)) problems.push(`${label}: the Content-Security-Policy of ${where} allows scripts: ${csp}`);

      if (device === 'phone') await visitor.phoneLayout(label);

      const t0 = Date.now();
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
      const t1 = Date.now();

      // The HTML exactly as the server sent it, for the Nu checker (run.sh runs it on all).
      const body = await doc.text();
      fs.mkdirSync(HTML_DIR, { recursive: true });
      fs.writeFileSync(path.join(HTML_DIR, `${name}.html`), body);
      record('pages.jsonl', { name, url: where, device, javaScript });

      if (javaScript) await visitor.axe(label);
      if (javaScript) await visitor.targets(label);
      if (process.env.E2E_TIMING) console.log(`# ${name}: screenshot ${t1 - t0} ms, axe ${Date.now() - t1} ms`);
    },

    // On a phone (issue 15): nothing is wider than the screen, and the header leaves the first
    // screen to the page (at most a quarter of it), with the page's title on that screen.
    async phoneLayout(label) {
      const where = page.url();
      const m = await page.evaluate(() => {
        const doc = document.documentElement;
        const wide = [];
        if (doc.scrollWidth > doc.clientWidth) {
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.right > doc.clientWidth + 0.5 && r.width > 0 && r.height > 0) {
              wide.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (right edge ${Math.round(r.right)} px)`);
              if (wide.length >= 5) break;
            }
          }
        }
        const header = document.querySelector('body > header');
        const h1 = document.querySelector('h1');
        return {
          scrollWidth: doc.scrollWidth, width: doc.clientWidth, wide,
          header: header ? header.getBoundingClientRect().height : 0,
          h1Bottom: h1 ? h1.getBoundingClientRect().bottom + window.scrollY : 0,
          screen: window.innerHeight,
        };
      });
      if (m.scrollWidth > m.width) {
        problems.push(`${label}: ${where} is ${m.scrollWidth} px wide on a ${m.width} px phone: ${m.wide.join(', ')}`);
        record('findings.jsonl', { kind: 'layout', page: where, detail: `${m.scrollWidth} px wide` });
      }
      if (m.header > m.screen / 4) {
        problems.push(`${label}: the header of ${where} is ${Math.round(m.header)} px tall on a phone (at most ${m.screen / 4})`);
        record('findings.jsonl', { kind: 'layout', page: where, detail: `header ${Math.round(m.header)} px` });
      }
      if (m.h1Bottom > m.screen) problems.push(`${label}: the title of ${where} ends ${Math.round(m.h1Bottom)} px down, below the first screen (${m.screen} px)`);
    },

    // Every link and control is at least 24×24 CSS px (WCAG 2.2, 2.5.8), or a link inside a
    // sentence, or far enough from the other targets (the spacing exception: a 24 px circle on
    // its centre touches no other target nor another small target's circle). Issue 15.
    async targets(label) {
      const where = page.url();
      const small = await page.evaluate(() => {
        const all = [];
        for (const el of document.querySelectorAll('a[href], button, input:not([type="hidden"]), select, textarea, summary')) {
          const r = el.getBoundingClientRect();
          const st = getComputedStyle(el);
          if (!r.width || !r.height || st.visibility === 'hidden' || el.closest('.visually-hidden')) continue;
          all.push({ el, r, st });
        }
        const centre = (r) => [r.left + r.width / 2, r.top + r.height / 2];
        const distToRect = ([x, y], r) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
        const out = [];
        const undersized = all.filter(({ r }) => r.width < 23.5 || r.height < 23.5);
        for (const t of undersized) {
          const { el, r, st } = t;
          if (el.tagName === 'A' && st.display === 'inline') {  // a link in a sentence
            const block = el.parentElement.closest('p, li, td, th, dd, dt, label, figcaption, blockquote, div');
            const rest = block ? block.textContent.replace(el.textContent, '').trim() : '';
            if (rest.length > 1) continue;
          }
          const c = centre(r);
          const crowded = all.some((o) => o !== t && !o.el.contains(el) && !el.contains(o.el) && (undersized.includes(o)
            ? Math.hypot(c[0] - centre(o.r)[0], c[1] - centre(o.r)[1]) < 24
            : distToRect(c, o.r) < 12));
          if (!crowded) continue;
          const text = (el.textContent || el.value || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 30);
          out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${text}" ${Math.round(r.width)}×${Math.round(r.height)}`);
        }
        return out;
      });
      if (small.length) {
        problems.push(`${label}: targets smaller than 24×24 px and crowded on ${where} [${device}]: ${small.slice(0, 8).join(', ')}${small.length > 8 ? ` (+${small.length - 8} more)` : ''}`);
        for (const t of small) record('findings.jsonl', { kind: 'target', page: where, detail: t });
      }
    },

    async axe(label) {
      const where = page.url();
      // The page's CSP forbids inline scripts; evaluate() runs axe without adding a <script>.
      if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axe.source);
      const result = await page.evaluate((tags) => window.axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }), AXE_TAGS);
      for (const v of result.violations) {
        const targets = v.nodes.map((node) => node.target.join(' ')).slice(0, 10);
        const more = v.nodes.length > 10 ? ` (+${v.nodes.length - 10} more)` : '';
        problems.push(`axe ${v.id} (${v.impact}) on ${where} [${device}]: ${v.help}\n      ${targets.join('\n      ')}${more}`);
        for (const node of v.nodes) {
          record('findings.jsonl', {
            kind: 'axe', id: v.id, help: v.help, impact: v.impact, page: new URL(where).pathname + new URL(where).search,
            label, device, target: node.target.join(' '), summary: (node.failureSummary ?? '').split('\n').slice(1, 3).join(' ').trim(),
          });
        }
      }
    },

    // Fails the test with everything collected, then closes the context.
    async close() {
      await context.close();
      assert.deepEqual(problems, [], `problems found:\n  - ${problems.join('\n  - ')}`);
    },
  };
  return visitor;
}

// Clicks the submit button of FORM (a selector) and waits for the page it leads to.
export async function submit(page, form) {
  await Promise.all([page.waitForNavigation(), page.click(`${form} button[type=submit]`)]);
}

// A text with its runs of white space made single spaces, as a reader sees it.
export const squash = (s) => s.replace(/\s+/g, ' ').trim();

// Fills and submits the log-in form; checks the page it leads to (label `landing`, skipped
// with landing: null): the member's space, or /login again with an error (expectFailure:
// true for 401, or the status expected).
export async function logIn(v, who, { expectFailure = false, landing, checkForm = true } = {}) {
  const { page } = v;
  if (checkForm) await v.visit('/login', 'login');
  else await page.goto(url('/login'));
  await page.fill('#login', who.name);
  await page.fill('#password', who.password);
  const refused = expectFailure === true ? 401 : expectFailure;  // 401, or 403 for a pending account
  if (expectFailure) v.expectStatus(refused);
  await submit(page, 'main form[action$="/login"]');
  if (expectFailure) {
    assert.match(new URL(page.url()).pathname, /\/login$/, 'a refused log-in stays on /login');
    assert.equal(await page.locator('#login-error').count(), 1, 'a refused log-in shows an error');
    if (landing !== null) await v.check(landing ?? 'login-refused', { status: refused });
  } else {
    assert.equal(await logoutButton(page).count(), 1, `logged in as ${who.name}: the header shows the log-out button (at ${page.url()})`);
    if (landing !== null) await v.check(landing ?? 'logged-in');
  }
}

export const logoutButton = (page) => page.locator('header form[action$="/logout"] button[type=submit]');

// Logs out with the POST form of the header.
export async function logOut(v, { landing } = {}) {
  const { page } = v;
  // On a phone the log-out button is in the header's menu (a <details>): open it first.
  if (!(await logoutButton(page).isVisible())) await page.click('header details.menu > summary');
  await Promise.all([page.waitForNavigation(), logoutButton(page).click()]);
  assert.equal(await logoutButton(page).count(), 0, 'after log-out the header has no log-out button');
  if (landing !== null) await v.check(landing ?? 'logged-out');
}

// Waits for a mail to ADDRESS in the fake sendmail's folder (the outbox worker runs every
// ten seconds) and returns its text.
export async function waitForMail(address, { timeoutMs = 30_000, notIn = new Set() } = {}) {
  const deadline = Date.now() + timeoutMs;
  const to = new RegExp(`^To:.*<?${address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}>?\\s*$`, 'mi');
  while (Date.now() < deadline) {
    for (const f of fs.readdirSync(MAIL_DIR).filter((x) => x.endsWith('.eml')).sort()) {
      if (notIn.has(f)) continue;
      const text = fs.readFileSync(path.join(MAIL_DIR, f), 'utf8');
      if (to.test(text)) return { file: f, text };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no mail to ${address} in ${MAIL_DIR} after ${timeoutMs / 1000} s`);
}

// Whether the portal answers PATH (pages other engineers may still be building).
export async function exists(p) {
  const res = await fetch(url(p), { redirect: 'manual' });
  return res.status === 200;
}
