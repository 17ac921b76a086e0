-- Service requests and leaving (issue 18): a member asks for an account on a service, the
-- admins approve (attaching the member), refuse with a reason or ask a question; deleting
-- one's account leaves the admins a to-do of the accounts to close by hand on the services.

-- How a service answers requests: every one waits for an admin ("approval", the default), or
-- a member in good standing (or anyone, when membership is turned off) is attached at once.
ALTER TABLE services ADD COLUMN request_mode TEXT NOT NULL DEFAULT 'approval'
  CHECK (request_mode IN ('approval', 'automatic'));

-- Each admin's choice: one mail per request ("each"), or one daily digest. The digest remembers
-- when it last ran (local day) and the last request it covered.
ALTER TABLE members ADD COLUMN request_notify TEXT NOT NULL DEFAULT 'each'
  CHECK (request_notify IN ('each', 'digest'));
ALTER TABLE members ADD COLUMN request_digest_at INTEGER;
ALTER TABLE members ADD COLUMN request_digest_after INTEGER NOT NULL DEFAULT 0;
-- The admins, without reading every account (mail to admins on each request, the digest job).
CREATE INDEX members_admins ON members (id) WHERE role = 'admin';

CREATE TABLE service_requests (
  id          INTEGER PRIMARY KEY,
  member_id   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  service_id  INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  state       TEXT NOT NULL DEFAULT 'pending'
              CHECK (state IN ('pending', 'question', 'approved', 'refused', 'cancelled')),
  terms_accepted INTEGER NOT NULL DEFAULT 0 CHECK (terms_accepted IN (0, 1)),  -- the service's own terms
  automatic   INTEGER NOT NULL DEFAULT 0 CHECK (automatic IN (0, 1)),        -- approved by the service's rule
  identifier  TEXT NOT NULL DEFAULT '',   -- the member's name on the service, once approved
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  decided_at  INTEGER,
  -- The queue's order: pending (newest first), then waiting for the member's answer, then the
  -- decided ones; one integer so that a page is one index range (keyset pagination).
  queue_key   INTEGER GENERATED ALWAYS AS
              ((CASE state WHEN 'pending' THEN 0 WHEN 'question' THEN 1 ELSE 2 END) * 1099511627776 - id) VIRTUAL
);
-- At most one open request per member and service.
CREATE UNIQUE INDEX service_requests_open ON service_requests (member_id, service_id)
  WHERE state IN ('pending', 'question');
CREATE INDEX service_requests_by_member ON service_requests (member_id, id);
CREATE INDEX service_requests_by_state ON service_requests (state, id);
CREATE INDEX service_requests_queue ON service_requests (queue_key);

-- What was said, in order: the member's message and replies, the admins' questions, the
-- reason of a refusal.
CREATE TABLE service_request_notes (
  id          INTEGER PRIMARY KEY,
  request_id  INTEGER NOT NULL REFERENCES service_requests (id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('message', 'question', 'reply', 'reason')),
  body        TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
  at          INTEGER NOT NULL
);
CREATE INDEX service_request_notes_by_request ON service_request_notes (request_id, id);

-- Leaving: the accounts on services that an admin must close by hand. The service's name and
-- the identifier ONLY: no link to the deleted member, nothing else about the person. The
-- identifier is erased when an admin marks the account closed.
CREATE TABLE departures (
  id           INTEGER PRIMARY KEY,
  service_name TEXT NOT NULL,
  identifier   TEXT NOT NULL DEFAULT '',
  closed_at    INTEGER,
  closed_by    TEXT NOT NULL DEFAULT ''    -- the admin who closed it
);
CREATE INDEX departures_open ON departures (id) WHERE closed_at IS NULL;
