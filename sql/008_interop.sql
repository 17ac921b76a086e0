-- Interoperability (issue 14): when each published file (ChatonsInfos files, librehost.json,
-- metrics files) first appeared. The profile's first publication — librehost.json's
-- dateCreated — is the earliest of them. Files published before this migration count from
-- their last change, the best date known.
ALTER TABLE profile_files ADD COLUMN first_published_at INTEGER NOT NULL DEFAULT 0;
UPDATE profile_files SET first_published_at = changed_at;
