#pragma once
// Checking ChatonsInfos files, ours or anyone's, as a list of problems.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"
#include "i18n/catalog.h"
#include "chatonsinfos/reader.h"
#include "chatonsinfos/writer.h"

// `chatiere profile check`: every problem of a set of ChatonsInfos files, once each, as a
// list a person can act on. Liberal in reading, as real files are written (PROFILE.md): class
// names in any case, both status vocabularies, ISO and dd/mm/yyyy dates, metrics lists with
// ';' or ','; Latin-1 is an error.
namespace chatiere::chatonsinfos {

enum class Severity { Error, Warning };

struct Problem {
    Severity severity = Severity::Error;
    std::string file;   // file name or URL
    int line = 0;       // 0: the whole file (missing key, unreachable…)
    std::string key;
    std::string code;   // catalogue key profile.problem.<code>
    std::string value;  // the offending value or detail
};

struct Report {
    std::vector<Problem> problems;
    int files = 0;
    int errors() const;
    int warnings() const;
    void add(Severity s, std::string file, int line, std::string key, std::string code, std::string value = {});
};

// Checks one file's text: parses it, then checks its keys against PROFILE.md (types, values,
// mandatory and expected keys). `expected_class`: "Organization", "Service" or "" (any).
// Returns the parsed file (for its subs).
// `own`: one of our files (file.url is then expected; other hosters' files may leave it out).
ParsedFile check_text(std::string_view bytes, const std::string& file_label, std::string_view expected_class,
                      Report& report, bool own = false);

// Checks the files this portal publishes, straight from the database, with their signatures.
Report check_own(db::Database& db, const Site& site, int64_t now);

// One fetched document.
struct Fetched {
    bool ok = false;     // got a 200 answer within the limits
    int status = 0;      // HTTP status (0: no answer)
    std::string error;   // why not ok
    std::string body;
    std::string content_type;
};
using Fetcher = std::function<Fetched(const std::string& url)>;

// Fetches an organization file and each of its subs, and checks them all.
Report check_remote(const std::string& url, const Fetcher& fetch);

// One human line: "service-cloud.properties:12: error: service.website: not a http(s) URL (\"ftp://x\")".
std::string describe(const Problem& p, const i18n::Catalog& catalog, std::string_view lang);
// The admin page to fix a problem of our own files ("/admin/settings#field-website"), or "".
std::string fix_path(const Problem& p);

}  // namespace chatiere::chatonsinfos
