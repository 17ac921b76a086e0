-- The hoster's identity and preferences, one row per key. Values are text; the code that
-- reads a key knows its type. Translated values use keys suffixed with the language
-- (description.fr, description.en).
CREATE TABLE settings (
  key        TEXT PRIMARY KEY NOT NULL,
  value      TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

-- The catalogue of services the hoster runs. Column names follow the ChatonsInfos service
-- file (see PROFILE.md) so that the published profile maps one to one.
CREATE TABLE services (
  id                INTEGER PRIMARY KEY,
  slug              TEXT NOT NULL UNIQUE CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*' AND length(slug) <= 64),
  name              TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  description       TEXT NOT NULL DEFAULT '',
  kind              TEXT NOT NULL DEFAULT '',           -- free label shown to people: "Cloud", "Mail"…
  website           TEXT NOT NULL DEFAULT '',           -- where members use the service
  logo              TEXT NOT NULL DEFAULT '',
  legal_url         TEXT NOT NULL DEFAULT '',
  guide_user        TEXT NOT NULL DEFAULT '',
  guide_technical   TEXT NOT NULL DEFAULT '',
  contact_url       TEXT NOT NULL DEFAULT '',
  contact_email     TEXT NOT NULL DEFAULT '',
  start_date        TEXT NOT NULL DEFAULT '',           -- ISO date
  end_date          TEXT NOT NULL DEFAULT '',
  registration      TEXT NOT NULL DEFAULT 'Member',     -- None / Free / Member / Client, ';'-listed
  registration_load TEXT NOT NULL DEFAULT 'OPEN' CHECK (registration_load IN ('OPEN', 'FULL')),
  install_type      TEXT NOT NULL DEFAULT '',
  host_name         TEXT NOT NULL DEFAULT '',
  host_description  TEXT NOT NULL DEFAULT '',
  host_provider_type TEXT NOT NULL DEFAULT '',
  host_server_type  TEXT NOT NULL DEFAULT '',
  host_hypervisor   TEXT NOT NULL DEFAULT '',
  host_distribution TEXT NOT NULL DEFAULT '',
  host_country_name TEXT NOT NULL DEFAULT '',
  host_country_code TEXT NOT NULL DEFAULT '',
  software_name     TEXT NOT NULL DEFAULT '',
  software_version  TEXT NOT NULL DEFAULT '',
  software_license_name TEXT NOT NULL DEFAULT '',
  software_license_url  TEXT NOT NULL DEFAULT '',
  software_website  TEXT NOT NULL DEFAULT '',
  software_source_url TEXT NOT NULL DEFAULT '',
  software_modules  TEXT NOT NULL DEFAULT '',
  position          INTEGER NOT NULL DEFAULT 0,
  visibility        TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'members')),
  -- what the admin says regardless of incidents: 'auto' follows incidents and maintenance
  admin_state       TEXT NOT NULL DEFAULT 'auto' CHECK (admin_state IN ('auto', 'off', 'draft')),
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL
);
CREATE INDEX services_by_position ON services (position, id);

-- The hoster's own pages (about, terms, privacy, legal notice, and any the admin adds), in
-- Markdown, one row per language.
CREATE TABLE pages (
  slug       TEXT NOT NULL CHECK (length(slug) BETWEEN 1 AND 64),
  lang       TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
  title      TEXT NOT NULL,
  body       TEXT NOT NULL DEFAULT '',
  position   INTEGER NOT NULL DEFAULT 0,   -- order in the menu; 0 = not in the menu
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (slug, lang)
) WITHOUT ROWID;
