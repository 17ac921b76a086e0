-- Incidents and scheduled maintenance, their effect on services, and their timeline.
--
-- `started_at` / `closes_at` bound the time the event counts for the services' status:
--   incident:    started_at = when it began; closes_at = resolved_at, or 9223372036854775807
--                while it is open (so "open now" is one range on an index: closes_at > now)
--   maintenance: started_at = window start (or when it was started early); closes_at = window
--                end (or when it was completed early). Its state moves with the clock.
CREATE TABLE incidents (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('incident', 'maintenance')),
  title           TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  impact          TEXT NOT NULL DEFAULT 'minor' CHECK (impact IN ('none', 'minor', 'major', 'critical')),
  -- the state an admin or a tool set last; a maintenance's shown state also depends on the clock
  state           TEXT NOT NULL CHECK (state IN ('investigating', 'identified', 'monitoring', 'resolved',
                                                 'scheduled', 'in_progress', 'completed')),
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  started_at      INTEGER NOT NULL,
  closes_at       INTEGER NOT NULL,
  resolved_at     INTEGER,                          -- set when resolved / completed by someone
  scheduled_start INTEGER,                          -- maintenance only: the announced window
  scheduled_end   INTEGER,
  postmortem      TEXT NOT NULL DEFAULT '',
  CHECK (kind = 'incident' OR (scheduled_start IS NOT NULL AND scheduled_end > scheduled_start))
);
-- open or running now, upcoming maintenance, and the 90-day history: closes_at > since
CREATE INDEX incidents_by_close ON incidents (closes_at);
-- feeds and API lists, newest change first
CREATE INDEX incidents_by_update ON incidents (updated_at, id);

CREATE TABLE incident_services (
  incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  service_id  INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  effect      TEXT NOT NULL CHECK (effect IN ('degraded', 'partial_outage', 'major_outage')),
  PRIMARY KEY (incident_id, service_id)
) WITHOUT ROWID;
-- one service's incidents, newest first
CREATE INDEX incident_services_by_service ON incident_services (service_id, incident_id);

CREATE TABLE incident_updates (
  id          INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  at          INTEGER NOT NULL,
  author_id   INTEGER REFERENCES members (id) ON DELETE SET NULL,
  author_name TEXT NOT NULL DEFAULT '',            -- kept if the author is deleted; a token's name for tools
  state       TEXT NOT NULL,                       -- the incident's state when this was written
  body        TEXT NOT NULL DEFAULT ''             -- Markdown
);
CREATE INDEX incident_updates_by_incident ON incident_updates (incident_id, at, id);

-- Tokens for monitoring tools (write API). Only a hash of the token is stored.
CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  token_hash   TEXT NOT NULL UNIQUE,
  created_by   INTEGER REFERENCES members (id) ON DELETE SET NULL,
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at   INTEGER
);

-- URLs that receive a signed JSON POST on every change of an incident or maintenance.
CREATE TABLE webhooks (
  id         INTEGER PRIMARY KEY,
  url        TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
  secret     TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  active     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX webhooks_active ON webhooks (active);

CREATE TABLE webhook_deliveries (
  id              INTEGER PRIMARY KEY,
  webhook_id      INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  payload         TEXT NOT NULL,                   -- the JSON body, signed when sent
  created_at      INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error      TEXT NOT NULL DEFAULT '',
  delivered_at    INTEGER
);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (next_attempt_at) WHERE delivered_at IS NULL;
CREATE INDEX webhook_deliveries_by_webhook ON webhook_deliveries (webhook_id, id);
