-- Status subscriptions by e-mail (issue 19): anyone may follow the incidents and maintenance
-- of public services, after confirming their address; members choose per service.

-- The key that signs the links of subscription mails (manage, one-click unsubscribe). One
-- row, made here; the code makes it too if it is ever missing.
CREATE TABLE subscription_keys (
  id     INTEGER PRIMARY KEY CHECK (id = 1),
  secret BLOB NOT NULL CHECK (length(secret) = 32)
);
INSERT INTO subscription_keys (id, secret) VALUES (1, randomblob(32));

-- A confirmed subscription. Nothing is kept of a visitor but this row and its services.
CREATE TABLE subscribers (
  id           INTEGER PRIMARY KEY,
  email        TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(email) BETWEEN 3 AND 254),
  lang         TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
  all_services INTEGER NOT NULL DEFAULT 0 CHECK (all_services IN (0, 1)),  -- every public service, new ones too
  maintenance  INTEGER NOT NULL DEFAULT 0 CHECK (maintenance IN (0, 1)),   -- also scheduled maintenance
  -- part of every signed link: a deleted subscription's links stay dead even if its id returns
  salt         TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);
-- mail about an incident: those following everything, then those following one of its services
CREATE INDEX subscribers_following_all ON subscribers (all_services) WHERE all_services = 1;

CREATE TABLE subscriber_services (
  subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
  service_id    INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  PRIMARY KEY (subscriber_id, service_id)
) WITHOUT ROWID;
CREATE INDEX subscriber_services_by_service ON subscriber_services (service_id, subscriber_id);

-- A subscription waiting for its address to be confirmed (double opt-in). It changes nothing
-- until the mailed link is followed, and is forgotten at expires_at (48 hours).
CREATE TABLE subscription_requests (
  token_hash   TEXT PRIMARY KEY,
  email        TEXT NOT NULL,
  lang         TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
  all_services INTEGER NOT NULL CHECK (all_services IN (0, 1)),
  maintenance  INTEGER NOT NULL CHECK (maintenance IN (0, 1)),
  services     TEXT NOT NULL DEFAULT '',   -- JSON array of service ids
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX subscription_requests_by_expiry ON subscription_requests (expires_at);

-- What subscribers were told about each incident or maintenance.
CREATE TABLE incident_notices (
  incident_id      INTEGER PRIMARY KEY REFERENCES incidents (id) ON DELETE CASCADE,
  silent           INTEGER NOT NULL DEFAULT 0 CHECK (silent IN (0, 1)),  -- the admin said "do not notify"
  last_sent_at     INTEGER,   -- the last mail to subscribers about it
  due_at           INTEGER,   -- changes wait to be sent together at this time (coalescing)
  reminder_sent_at INTEGER    -- maintenance: the reminder before the window
);
CREATE INDEX incident_notices_due ON incident_notices (due_at) WHERE due_at IS NOT NULL;

-- A member's choice per service; without a row, a service attached to the member is on
-- (unless notify_incidents, the old single switch, is off) and any other is off.
CREATE TABLE member_alerts (
  member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  service_id INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  wanted     INTEGER NOT NULL CHECK (wanted IN (0, 1)),
  PRIMARY KEY (member_id, service_id)
) WITHOUT ROWID;
CREATE INDEX member_alerts_by_service ON member_alerts (service_id, member_id);
-- A member who had turned the single switch off stays off for every service.
INSERT INTO member_alerts (member_id, service_id, wanted)
  SELECT m.id, s.id, 0 FROM members m CROSS JOIN services s WHERE m.notify_incidents = 0;

-- Extra mail headers (List-Unsubscribe, List-Unsubscribe-Post, List-Id), one "Name: value"
-- a line.
ALTER TABLE outbox ADD COLUMN headers TEXT NOT NULL DEFAULT '';
