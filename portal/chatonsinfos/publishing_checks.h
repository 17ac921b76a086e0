// What a file-by-file check cannot see about our own published profile: whether the
// collective's crawler can reach it at all (a public https base URL), whether the portal pages it
// links to are written, and whether the hoster is a member of the collective yet.
#pragma once
#include <string>
#include <string_view>

#include "db/database.h"
#include "chatonsinfos/checker.h"
#include "chatonsinfos/writer.h"

namespace chatiere::chatonsinfos {

// The setting that says whether the hoster is a member of the CHATONS collective yet:
// "" or "MEMBER" (the organization.memberof.chatons.* keys are published and expected) or
// "NOT_YET" (they are left out, and their absence is no warning).
inline constexpr std::string_view kChatonsMembershipSetting = "site.memberof.chatons.member";
bool chatons_member(db::Database& db);

// Is `host` (a URL's host, without port) out of the directory's reach: an internal address
// (net::is_internal: loopback, private, link-local…), a single-label name, or a local-only
// suffix (.local, .lan, .internal, .home.arpa, .localhost)?
bool is_local_host(std::string_view host);

// The host of an http(s) URL, without port or brackets ("" when there is none).
std::string url_host(std::string_view url);

// Adds to `report` what check_text cannot know about our own files (see above), and drops the
// warnings about membership keys when the hoster is not a member yet. `files` are our files'
// names and texts.
void check_publishing(db::Database& db, const Site& site,
                      const std::vector<std::pair<std::string, std::string>>& files, Report& report);

}  // namespace chatiere::chatonsinfos
