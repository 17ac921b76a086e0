-- Two more kinds of one-time links (issue 13): confirming a new e-mail address
-- (email_change: `email` is the new address, sent to it) and undoing an address change
-- ("this wasn't me", email_revert: `email` is the previous address, sent to it). SQLite
-- cannot change a CHECK constraint in place, so the table is rebuilt with its rows.
CREATE TABLE one_time_tokens_new (
  token_hash  TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('invite', 'reset', 'verify', 'email_change', 'email_revert')),
  member_id   INTEGER REFERENCES members (id) ON DELETE CASCADE,
  email       TEXT NOT NULL DEFAULT '',
  created_by  INTEGER REFERENCES members (id) ON DELETE SET NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER
) WITHOUT ROWID;
INSERT INTO one_time_tokens_new (token_hash, kind, member_id, email, created_by, created_at, expires_at, used_at)
  SELECT token_hash, kind, member_id, email, created_by, created_at, expires_at, used_at FROM one_time_tokens;
DROP TABLE one_time_tokens;
ALTER TABLE one_time_tokens_new RENAME TO one_time_tokens;
CREATE INDEX one_time_tokens_by_member ON one_time_tokens (member_id, kind);
