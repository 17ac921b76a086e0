// An independent relying party — the npm library openid-client (v5, as on Debian 12's node)
// — logs a member in through the portal: discovery, code flow with PKCE, ID token validated
// against the JWKS, userinfo, refresh (and reuse refused), RP-initiated logout.
// The member's browser is played by fetch with a small cookie jar, through the portal's own
// log-in and consent forms.
//   node oidc_client.mjs BASE_URL CLIENT_ID CLIENT_SECRET REDIRECT_URI POST_LOGOUT_URI LOGIN PASSWORD
import assert from 'node:assert/strict';
import { Issuer, generators } from 'openid-client';

const [base, clientId, clientSecret, redirectUri, postLogoutUri, login, password] = process.argv.slice(2);

// ---- a browser, as little as the flow needs ----
const jar = new Map();
function keepCookies(res) {
  // Headers.getSetCookie is missing from some node 18 builds (Debian 12's among them): there,
  // get() joins the Set-Cookie lines with ", ", so split before each "name=" (an Expires date's
  // comma is followed by a day number, not a name).
  const raw = typeof res.headers.getSetCookie === 'function'
    ? res.headers.getSetCookie()
    : (res.headers.get('set-cookie') ?? '').split(/,(?=\s*[^;,\s=]+=)/).filter((l) => l.trim() !== '');
  for (const line of raw) {
    const [pair, ...attrs] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '') jar.delete(name);
    else jar.set(name, value);
  }
}
async function browse(url, { method = 'GET', form } = {}) {
  const headers = { 'Accept-Language': 'en' };
  if (jar.size) headers.Cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  let body;
  if (form) {
    body = new URLSearchParams(form).toString();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    headers.Origin = new URL(base).origin;
  }
  const res = await fetch(new URL(url, base), { method, headers, body, redirect: 'manual' });
  keepCookies(res);
  return { status: res.status, location: res.headers.get('location'), text: await res.text(), res };
}
function hiddenFields(html, action) {
  const start = html.indexOf(`action="${action}`);
  assert.ok(start >= 0, `a form posting to ${action}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const fields = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    fields[m[1]] = m[2].replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  return fields;
}
const root = new URL(base).pathname.replace(/\/$/, '');
const step = (s) => console.log(`oidc-client: ${s}`);

// ---- discovery ----
const issuer = await Issuer.discover(base);
assert.equal(issuer.issuer, base.replace(/\/$/, ''));
assert.ok(issuer.metadata.code_challenge_methods_supported.includes('S256'));
step(`discovery: issuer ${issuer.issuer}, JWKS ${issuer.metadata.jwks_uri}`);
const client = new issuer.Client({
  client_id: clientId,
  client_secret: clientSecret,
  redirect_uris: [redirectUri],
  post_logout_redirect_uris: [postLogoutUri],
  response_types: ['code'],
  token_endpoint_auth_method: 'client_secret_basic',
  id_token_signed_response_alg: 'RS256',
});

// ---- code flow with PKCE, through the portal's log-in and consent ----
const codeVerifier = generators.codeVerifier();
const state = generators.state();
const nonce = generators.nonce();
const authUrl = client.authorizationUrl({
  scope: 'openid profile email groups',
  code_challenge: generators.codeChallenge(codeVerifier),
  code_challenge_method: 'S256',
  state,
  nonce,
});
let r = await browse(authUrl);
assert.equal(r.status, 302, 'anonymous: sent to the log-in');
assert.ok(r.location.startsWith(`${root}/login?next=`), r.location);
r = await browse(r.location);
assert.equal(r.status, 200);
const loginForm = hiddenFields(r.text, `${root}/login`);
r = await browse(`${root}/login`, { method: 'POST', form: { ...loginForm, login, password } });
assert.equal(r.status, 303, `log-in accepted (${r.status})`);
assert.ok(r.location.startsWith(`${root}/oidc/authorize?`), r.location);
r = await browse(r.location);
assert.equal(r.status, 200, 'the consent page');
const consent = hiddenFields(r.text, `${root}/oidc/consent`);
r = await browse(`${root}/oidc/consent`, { method: 'POST', form: { ...consent, decision: 'allow' } });
assert.equal(r.status, 303);
assert.ok(r.location.startsWith(redirectUri), r.location);
step('log-in and consent through the portal\'s forms: back at the redirect URI with a code');

const params = client.callbackParams(r.location);
assert.equal(params.iss, issuer.issuer, 'RFC 9207 iss');
// callback() checks state, iss, exchanges the code with the verifier and validates the ID
// token (signature against the JWKS, iss, aud, exp, iat, nonce).
const tokens = await client.callback(redirectUri, params, { code_verifier: codeVerifier, state, nonce });
const claims = tokens.claims();
assert.equal(claims.preferred_username, login);
assert.ok(claims.sub && claims.auth_time && claims.amr.includes('pwd'));
assert.ok(Array.isArray(claims.groups));
step(`ID token valid (RS256, kid ${JSON.parse(Buffer.from(tokens.id_token.split('.')[0], 'base64url')).kid}): sub=${claims.sub} preferred_username=${claims.preferred_username} groups=${JSON.stringify(claims.groups)}`);

// ---- userinfo ----
const info = await client.userinfo(tokens.access_token);
assert.equal(info.sub, claims.sub);
assert.equal(info.email, claims.email);
step(`userinfo: ${JSON.stringify(info)}`);

// ---- refresh, then the old refresh token again ----
const refreshed = await client.refresh(tokens.refresh_token);
assert.notEqual(refreshed.refresh_token, tokens.refresh_token);
assert.equal(refreshed.claims().sub, claims.sub);
step('refresh: new tokens, ID token valid');
await assert.rejects(client.refresh(tokens.refresh_token), (e) => e.error === 'invalid_grant');
await assert.rejects(client.refresh(refreshed.refresh_token), (e) => e.error === 'invalid_grant');
step('refresh token reused: refused, and its family revoked');

// A replayed code is refused.
await assert.rejects(client.callback(redirectUri, params, { code_verifier: codeVerifier, state, nonce }),
  (e) => e.error === 'invalid_grant');
step('code replayed: refused');

// ---- RP-initiated logout ----
const second = await (async () => {
  const v = generators.codeVerifier();
  const st = generators.state();
  const n = generators.nonce();
  const res = await browse(client.authorizationUrl({ scope: 'openid', code_challenge: generators.codeChallenge(v), code_challenge_method: 'S256', state: st, nonce: n }));
  assert.equal(res.status, 302, 'no second consent');
  return client.callback(redirectUri, client.callbackParams(res.location), { code_verifier: v, state: st, nonce: n });
})();
const logoutState = generators.state();
const endUrl = client.endSessionUrl({ id_token_hint: second.id_token, post_logout_redirect_uri: postLogoutUri, state: logoutState });
r = await browse(endUrl);
assert.equal(r.status, 200, 'a confirmation page');
const bye = hiddenFields(r.text, `${root}/oidc/logout`);
r = await browse(`${root}/oidc/logout`, { method: 'POST', form: bye });
assert.equal(r.status, 303);
assert.equal(r.location, `${postLogoutUri}?state=${logoutState}`);
r = await browse(`${root}/account`);
assert.equal(r.status, 303, 'logged out of the portal');
step('RP-initiated logout: confirmed, back at the post-logout URI with the state');
console.log('oidc-client: all checks passed');
