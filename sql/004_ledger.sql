-- The contribution log ("open books"): what comes in and what the hosting costs.
--
-- Append-only: an entry is never changed or deleted (the triggers below refuse it); a
-- mistake is fixed by a correcting entry whose reverses_id points at the entry it cancels
-- and whose amount is the opposite. Each entry is chained to the previous one (by id) with
-- hash = BLAKE2b-256(prev_hash || canonical public content); see portal/ledger/chain.h and
-- the README ("Open books") for the exact serialization.
--
-- Amounts are integers: cents (hundredths of the currency unit) for money, hundredths of an
-- hour for volunteer time (currency 'HOUR'; 250 = 2 h 30), which is kept apart from money.
-- entry_date is a calendar day (the hoster's own day, as on the bank statement), never a
-- time: an entry belongs to the month written in its date, whatever the time zone.
CREATE TABLE ledger_entries (
  id          INTEGER PRIMARY KEY,
  entry_date  TEXT NOT NULL CHECK (entry_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  kind        TEXT NOT NULL CHECK (kind IN ('donation', 'membership_fee', 'grant', 'in_kind', 'volunteer_time', 'expense')),
  amount      INTEGER NOT NULL CHECK (amount <> 0 AND (reverses_id IS NULL) = (amount > 0)),
  currency    TEXT NOT NULL CHECK ((currency = 'HOUR') = (kind = 'volunteer_time')
                                   AND (currency = 'HOUR' OR currency GLOB '[A-Z][A-Z][A-Z]')),
  -- the member this came from (private); a deleted member leaves an unlinked entry
  member_id   INTEGER REFERENCES members (id) ON DELETE SET NULL,
  public_name TEXT CHECK (public_name IS NULL OR length(public_name) BETWEEN 1 AND 200),  -- only with consent
  private_note TEXT NOT NULL DEFAULT '',
  category    TEXT NOT NULL DEFAULT '' CHECK (length(category) <= 64),             -- for expenses
  reverses_id INTEGER REFERENCES ledger_entries (id),
  import_key  TEXT UNIQUE,                                     -- hash of the imported line
  recorded_at INTEGER NOT NULL,
  recorded_by TEXT NOT NULL DEFAULT '',
  prev_hash   TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash        TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
);
-- an entry is corrected at most once
CREATE UNIQUE INDEX ledger_entries_reversal ON ledger_entries (reverses_id) WHERE reverses_id IS NOT NULL;
-- a member's own entries, by date
CREATE INDEX ledger_entries_by_member ON ledger_entries (member_id, entry_date, id) WHERE member_id IS NOT NULL;
-- entries of a month or year (the list is paged by id, the primary key)
CREATE INDEX ledger_entries_by_date ON ledger_entries (entry_date, id);

CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries is append-only: record a correcting entry instead');
END;
CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE OF
  id, entry_date, kind, amount, currency, public_name, private_note, category, reverses_id, import_key,
  recorded_at, recorded_by, prev_hash, hash ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries is append-only: record a correcting entry instead');
END;
-- The only change allowed: the member link set to NULL when the member is deleted (ON DELETE
-- SET NULL). The link is private and not part of the hash.
CREATE TRIGGER ledger_entries_member_unlink_only BEFORE UPDATE OF member_id ON ledger_entries
WHEN NEW.member_id IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries is append-only: record a correcting entry instead');
END;

-- Totals per month, kind, expense category and currency, kept by trigger in the same
-- transaction as each entry, so that the public page never sums the whole log.
CREATE TABLE ledger_monthly (
  month     TEXT NOT NULL,              -- 'YYYY-MM'
  kind      TEXT NOT NULL,
  category  TEXT NOT NULL,
  currency  TEXT NOT NULL,
  total     INTEGER NOT NULL,
  entries   INTEGER NOT NULL,
  PRIMARY KEY (month, kind, category, currency)
) WITHOUT ROWID;

CREATE TRIGGER ledger_entries_monthly AFTER INSERT ON ledger_entries
BEGIN
  INSERT INTO ledger_monthly (month, kind, category, currency, total, entries)
  VALUES (substr(NEW.entry_date, 1, 7), NEW.kind, NEW.category, NEW.currency, NEW.amount, 1)
  ON CONFLICT (month, kind, category, currency)
  DO UPDATE SET total = total + excluded.total, entries = entries + 1;
END;

-- Who contributed in a year (donation, fee, grant, in-kind or volunteer time): a member,
-- else a public name, else the entry itself (an anonymous, unlinked gift counts as one
-- contributor). `entries` counts their entries, less the corrected ones; the number of
-- contributors of a year (entries > 0) is kept by trigger, so reading it costs one row.
-- A correcting entry carries the date, member and public name of the entry it reverses.
CREATE TABLE ledger_contributors (
  year    TEXT NOT NULL,
  who     TEXT NOT NULL,
  entries INTEGER NOT NULL,
  PRIMARY KEY (year, who)
) WITHOUT ROWID;
CREATE TABLE ledger_yearly_contributors (
  year  TEXT PRIMARY KEY NOT NULL,
  count INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER ledger_entries_contributor AFTER INSERT ON ledger_entries
WHEN NEW.kind <> 'expense'
BEGIN
  INSERT INTO ledger_contributors (year, who, entries)
  VALUES (substr(NEW.entry_date, 1, 4),
          CASE WHEN NEW.member_id IS NOT NULL THEN 'm:' || NEW.member_id
               WHEN NEW.public_name IS NOT NULL THEN 'n:' || NEW.public_name
               ELSE 'e:' || coalesce(NEW.reverses_id, NEW.id) END,
          CASE WHEN NEW.reverses_id IS NULL THEN 1 ELSE -1 END)
  ON CONFLICT (year, who) DO UPDATE SET entries = entries + excluded.entries;
END;
CREATE TRIGGER ledger_contributors_new AFTER INSERT ON ledger_contributors
WHEN NEW.entries > 0
BEGIN
  INSERT INTO ledger_yearly_contributors (year, count) VALUES (NEW.year, 1)
  ON CONFLICT (year) DO UPDATE SET count = count + 1;
END;
CREATE TRIGGER ledger_contributors_change AFTER UPDATE OF entries ON ledger_contributors
WHEN (OLD.entries > 0) <> (NEW.entries > 0)
BEGIN
  INSERT INTO ledger_yearly_contributors (year, count) VALUES (NEW.year, CASE WHEN NEW.entries > 0 THEN 1 ELSE 0 END)
  ON CONFLICT (year) DO UPDATE SET count = count + (CASE WHEN NEW.entries > 0 THEN 1 ELSE -1 END);
END;

-- Funding goals: from `valid_from` on, the hoster needs `amount` per month (or year).
-- The newest goal whose valid_from has come is the current one; amount 0 means no goal.
CREATE TABLE funding_goals (
  id         INTEGER PRIMARY KEY,
  period     TEXT NOT NULL CHECK (period IN ('monthly', 'yearly')),
  amount     INTEGER NOT NULL CHECK (amount >= 0),
  currency   TEXT NOT NULL CHECK (currency GLOB '[A-Z][A-Z][A-Z]'),
  valid_from TEXT NOT NULL CHECK (valid_from GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX funding_goals_by_start ON funding_goals (valid_from, id);

-- Chain heads the admin published (so that anyone can later check the log only grew).
CREATE TABLE ledger_published_heads (
  id           INTEGER PRIMARY KEY,
  entry_id     INTEGER NOT NULL,
  hash         TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  published_by TEXT NOT NULL DEFAULT ''
);
