// A real, independent relying party logs a member in through the portal (issue 17): Debian's
// Apache with mod_auth_openidc, started here in the foreground on a free port with its own
// configuration (contrib/oidc/apache-mod-auth-openidc.conf, as shipped) as an unprivileged
// user, protecting a page that prints what the module passes on. Anonymous → the portal's
// log-in → consent → the protected page shows the member's preferred_username, email, groups;
// then the admin suspends the member, the portal sends Apache a back-channel logout token, and
// the protected page sends them back to the portal, which refuses them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  launchBrowser, openVisitor, logIn, submit, url, BASE, ADMIN,
} from '../lib/harness.mjs';

// A member of this journey's own, so that the other journeys' changes to `member` (running
// alongside) cannot meet this one's.
const WHO = { name: 'oidcmember', email: 'oidcmember@example.org', password: 'a passphrase for the apache journey' };

const BIN = process.env.E2E_BIN;
const DB = process.env.E2E_DB;
const APACHE = '/usr/sbin/apache2';
const MODULES = '/usr/lib/apache2/modules';
const CONTRIB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../contrib/oidc/apache-mod-auth-openidc.conf');

let browser;
let apache;
let apacheDir;
before(async () => { browser = await launchBrowser(); });
after(async () => {
  await browser?.close();
  if (apache && apache.exitCode === null) {
    apache.kill('SIGTERM');
    await new Promise((r) => { apache.on('exit', r); setTimeout(r, 3000); });
  }
  if (apacheDir && process.env.E2E_KEEP !== '1') fs.rmSync(apacheDir, { recursive: true, force: true });
});

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

