#pragma once
// Writing the ChatonsInfos .properties files, strictly.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/database.h"
#include "i18n/time_zone.h"

// The ChatonsInfos writer: builds the published .properties files from the settings and the
// service catalogue (PROFILE.md). Strict: UTF-8, one `key = value` per line, every value
// escaped so that no text can break a line or add a key.
namespace chatiere::chatonsinfos {

inline constexpr std::string_view kProtocol = "StatoolInfos-0.1";
inline constexpr std::string_view kWellKnown = "/.well-known/chatonsinfos/";
inline constexpr std::string_view kOrganizationFile = "organization.properties";

class PublishCache;

// Where and for whom the files are written.
struct Site {
    std::string base_url;          // "https://example.org/portail/" (ends with '/')
    std::string default_language;  // the language of published texts (fr)
    // The zone of the portal's local dates (file.datetime, the days of the metrics).
    std::shared_ptr<const i18n::TimeZone> zone;
    // The portal's published files as last built (publisher.h); null: build every time.
    PublishCache* cache = nullptr;
};

// A file's content without its file.datetime line, in order; comments are section titles.
struct FileContent {
    std::string name;  // "organization.properties" / "service-cloud.properties"
    std::string url;   // absolute URL of the file
    std::vector<std::pair<std::string, std::string>> lines;  // key, value; key "#…" is a comment
    int64_t service_id = 0;  // for service files
};

// Escapes a value: "\\" → "\\\\", line breaks (CR, LF, CRLF, U+0085, U+2028, U+2029) → "\\n",
// tab → "\\t", other control characters dropped, invalid UTF-8 replaced by U+FFFD.
std::string escape_value(std::string_view value);

// Absolute URL of a path below the root: absolute("https://x.org/p/", "/a") = "https://x.org/p/a".
std::string absolute(const Site& site, std::string_view path);
// The absolute URL of one of the portal's own pages ("terms", "privacy"…), or "" while it is
// not written: what we publish never links to a page that answers "not written yet".
std::string written_page_url(db::Database& db, const Site& site, std::string_view slug);
std::string file_url(const Site& site, std::string_view file_name);
std::string service_file_name(std::string_view slug);
// A service's metrics file, referenced from its service file by `subs.metrics` (ChatonsInfos
// 0.4: "<service>-metrics.properties"): "service-cloud-metrics.properties".
std::string metrics_file_name(std::string_view slug);

// The organization file's content (settings, signature key, subs for public services, metrics).
FileContent organization_content(db::Database& db, const Site& site, int64_t now);
// A public, non-draft service's file; nullopt for any other slug.
std::optional<FileContent> service_content(db::Database& db, const Site& site, std::string_view slug, int64_t now);
// A public service's metrics file (file.class Metrics, its metrics.* lines); nullopt when the
// service is not published or has no metrics yet.
std::optional<FileContent> metrics_content(db::Database& db, const Site& site, std::string_view slug, int64_t now);
// Content of `file_name` ("organization.properties", "service-<slug>.properties" or
// "service-<slug>-metrics.properties"); nullopt if not published.
std::optional<FileContent> content_for(db::Database& db, const Site& site, std::string_view file_name, int64_t now);
// Names of every published file: the organization file first, then each service's file and
// its metrics file if it has one.
std::vector<std::string> published_files(db::Database& db);

// BLAKE2b hex of the content (everything that is written except file.datetime).
std::string content_hash(const FileContent& content);
// The file's bytes, with `datetime` ("2026-11-24T10:00:00") as file.datetime.
std::string render(const FileContent& content, std::string_view datetime);
// "2026-11-24T10:00:00" in the configured time zone.
std::string iso_datetime_local(const i18n::TimeZone& zone, int64_t unix_seconds);

}  // namespace chatiere::chatonsinfos
