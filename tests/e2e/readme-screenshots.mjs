// The README's six screenshots (issue 15): the homepage, /status during an outage and the
// member's space, on a phone (390×844) and a desktop (1280×900), light scheme, French.
// Not a journey: run.sh runs it only when E2E_README_SCREENSHOTS names the folder to write to,
//   E2E_README_SCREENSHOTS=docs/screenshots bash tests/e2e/run.sh build/chatiere
// so CI never rewrites the tracked images. It opens an outage on the Nuage through the admin's
// form and gives the member an account on it first, as a hoster would.
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser, url, ADMIN, MEMBER, VIEWPORTS } from './lib/harness.mjs';

const out = path.resolve(process.env.E2E_README_SCREENSHOTS);
fs.mkdirSync(out, { recursive: true });
const browser = await launchBrowser();

async function context(device) {
  const c = await browser.newContext({ viewport: VIEWPORTS[device], locale: 'fr-FR', colorScheme: 'light', reducedMotion: 'reduce' });
  await c.route('**/*', (r) => (new URL(r.request().url()).origin === new URL(url('/')).origin ? r.continue() : r.abort()));
  return c;
}
async function logIn(page, who) {
  await page.goto(url('/login'));
  await page.fill('#login', who.name);
  await page.fill('#password', who.password);
  await Promise.all([page.waitForNavigation(), page.click('main form[action$="/login"] button[type=submit]')]);
}
const click = (page, selector) => Promise.all([page.waitForNavigation(), page.click(selector)]);

// The admin: the member gets an account on the Nuage, then an outage on it goes out.
const admin = await context('desktop');
const a = await admin.newPage();
await logIn(a, ADMIN);
await a.goto(url(`/admin/members?q=${MEMBER.name}`));
await click(a, `main table a:text-is("${MEMBER.name}")`);
await a.selectOption('#service_id', { label: 'Nuage' });
await a.fill('#identifier', MEMBER.name);
await click(a, 'main form[action$="/services"] button[type=submit]');
await a.goto(url('/admin/incidents/new'));
await a.fill('#f-title', 'Le Nuage ne répond plus');
await a.selectOption('#f-impact', 'major');
await a.locator('main form.stack fieldset').getByLabel('Nuage', { exact: true }).selectOption('major_outage');
await a.fill('#f-body', 'Les fichiers ne se synchronisent plus depuis 9 h. Nous cherchons la cause ; vos données sont intactes.');
await click(a, 'main form.stack button[type=submit]');
await click(a, 'main form.publish button[type=submit]');
await admin.close();

for (const device of ['phone', 'desktop']) {
  const visitor = await context(device);
  const v = await visitor.newPage();
  for (const [p, name] of [['/', 'home'], ['/status', 'status-outage']]) {
    await v.goto(url(p));
    await v.screenshot({ path: path.join(out, `${device}-${name}.png`) });
  }
  await visitor.close();
  const member = await context(device);
  const m = await member.newPage();
  await logIn(m, MEMBER);
  await m.goto(url('/account'));
  await m.screenshot({ path: path.join(out, `${device}-member-space.png`) });
  await member.close();
}
await browser.close();
for (const f of fs.readdirSync(out).filter((x) => x.endsWith('.png')).sort())
  console.log(`# ${path.join(out, f)}: ${Math.round(fs.statSync(path.join(out, f)).size / 1024)} KiB`);
