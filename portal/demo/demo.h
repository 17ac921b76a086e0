#pragma once
// Fictional data, generated in one place: the demo hoster (`init --demo`) and a hoster at scale (`seed`).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "db/database.h"
#include "i18n/time_zone.h"
#include "store/services.h"

// `chatiere init --demo`: a fictional hoster, "Le Chaton des Collines", with everything a
// visitor, a member and an admin can look at. One file per area; each seeds its own tables
// through store/ and is called in order by seed_demo().
namespace chatiere::demo {

// Fills an empty database. Returns false (and writes nothing) when it already has services.
bool seed_demo(db::Database& db, const i18n::TimeZone& zone, int64_t now);

void seed_pages(db::Database& db, int64_t now);     // pages.cpp: a previous version of the terms, transparency intro, news (before identity)
void seed_identity(db::Database& db, int64_t now);  // identity.cpp: settings and pages
void seed_services(db::Database& db, int64_t now);  // services.cpp
void seed_members(db::Database& db, int64_t now);   // members.cpp: ten members (no password) and their services
void seed_profile(db::Database& db, const i18n::TimeZone& zone, int64_t now);   // profile.cpp: the rest of the published identity, metrics
void seed_status(db::Database& db, const i18n::TimeZone& zone, int64_t now);   // status.cpp: past and open incidents, a maintenance
void seed_ledger(db::Database& db, const i18n::TimeZone& zone, int64_t now);   // ledger.cpp: a year of open books, a funding goal

// The demo hoster's way of hosting a service (packages on its own Debian server at home, in
// France), also used by `chatiere seed`.
void set_home_hosting(store::Service& s);

// `chatiere seed`: how much to add.
struct ScaleOptions {
    int64_t members = 100000, services = 1000, incidents = 10000, ledger = 1000000;
    int years = 5;  // how far back the history goes
};
// Told how far each phase is ("members", done, total): at 0, after each batch, and once more
// with done == total (also when total is 0).
using SeedProgress = std::function<void(std::string_view phase, int64_t done, int64_t total)>;
// Adds fictional services, members (attached to 1-4 services, all with `password_hash`, empty
// for none), incidents and chained ledger entries, in batches of one transaction each. The
// ledger holds the members' membership fees over the last two years (every state of the
// register occurs; some fees below the minimum, set to 5 EUR when unset), then service
// requests (3 per 100 members, a tenth still open). The same options
// give the same data; running it again numbers names and slugs on.
void seed_at_scale(db::Database& db, const i18n::TimeZone& zone, const ScaleOptions& o, int64_t now,
                   const std::string& password_hash, const SeedProgress& progress);

}  // namespace chatiere::demo
