#pragma once
// SQL for the history of the hoster's pages.
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

// Every saved version of the hoster's pages, and the version of the terms each member
// accepted. Versions are numbered per page across both languages: version N is the state
// of the page after its Nth save (in whichever language was saved).
namespace chatiere::store {

struct PageVersion {
    std::string slug;
    int64_t version = 0;
    std::string lang, title, body;
    int64_t changed_at = 0;
    std::optional<int64_t> changed_by;
};

// Appends the next version of `slug`; returns its number.
int64_t append_page_version(db::Database& db, std::string_view slug, std::string_view lang, std::string_view title,
                            std::string_view body, int64_t now, std::optional<int64_t> changed_by);
// The newest version number of `slug` (0 when it has none).
int64_t latest_page_version(db::Database& db, std::string_view slug);
// Versions of `slug`, newest first, at most `limit`, older than `before` (0: from the newest).
std::vector<PageVersion> page_versions(db::Database& db, std::string_view slug, int64_t before, int limit);
// The text of `slug` in `lang` as it stood at version `version`: the newest version in that
// language numbered `version` or less.
std::optional<PageVersion> page_text_at(db::Database& db, std::string_view slug, std::string_view lang,
                                        int64_t version);

// Records that a member accepted version `version` of the terms (again: no-op).
void accept_terms(db::Database& db, int64_t member_id, int64_t version, int64_t now);
// The newest version of the terms the member accepted (nullopt: none recorded).
std::optional<int64_t> accepted_terms_version(db::Database& db, int64_t member_id);

}  // namespace chatiere::store
