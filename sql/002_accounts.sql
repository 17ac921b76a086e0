-- Member accounts. `name` is the log-in name; e-mail is unique too. A deleted member's row
-- is removed; their ledger entries keep an anonymous reference (see the ledger migration).
CREATE TABLE members (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
  display_name   TEXT NOT NULL DEFAULT '',
  email          TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(email) BETWEEN 3 AND 254),
  email_verified INTEGER NOT NULL DEFAULT 0,
  password_hash  TEXT NOT NULL DEFAULT '',           -- libsodium Argon2id string
  role           TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'admin')),
  status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'suspended')),
  locale         TEXT NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
  totp_secret    TEXT,                               -- base32; NULL when the second factor is off
  totp_last_step INTEGER NOT NULL DEFAULT 0,         -- refuses a replayed code
  notify_incidents INTEGER NOT NULL DEFAULT 1,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  last_login_at  INTEGER
);
CREATE INDEX members_by_status ON members (status, id);
CREATE INDEX members_by_created ON members (created_at, id);

-- Sessions: only a hash of the cookie's id is stored.
CREATE TABLE sessions (
  id            INTEGER PRIMARY KEY,
  member_id     INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  token_hash    TEXT NOT NULL UNIQUE,
  csrf_token    TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  last_seen_at  INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,                    -- absolute end
  remember      INTEGER NOT NULL DEFAULT 0,
  user_agent    TEXT NOT NULL DEFAULT '',
  second_factor_pending INTEGER NOT NULL DEFAULT 0   -- password given, TOTP code still awaited
);
CREATE INDEX sessions_by_member ON sessions (member_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- One-time links: invitations, password resets, e-mail checks. Only hashes are stored.
CREATE TABLE one_time_tokens (
  token_hash  TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('invite', 'reset', 'verify')),
  member_id   INTEGER REFERENCES members (id) ON DELETE CASCADE,
  email       TEXT NOT NULL DEFAULT '',
  created_by  INTEGER REFERENCES members (id) ON DELETE SET NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER
) WITHOUT ROWID;
CREATE INDEX one_time_tokens_by_member ON one_time_tokens (member_id);

CREATE TABLE recovery_codes (
  member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  code_hash  TEXT NOT NULL,
  used_at    INTEGER,
  PRIMARY KEY (member_id, code_hash)
) WITHOUT ROWID;

-- Which member uses which service, with their identifier there.
CREATE TABLE member_services (
  member_id   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  service_id  INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  identifier  TEXT NOT NULL DEFAULT '',
  since       INTEGER NOT NULL,
  PRIMARY KEY (member_id, service_id)
) WITHOUT ROWID;
CREATE INDEX member_services_by_service ON member_services (service_id, member_id);

-- Mail waiting to be handed to sendmail. A row stays until delivered; failures back off.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  to_addr         TEXT NOT NULL,
  subject         TEXT NOT NULL,
  body            TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT NOT NULL DEFAULT '',
  sent_at         INTEGER
);
CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE sent_at IS NULL;

-- Who did what, for the admins.
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at        INTEGER NOT NULL,
  actor_id  INTEGER REFERENCES members (id) ON DELETE SET NULL,
  actor     TEXT NOT NULL DEFAULT '',              -- name at the time (kept if the actor is deleted)
  action    TEXT NOT NULL,                         -- "member.suspend", "incident.open"…
  target    TEXT NOT NULL DEFAULT '',
  details   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_actor ON audit_log (actor_id);
CREATE INDEX audit_log_by_target ON audit_log (target);
CREATE INDEX outbox_by_recipient ON outbox (to_addr);
