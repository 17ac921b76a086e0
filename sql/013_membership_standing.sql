-- Membership at scale (issue 18): each member's membership dates as derived from their fees
-- (membership::derive, the single source) are stored on the member, so that the register,
-- its counts and its filters read an index instead of every fee. The state at a day D is a
-- range of member_until (see membership::state_bounds); honorary stands outside the dates.
--
-- The dates are kept in step without trusting every writer: the triggers below put a member
-- whose fees (or link, or the policy) change in membership_stale, and the portal recomputes
-- the stale members (actions::refresh_standings) after each change and before it reads.
ALTER TABLE members ADD COLUMN member_since TEXT;  -- 'YYYY-MM-DD': first day of the first counted fee's year
ALTER TABLE members ADD COLUMN member_until TEXT;  -- 'YYYY-MM-DD': last day of membership; NULL: never paid
CREATE INDEX members_by_standing ON members (honorary, member_until, name);
CREATE INDEX members_honorary_by_name ON members (name) WHERE honorary = 1;

-- How many accounts have each last day (honorary apart; '' for none), kept by trigger: the
-- counts per state are sums over a few hundred days instead of counts over every member.
CREATE TABLE membership_days (
  honorary INTEGER NOT NULL,
  until    TEXT NOT NULL,
  n        INTEGER NOT NULL,
  PRIMARY KEY (honorary, until)
) WITHOUT ROWID;
INSERT INTO membership_days (honorary, until, n)
  SELECT honorary, coalesce(member_until, ''), count(*) FROM members GROUP BY 1, 2;
CREATE TRIGGER membership_days_insert AFTER INSERT ON members
BEGIN
  INSERT INTO membership_days (honorary, until, n) VALUES (NEW.honorary, coalesce(NEW.member_until, ''), 1)
  ON CONFLICT (honorary, until) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER membership_days_delete AFTER DELETE ON members
BEGIN
  UPDATE membership_days SET n = n - 1 WHERE honorary = OLD.honorary AND until = coalesce(OLD.member_until, '');
END;
CREATE TRIGGER membership_days_update AFTER UPDATE OF member_until, honorary ON members
WHEN OLD.member_until IS NOT NEW.member_until OR OLD.honorary <> NEW.honorary
BEGIN
  UPDATE membership_days SET n = n - 1 WHERE honorary = OLD.honorary AND until = coalesce(OLD.member_until, '');
  INSERT INTO membership_days (honorary, until, n) VALUES (NEW.honorary, coalesce(NEW.member_until, ''), 1)
  ON CONFLICT (honorary, until) DO UPDATE SET n = n + 1;
END;

-- (The triggers use upserts: an outer statement's conflict clause would override OR REPLACE.)
-- Members whose stored dates must be recomputed from `due` on ('' = now; a fee dated after
-- today counts from its date, so its member is recomputed on that day).
CREATE TABLE membership_stale (
  member_id INTEGER PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
  due       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX membership_stale_by_due ON membership_stale (due);

-- A fee, or the correction of a fee, changes its member's dates.
CREATE TRIGGER membership_fee_added AFTER INSERT ON ledger_entries
WHEN NEW.kind = 'membership_fee'
BEGIN
  INSERT INTO membership_stale (member_id, due)
  SELECT id, '' FROM members
  WHERE id = NEW.member_id OR id = (SELECT r.member_id FROM ledger_entries r WHERE r.id = NEW.reverses_id)
  ON CONFLICT (member_id) DO UPDATE SET due = '';
END;

-- Imported fees are anonymous: the admin may link a membership fee with no member to one,
-- once (this replaces 004's ledger_entries_member_unlink_only). Any other change of the link
-- stays refused, but for its removal when the member is deleted. The link is outside the hash
-- chain, so the log still verifies.
DROP TRIGGER ledger_entries_member_unlink_only;
CREATE TRIGGER ledger_entries_member_link_fee_once BEFORE UPDATE OF member_id ON ledger_entries
WHEN NEW.member_id IS NOT NULL
 AND NOT (OLD.member_id IS NULL AND OLD.kind = 'membership_fee' AND OLD.reverses_id IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries is append-only: record a correcting entry instead');
END;
CREATE TRIGGER membership_fee_linked AFTER UPDATE OF member_id ON ledger_entries
WHEN NEW.kind = 'membership_fee' AND NEW.member_id IS NOT NULL
BEGIN
  INSERT INTO membership_stale (member_id, due) VALUES (NEW.member_id, '')
  ON CONFLICT (member_id) DO UPDATE SET due = '';
END;

-- A change of the year policy, its first day, the minimum or its currency changes everyone's
-- dates (the windows, renewal_days and grace_days, are read at each day and change none).
CREATE TRIGGER membership_policy_inserted AFTER INSERT ON settings
WHEN NEW.key IN ('membership.policy', 'membership.year_start', 'membership.minimum_fee', 'membership.currency')
BEGIN
  INSERT INTO membership_stale (member_id, due) SELECT id, '' FROM members WHERE true
  ON CONFLICT (member_id) DO UPDATE SET due = '';
END;
CREATE TRIGGER membership_policy_updated AFTER UPDATE OF value ON settings
WHEN NEW.key IN ('membership.policy', 'membership.year_start', 'membership.minimum_fee', 'membership.currency')
 AND OLD.value IS NOT NEW.value
BEGIN
  INSERT INTO membership_stale (member_id, due) SELECT id, '' FROM members WHERE true
  ON CONFLICT (member_id) DO UPDATE SET due = '';
END;

-- What the daily job last saw of each member's state, to audit each change (and to act when
-- a member lapses under the "sso" lapse effect).
--   membership.lapse_effect  nothing (default) | sso: after the grace period, no single sign-on
CREATE TABLE membership_seen (
  member_id INTEGER PRIMARY KEY REFERENCES members (id) ON DELETE CASCADE,
  state     TEXT NOT NULL,
  seen_on   TEXT NOT NULL
);

-- The members of before this migration get their dates at the portal's first read.
INSERT INTO membership_stale (member_id) SELECT id FROM members;

-- Linked fees by amount, for the admin's list of fees under the minimum: covering (kind and
-- reverses_id too, since the query repeats the partial WHERE), so that
-- the list reads only the fees under the minimum, never the ledger's rows (20 ms → 1 ms with
-- 100,000 members and a million entries).
CREATE INDEX ledger_entries_fees_by_amount ON ledger_entries (amount, currency, entry_date, member_id, kind, reverses_id)
  WHERE kind = 'membership_fee' AND member_id IS NOT NULL AND reverses_id IS NULL;

-- The day each daily membership task last ran ('YYYY-MM-DD'), so that it runs once a day
-- whatever the job's pace and restarts.
CREATE TABLE membership_jobs (
  name TEXT PRIMARY KEY NOT NULL,
  day  TEXT NOT NULL
) WITHOUT ROWID;

-- Renewal reminders by mail: one per member, last day and reminder (days before the last
-- day, 0: at lapse), never twice.
--   membership.reminder_days  "30,7,0" (default)
CREATE TABLE membership_reminders (
  member_id    INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  member_until TEXT NOT NULL,
  days_before  INTEGER NOT NULL,
  sent_at      INTEGER NOT NULL,
  PRIMARY KEY (member_id, member_until, days_before)
) WITHOUT ROWID;

-- The member's choice to receive membership reminders (their space, profile).
ALTER TABLE members ADD COLUMN notify_membership INTEGER NOT NULL DEFAULT 1 CHECK (notify_membership IN (0, 1));
