// Service requests (issue 18), on phones: a demo member who has no account on the demo's
// cloud (the Nuage, registration "members") asks for one from the service's page; the admin
// approves it from the queue at /admin/requests, typing the identifier; the member's space
// then lists the Nuage with that identifier, their requests say it was approved, and a
// single sign-on test client (a confidential OpenID Connect client registered here, code
// flow with PKCE through the member's own browser) now receives the `cloud` group, in the ID
// token and from userinfo, where before the approval it did not.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import {
  launchBrowser, openVisitor, logIn, logOut, submit, squash, url, BASE, ADMIN,
} from '../lib/harness.mjs';

// thomas, of the demo, has only a mail account (portal/demo/members.cpp); no other journey
// uses him. The demo gives him no password: one is set here.
const WHO = { name: 'thomas', password: 'a passphrase for the membership journey' };
const SERVICE = { slug: 'cloud', name: 'Nuage' };
const BIN = process.env.E2E_BIN;
const DB = process.env.E2E_DB;

let browser;
let callback;  // the test client's redirect URI: a page that only says the code arrived
before(async () => {
  browser = await launchBrowser();
  callback = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html lang="en"><head><title>Test client</title></head><body><h1>Code received</h1></body></html>');
  });
  await new Promise((r) => callback.listen(0, '127.0.0.1', r));
});
after(async () => {
  await browser?.close();
  await new Promise((r) => (callback ? callback.close(r) : r()));
});

const b64url = (buf) => buf.toString('base64url');
const claimsOf = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));

// One log-in of the test client through the member's browser (already logged in to the
// portal): authorize → consent (if asked) → the redirect URI with a code → tokens and
// userinfo, fetched by the client itself. Returns the groups of the ID token and userinfo.
async function signIn(member, client, label) {
  const discovery = await (await fetch(url('/.well-known/openid-configuration'))).json();
  const verifier = b64url(crypto.randomBytes(32));
  const state = b64url(crypto.randomBytes(16));
  const nonce = b64url(crypto.randomBytes(16));
  const auth = new URL(discovery.authorization_endpoint);
  auth.search = new URLSearchParams({
    response_type: 'code', client_id: client.id, redirect_uri: client.redirectUri,
    scope: 'openid profile email groups', state, nonce,
    code_challenge: b64url(crypto.createHash('sha256').update(verifier).digest()), code_challenge_method: 'S256',
  }).toString();
  const p = member.page;
  await p.goto(auth.href);
  if (p.url().startsWith(url('/oidc/authorize'))) {
    await member.check(`${label}-consent`);
    await Promise.all([p.waitForURL(`${client.redirectUri}**`), p.click('main form[action$="/oidc/consent"] button[value=allow]')]);
  }
  const back = new URL(p.url());
  assert.equal(`${back.origin}${back.pathname}`, client.redirectUri, `${label}: back at the client (${p.url()})`);
  assert.equal(back.searchParams.get('state'), state, `${label}: the state comes back`);
  const code = back.searchParams.get('code');
  assert.ok(code, `${label}: a code (${p.url()})`);

  const res = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(client.secret)}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: client.redirectUri, code_verifier: verifier }).toString(),
  });
  const tokens = await res.json();
  assert.equal(res.status, 200, `${label}: the token endpoint answers (${JSON.stringify(tokens)})`);
  const idToken = claimsOf(tokens.id_token);
  assert.equal(idToken.nonce, nonce, `${label}: the ID token carries the nonce`);
  assert.equal(idToken.aud, client.id);
  const info = await (await fetch(discovery.userinfo_endpoint, { headers: { Authorization: `Bearer ${tokens.access_token}` } })).json();
  assert.equal(info.sub, idToken.sub, `${label}: userinfo is about the same member`);
  assert.ok(Array.isArray(idToken.groups) && Array.isArray(info.groups), `${label}: groups in the ID token and userinfo`);
  return { idToken: idToken.groups, userinfo: info.groups };
}

