-- The hoster's own pages keep every saved version; news; what terms each member accepted;
-- the uploaded logo.

-- Every save of a page appends a version. Versions are numbered per page across both
-- languages: version N is the state of the page (in each language) after its Nth save, so
-- "the terms a member accepted" is one number.
CREATE TABLE page_versions (
  slug       TEXT NOT NULL CHECK (length(slug) BETWEEN 1 AND 64),
  version    INTEGER NOT NULL CHECK (version > 0),
  lang       TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
  title      TEXT NOT NULL,
  body       TEXT NOT NULL DEFAULT '',
  changed_at INTEGER NOT NULL,
  changed_by INTEGER REFERENCES members (id) ON DELETE SET NULL,
  PRIMARY KEY (slug, version)
) WITHOUT ROWID;
CREATE INDEX page_versions_by_lang ON page_versions (slug, lang, version);

-- Pages that existed before this migration become their version 1 (and 2 for the other
-- language).
INSERT INTO page_versions (slug, version, lang, title, body, changed_at, changed_by)
  SELECT slug, row_number() OVER (PARTITION BY slug ORDER BY updated_at, lang), lang, title, body, updated_at, NULL
  FROM pages;

-- The version of the terms of service a member accepted (at sign-up, or later on /terms).
CREATE TABLE member_terms (
  member_id   INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  version     INTEGER NOT NULL,
  accepted_at INTEGER NOT NULL,
  PRIMARY KEY (member_id, version)
) WITHOUT ROWID;

-- Short announcements, in French and English (one of the two may be empty).
CREATE TABLE news (
  id           INTEGER PRIMARY KEY,
  title_fr     TEXT NOT NULL DEFAULT '',
  body_fr      TEXT NOT NULL DEFAULT '',
  title_en     TEXT NOT NULL DEFAULT '',
  body_en      TEXT NOT NULL DEFAULT '',
  published_at INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  created_by   INTEGER REFERENCES members (id) ON DELETE SET NULL,
  CHECK (title_fr <> '' OR title_en <> '')
);
CREATE INDEX news_by_date ON news (published_at DESC, id DESC);

-- The hoster's logo, as uploaded (checked: PNG, JPEG, WebP or a harmless SVG). One row;
-- served at /logo with its hash as ETag.
CREATE TABLE site_logo (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  content_type TEXT NOT NULL,
  bytes        BLOB NOT NULL,
  sha256       TEXT NOT NULL,
  uploaded_at  INTEGER NOT NULL,
  uploaded_by  INTEGER REFERENCES members (id) ON DELETE SET NULL
);
