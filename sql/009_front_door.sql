-- The front door and the first minutes (issue 15).

-- An update may change how each service is affected (major outage → degraded → operational),
-- as Statuspage and Cachet do: "operational" keeps the service in the incident while saying it
-- works again. SQLite cannot change a CHECK, so the table is rebuilt.
CREATE TABLE incident_services_new (
  incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  service_id  INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  effect      TEXT NOT NULL CHECK (effect IN ('operational', 'degraded', 'partial_outage', 'major_outage')),
  PRIMARY KEY (incident_id, service_id)
) WITHOUT ROWID;
INSERT INTO incident_services_new (incident_id, service_id, effect)
  SELECT incident_id, service_id, effect FROM incident_services;
DROP TABLE incident_services;
ALTER TABLE incident_services_new RENAME TO incident_services;
CREATE INDEX incident_services_by_service ON incident_services (service_id, incident_id);

-- What each update changed, for the timeline ("Cloud: degraded → operational").
CREATE TABLE incident_update_effects (
  update_id  INTEGER NOT NULL REFERENCES incident_updates (id) ON DELETE CASCADE,
  service_id INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
  effect     TEXT NOT NULL CHECK (effect IN ('operational', 'degraded', 'partial_outage', 'major_outage')),
  PRIMARY KEY (update_id, service_id)
) WITHOUT ROWID;

-- A service's kind in English beside `kind`, the French text people read ("Nuage" / "Cloud");
-- each language falls back on the other when empty.
ALTER TABLE services ADD COLUMN kind_en TEXT NOT NULL DEFAULT '';