async function startApache(env, port) {
  apacheDir = fs.mkdtempSync('/tmp/chatiere-apache-');
  const d = apacheDir;
  fs.mkdirSync(path.join(d, 'htdocs'));
  fs.copyFileSync(CONTRIB, path.join(d, 'oidc.conf'));
  // The protected page: what mod_auth_openidc hands the application, HTML-escaped.
  fs.writeFileSync(path.join(d, 'whoami.sh'), `#!/bin/sh
esc() { printf '%s' "$1" | sed -e 's/&/\\&amp;/g' -e 's/</\\&lt;/g' -e 's/>/\\&gt;/g'; }
printf 'Content-Type: text/html; charset=utf-8\\r\\n\\r\\n'
printf '<!doctype html><html lang="en"><head><title>Protected</title></head><body><h1>Protected page</h1><dl>'
printf '<dt>REMOTE_USER</dt><dd id="remote-user">%s</dd>' "$(esc "$REMOTE_USER")"
printf '<dt>preferred_username</dt><dd id="preferred-username">%s</dd>' "$(esc "$OIDC_CLAIM_preferred_username")"
printf '<dt>email</dt><dd id="email">%s</dd>' "$(esc "$OIDC_CLAIM_email")"
printf '<dt>groups</dt><dd id="groups">%s</dd>' "$(esc "$OIDC_CLAIM_groups")"
printf '</dl></body></html>'
`, { mode: 0o755 });
  fs.writeFileSync(path.join(d, 'httpd.conf'), `ServerRoot ${d}
DefaultRuntimeDir ${d}
PidFile ${d}/apache.pid
Listen 127.0.0.1:${port}
ServerName 127.0.0.1:${port}
LoadModule mpm_prefork_module ${MODULES}/mod_mpm_prefork.so
LoadModule authn_core_module ${MODULES}/mod_authn_core.so
LoadModule authz_core_module ${MODULES}/mod_authz_core.so
LoadModule authz_user_module ${MODULES}/mod_authz_user.so
LoadModule alias_module ${MODULES}/mod_alias.so
LoadModule cgi_module ${MODULES}/mod_cgi.so
LoadModule auth_openidc_module ${MODULES}/mod_auth_openidc.so
# One process (-X) serves one connection at a time: a browser's idle keep-alive connection
# would keep the portal's back-channel logout request waiting.
KeepAlive Off
ErrorLog ${d}/error.log
LogLevel warn auth_openidc:info
DocumentRoot ${d}/htdocs
<Directory ${d}>
  Require all granted
</Directory>
Include ${d}/oidc.conf
ScriptAlias /private/whoami ${d}/whoami.sh
`);
  // As an unprivileged user, even when the suite runs as root.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) spawnSync('chown', ['-R', 'nobody:nogroup', d]);
  const child = spawn(APACHE, ['-X', '-f', path.join(d, 'httpd.conf')], {
    env: { ...env, PATH: process.env.PATH },
    stdio: ['ignore', 'inherit', 'inherit'],
    ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
  });
  for (let i = 0; i < 100; i++) {
    try {
      // Any answer: the module answers a non-navigation request 401 rather than redirecting it.
      await fetch(`http://127.0.0.1:${port}/private/whoami`, { redirect: 'manual' });
      return child;
    } catch { /* not listening yet */ }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  const log = fs.existsSync(path.join(d, 'error.log')) ? fs.readFileSync(path.join(d, 'error.log'), 'utf8') : '';
  throw new Error(`Apache did not start (exit ${child.exitCode}):\n${log}`);
}

test('Apache mod_auth_openidc: anonymous → portal log-in → consent → the protected page knows the member', async (t) => {
  for (const f of [APACHE, `${MODULES}/mod_auth_openidc.so`]) {
    assert.ok(fs.existsSync(f), `${f} is missing: apt-get install apache2 libapache2-mod-auth-openidc (bash contrib/dev.sh deps)`);
  }
  assert.ok(BIN && DB, 'E2E_BIN and E2E_DB come from run.sh');
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const redirectUri = `${origin}/private/redirect_uri`;

  const user = spawnSync(BIN, ['user', 'add', WHO.name, '--email', WHO.email, '--password-stdin', '--db', DB],
    { input: `${WHO.password}\n`, encoding: 'utf8' });
  assert.equal(user.status, 0, user.stderr);

  // The admin attaches the member to the Nuage (cloud) with an identifier there.
  const admin = await openVisitor(browser, { prefix: 'oidc-admin' });
  await logIn(admin, ADMIN, { landing: null, checkForm: false });
  await admin.page.goto(url(`/admin/members?q=${WHO.name}`));
  await Promise.all([admin.page.waitForNavigation(), admin.page.locator('main table a', { hasText: new RegExp(`^${WHO.name}$`) }).click()]);
  const memberAdminPage = admin.page.url();
  await admin.page.selectOption('#service_id', { label: 'Nuage' });
  await admin.page.fill('#identifier', 'membre.nuage');
  await submit(admin.page, 'main form[action$="/services"]');

  // Apache registered from the command line, attached to the Nuage and restricted to it.
  const add = spawnSync(BIN, ['oidc', 'client', 'add', 'Apache (test)', '--redirect-uri', redirectUri,
    '--backchannel-logout-uri', `${redirectUri}?logout=backchannel`,
    '--service', 'cloud', '--group', 'cloud', '--db', DB, '--base-url', BASE], { encoding: 'utf8' });
  assert.equal(add.status, 0, add.stderr);
  const clientId = add.stdout.match(/^client_id=(.+)$/m)[1];
  const clientSecret = add.stdout.match(/^client_secret=(.+)$/m)[1];
  // The registered app shows in /admin/apps.
  await admin.visit('/admin/apps', 'admin-apps');
  assert.match(await admin.page.locator('main table').innerText(), /Apache \(test\)/);

  apache = await startApache({
    CHATIERE_ISSUER: BASE.replace(/\/$/, ''),
    OIDC_CLIENT_ID: clientId,
    OIDC_CLIENT_SECRET: clientSecret,
    OIDC_REDIRECT_URI: redirectUri,
    OIDC_CRYPTO_PASSPHRASE: crypto.randomBytes(24).toString('hex'),
  }, port);

  const member = await openVisitor(browser, { prefix: 'oidc-member', alsoAllow: [origin] });
  const p = member.page;
  await p.goto(`${origin}/private/whoami`);
  assert.ok(p.url().startsWith(url('/login')), `anonymous: sent to the portal's log-in (${p.url()})`);
  await member.check('oidc-login');
  await p.fill('#login', WHO.name);
  await p.fill('#password', WHO.password);
  await submit(p, 'main form[action$="/login"]');
  assert.ok(p.url().startsWith(url('/oidc/authorize')), `after the log-in: the consent (${p.url()})`);
  await member.check('oidc-consent');
  assert.match(await p.locator('h1').innerText(), /Apache \(test\)/);
  await Promise.all([p.waitForURL(`${origin}/private/whoami`), p.click('main form[action$="/oidc/consent"] button[value=allow]')]);

  assert.equal(await p.locator('#preferred-username').innerText(), 'membre.nuage');
  assert.equal(await p.locator('#remote-user').innerText(), 'membre.nuage');
  assert.equal(await p.locator('#email').innerText(), WHO.email);
  assert.equal(await p.locator('#groups').innerText(), 'cloud');
  await p.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, 'desktop-oidc-apache-protected.png'), fullPage: true });

  // The member's space: the Nuage card says to log in with the portal account, and the app
  // is listed among the authorised ones.
  await member.visit('/account', 'oidc-account');
  assert.match(await p.locator('main').innerText(), /avec votre compte du portail/);
  await member.visit('/account/apps', 'oidc-account-apps');
  assert.match(await p.locator('main table').innerText(), /Apache \(test\)/);

  // The admin suspends the member: Apache is told (back-channel logout, delivered by the
  // portal's job loop within seconds) and its session ends; without that it would last an hour.
  await p.goto(`${origin}/private/whoami`);
  assert.equal(await p.locator('#email').innerText(), WHO.email, 'still logged in to Apache before the suspension');
  await admin.page.goto(memberAdminPage);
  await submit(admin.page, 'main form[action$="/suspend"]');
  await admin.close();
  let sentBack = false;
  for (let i = 0; i < 30 && !sentBack; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    await p.goto(`${origin}/private/whoami`);
    sentBack = p.url().startsWith(url('/login'));
  }
  assert.ok(sentBack, `after the suspension Apache sends the member back to the portal (${p.url()})`);
  // …whose log-in refuses a suspended account.
  await p.fill('#login', WHO.name);
  await p.fill('#password', WHO.password);
  member.expectStatus(403);
  await submit(p, 'main form[action$="/login"]');
  assert.match(await p.locator('main').innerText(), /suspendu/);
  await member.close();
  t.diagnostic(`Apache ${origin} logged ${WHO.name} in through ${BASE}`);
});
