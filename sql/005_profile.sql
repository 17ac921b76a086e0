-- The published profile (ChatonsInfos files, signatures) and the daily counters behind its
-- metrics.* lines.

-- One counter per name and local day: "http.hits" is summed over the day, snapshots such as
-- "members.accounts" or "service.<id>.accounts" hold the day's last value. Nothing here
-- identifies a person.
CREATE TABLE metrics_daily (
  name  TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  day   TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  value INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (name, day)
) WITHOUT ROWID;

-- The Ed25519 key pair that signs the published files. The current key is the newest row
-- that is not retired. The secret key never leaves the database.
CREATE TABLE profile_keys (
  id          INTEGER PRIMARY KEY,
  algorithm   TEXT NOT NULL DEFAULT 'ed25519' CHECK (algorithm = 'ed25519'),
  public_key  TEXT NOT NULL,                      -- base64 of the 32-byte public key
  secret_key  BLOB NOT NULL CHECK (length(secret_key) = 64),
  created_at  INTEGER NOT NULL,
  retired_at  INTEGER
);

-- What each published file last said: the hash of its content (all but file.datetime) and
-- when that content first appeared, so file.datetime moves only when the content changes.
CREATE TABLE profile_files (
  name         TEXT PRIMARY KEY NOT NULL,          -- "organization.properties", "service-cloud.properties"
  content_hash TEXT NOT NULL,
  changed_at   INTEGER NOT NULL
) WITHOUT ROWID;
