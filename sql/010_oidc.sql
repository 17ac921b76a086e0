-- The portal as an OpenID Connect provider (issue 17).

-- Signing keys. The newest key of each algorithm signs; a key superseded by `chatiere oidc
-- rotate-keys` stays published in the JWKS until the tokens it signed have expired.
CREATE TABLE oidc_keys (
  kid         TEXT PRIMARY KEY NOT NULL,
  alg         TEXT NOT NULL CHECK (alg IN ('RS256', 'EdDSA')),
  private_key TEXT NOT NULL,                 -- PKCS#8 PEM (RSA) or base64 seed (Ed25519)
  public_jwk  TEXT NOT NULL,                 -- the JWK as published
  created_at  INTEGER NOT NULL,
  retired_at  INTEGER                        -- when a newer key took over
) WITHOUT ROWID;

-- Relying parties. Only a hash of the secret is kept; URIs are newline-separated, matched exactly.
CREATE TABLE oidc_clients (
  id                     INTEGER PRIMARY KEY,
  client_id              TEXT NOT NULL UNIQUE,
  name                   TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  secret_hash            TEXT NOT NULL DEFAULT '',      -- empty for a public client
  redirect_uris          TEXT NOT NULL,
  post_logout_uris       TEXT NOT NULL DEFAULT '',
  backchannel_logout_uri TEXT NOT NULL DEFAULT '',
  service_id             INTEGER REFERENCES services (id) ON DELETE SET NULL,
  group_slug             TEXT NOT NULL DEFAULT '',      -- only members of this group may log in
  public                 INTEGER NOT NULL DEFAULT 0,
  auth_method            TEXT NOT NULL DEFAULT 'basic' CHECK (auth_method IN ('basic', 'post', 'none')),
  alg                    TEXT NOT NULL DEFAULT 'RS256' CHECK (alg IN ('RS256', 'EdDSA')),
  created_at             INTEGER NOT NULL
);
CREATE INDEX oidc_clients_by_service ON oidc_clients (service_id);

-- What a member let a client receive; asked once, until revoked.
CREATE TABLE oidc_consents (
  member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  client_id  INTEGER NOT NULL REFERENCES oidc_clients (id) ON DELETE CASCADE,
  scope      TEXT NOT NULL,
  granted_at INTEGER NOT NULL,
  PRIMARY KEY (member_id, client_id)
) WITHOUT ROWID;
CREATE INDEX oidc_consents_by_client ON oidc_consents (client_id);

-- One log-in of a member to a client: the family of its refresh tokens and access tokens.
-- Revoking it (replayed code, reused refresh token, consent withdrawn, member suspended)
-- ends every token it issued.
CREATE TABLE oidc_grants (
  id         INTEGER PRIMARY KEY,
  client_id  INTEGER NOT NULL REFERENCES oidc_clients (id) ON DELETE CASCADE,
  member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  scope      TEXT NOT NULL,
  auth_time  INTEGER NOT NULL,
  amr        TEXT NOT NULL DEFAULT 'pwd',                 -- space-separated (RFC 8176)
  -- The session id of this log-in (Back-Channel Logout 1.0 `sid`): in its ID tokens and in
  -- the logout token that ends it, so that a client (Synapse) logs out that very device.
  sid        TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX oidc_grants_by_member ON oidc_grants (member_id, client_id);
CREATE INDEX oidc_grants_by_client ON oidc_grants (client_id);

-- Authorization codes: single use, 60 seconds. The grant is created when the code is
-- redeemed, so a replay can revoke it.
CREATE TABLE oidc_codes (
  code_hash      TEXT PRIMARY KEY NOT NULL,
  client_id      INTEGER NOT NULL REFERENCES oidc_clients (id) ON DELETE CASCADE,
  member_id      INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  redirect_uri   TEXT NOT NULL,
  scope          TEXT NOT NULL,
  nonce          TEXT NOT NULL DEFAULT '',
  code_challenge TEXT NOT NULL DEFAULT '',
  auth_time      INTEGER NOT NULL,
  amr            TEXT NOT NULL DEFAULT 'pwd',
  created_at     INTEGER NOT NULL,
  expires_at     INTEGER NOT NULL,
  used_at        INTEGER,
  grant_id       INTEGER REFERENCES oidc_grants (id) ON DELETE SET NULL
) WITHOUT ROWID;
CREATE INDEX oidc_codes_by_expiry ON oidc_codes (expires_at);

-- Refresh tokens (rotated on each use) and access tokens (5 minutes): hashes only.
CREATE TABLE oidc_refresh_tokens (
  token_hash TEXT PRIMARY KEY NOT NULL,
  grant_id   INTEGER NOT NULL REFERENCES oidc_grants (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
) WITHOUT ROWID;
CREATE INDEX oidc_refresh_by_grant ON oidc_refresh_tokens (grant_id);

CREATE TABLE oidc_access_tokens (
  token_hash TEXT PRIMARY KEY NOT NULL,
  grant_id   INTEGER NOT NULL REFERENCES oidc_grants (id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX oidc_access_by_grant ON oidc_access_tokens (grant_id);
CREATE INDEX oidc_access_by_expiry ON oidc_access_tokens (expires_at);

-- Back-channel logout tokens (OIDC Back-Channel Logout 1.0) waiting to be delivered.
CREATE TABLE oidc_logout_queue (
  id              INTEGER PRIMARY KEY,
  client_id       INTEGER NOT NULL REFERENCES oidc_clients (id) ON DELETE CASCADE,
  url             TEXT NOT NULL,
  logout_token    TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT NOT NULL DEFAULT '',
  delivered_at    INTEGER
);
CREATE INDEX oidc_logout_pending ON oidc_logout_queue (next_attempt_at) WHERE delivered_at IS NULL;

-- The `sub` each member is known by: random, never reused (a member id could be given again
-- to a new account after the last one is deleted), unchanged when the member is renamed.
CREATE TABLE oidc_subjects (
  member_id INTEGER PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
  sub       TEXT NOT NULL UNIQUE
);