test('a member asks for the cloud on a phone, the admin approves it from the queue on a phone, and single sign-on gets the cloud group', async (t) => {
  assert.ok(BIN && DB, 'E2E_BIN and E2E_DB come from run.sh');
  const pw = spawnSync(BIN, ['user', 'password', WHO.name, '--db', DB], { input: `${WHO.password}\n`, encoding: 'utf8' });
  assert.equal(pw.status, 0, pw.stderr);
  // The test client: confidential, any member may use it, its redirect URI on loopback.
  const redirectUri = `http://127.0.0.1:${callback.address().port}/callback`;
  const add = spawnSync(BIN, ['oidc', 'client', 'add', 'Membership test client', '--redirect-uri', redirectUri,
    '--db', DB, '--base-url', BASE], { encoding: 'utf8' });
  assert.equal(add.status, 0, add.stderr);
  const client = {
    id: add.stdout.match(/^client_id=(.+)$/m)[1],
    secret: add.stdout.match(/^client_secret=(.+)$/m)[1],
    redirectUri,
  };

  const member = await openVisitor(browser, { device: 'phone', prefix: 'request-member', alsoAllow: [new URL(redirectUri).origin] });
  const m = member.page;
  await logIn(member, WHO);

  // Before: the member has no Nuage, and the client gets no cloud group.
  await member.visit('/account', 'request-account-before');
  const cloudCard = () => m.locator('main section[aria-labelledby="my-services"] li.card').filter({ hasText: SERVICE.name });
  assert.equal(await cloudCard().count(), 0, `${WHO.name} has no ${SERVICE.name} yet`);
  const before = await signIn(member, client, 'request-sso-before');
  assert.ok(!before.idToken.includes('cloud') && !before.userinfo.includes('cloud'), `no cloud group before: ${JSON.stringify(before)}`);

  // From the service's page to the request form; a message, the service's terms accepted.
  await member.visit(`/status/services/${SERVICE.slug}`, 'request-service-page');
  const ask = m.locator(`main a[href$="/services/${SERVICE.slug}/request"]`);
  assert.ok(await ask.count() >= 1, `the service's page links to the request form`);
  await Promise.all([m.waitForNavigation(), ask.first().click()]);
  await member.check('request-form');
  const form = `main form[action$="/services/${SERVICE.slug}/request"]`;
  const message = `Pour les comptes de l'association (${Date.now()})`;
  await m.fill(`${form} [name=message]`, message);
  await m.check(`${form} [name=accept_terms]`);
  await submit(m, form);
  await member.check('request-sent');

  // The member's requests: this one, waiting.
  await member.visit('/account/requests', 'request-list-pending');
  const mine = m.locator('main').filter({ hasText: SERVICE.name });
  assert.equal(await mine.count(), 1, 'the member\'s requests list the Nuage');
  const pendingText = squash(await m.locator('main').innerText());
  assert.match(pendingText, /attente|en cours|pending/i, `the request is waiting (${pendingText})`);

  // The admin, on a phone: the queue, the request, the identifier typed, approved.
  const admin = await openVisitor(browser, { device: 'phone', prefix: 'request-admin' });
  const a = admin.page;
  await logIn(admin, ADMIN, { landing: null, checkForm: false });
  await admin.visit('/admin/requests', 'requests-queue');
  const row = a.locator('main a[href*="/admin/requests/"]').filter({ hasText: new RegExp(`${WHO.name}|Thomas Bernard`) });
  let link = row.first();
  if (await row.count() === 0) {
    // The link may name the service while the row names the member.
    const rowOf = a.locator('main tr, main li').filter({ hasText: new RegExp(`${WHO.name}|Thomas Bernard`) }).filter({ hasText: SERVICE.name });
    assert.ok(await rowOf.count() >= 1, 'the queue lists the member\'s request for the Nuage');
    link = rowOf.first().locator('a[href*="/admin/requests/"]').first();
  }
  await Promise.all([a.waitForNavigation(), link.click()]);
  await admin.check('request-detail');
  assert.match(squash(await a.locator('main').innerText()), new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    'the admin reads the member\'s message');
  const identifier = `thomas.nuage.${Date.now() % 100000}`;
  const approve = 'main form[action$="/approve"]';
  // The field comes filled with the member's log-in name: the admin clears it, then types.
  const field = a.locator(`${approve} [name=identifier]`);
  await field.fill('');
  await field.click();
  await a.keyboard.type(identifier);
  await submit(a, approve);
  await admin.check('request-approved');
  await logOut(admin, { landing: null });
  await admin.close();

  // The member's space lists the Nuage with its identifier; the request says approved.
  await member.visit('/account', 'request-account-after');
  assert.equal(await cloudCard().count(), 1, 'the member\'s space lists the Nuage');
  assert.match(squash(await cloudCard().innerText()), new RegExp(`(^|\\s)${identifier.replace(/\./g, '\\.')}(\\s|$)`), 'with exactly the identifier the admin typed');
  await member.visit('/account/requests', 'request-list-approved');
  const approvedText = squash(await m.locator('main').innerText());
  assert.match(approvedText, /accept|approuv|approved/i, `the request is approved (${approvedText})`);

  // Single sign-on: the test client now receives the cloud group.
  const after_ = await signIn(member, client, 'request-sso-after');
  assert.ok(after_.idToken.includes('cloud'), `the ID token's groups hold cloud: ${JSON.stringify(after_.idToken)}`);
  assert.ok(after_.userinfo.includes('cloud'), `userinfo's groups hold cloud: ${JSON.stringify(after_.userinfo)}`);
  await m.goto(url('/account'));
  await logOut(member, { landing: null });
  await member.close();
  t.diagnostic(`${WHO.name} asked for ${SERVICE.slug}, approved as ${identifier}; groups before ${JSON.stringify(before.idToken)}, after ${JSON.stringify(after_.idToken)}`);
});
