// Membership as the portal reads it: the hoster's policy from settings, and each account's
// standing derived from its fees at the context's clock and zone. The dates derive() computes
// are stored on the member (sql/013) so that the register reads an index.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "actions/context.h"
#include "domain/membership.h"
#include "membership/standing.h"

namespace chatiere::actions {

// The settings "membership.*" read into a policy (defaults for what is unset).
membership::Policy membership_policy(db::Database& db);

// One account's standing at c.now (state None for an unknown account). Service requests ask
// it ("automatic for members in good standing"); single sign-on asks it for lapsing.
membership::Standing member_standing(const Context& c, int64_t member_id);

// What lapsing does (membership.lapse_effect): nothing (the default) or "sso": after the
// grace period the member may no longer use the services through single sign-on.
bool lapse_blocks_sso(db::Database& db);
// When the lapse effect becomes "sso": the grants of the members lapsed today are revoked at
// once (oidc::member_access_changed), as the daily job does for each new lapse. Returns how
// many members were looked at. Pages through the lapsed range of the register.
int64_t apply_lapse_effect(const Context& c);
// The hoster's time zone for the single sign-on rule, which gets no context: set at start
// (app.cpp) with the portal's zone; UTC until then.
void set_membership_zone(std::shared_ptr<const i18n::TimeZone> zone);
// Why single sign-on is refused for membership: "membership_lapsed" when the effect is "sso"
// and the member is lapsed at `now` (derived from their own fees: a renewal restores access at
// once); "" otherwise (honorary and none never have an effect, nor membership turned off).
std::string membership_sso_refusal(db::Database& db, int64_t member_id, int64_t now);

// Recomputes the stored dates of the members on the stale list (whose fees, link or policy
// changed), with derive(), in batches of one transaction each; `progress(done, total)` after
// each batch. Returns how many were recomputed. Cheap when nothing changed (one indexed read).
// Must not be called inside a transaction.
int64_t refresh_standings(const Context& c, const std::function<void(int64_t, int64_t)>& progress = {});
// The same without a context (the published profile).
int64_t refresh_standings_at(db::Database& db, int64_t now, const i18n::TimeZone& zone,
                             const std::function<void(int64_t, int64_t)>& progress = {});
// Puts every member on the stale list and recomputes them (after a change of policy).
int64_t recompute_all_standings(const Context& c, const std::function<void(int64_t, int64_t)>& progress = {});

// Links an anonymous membership fee (an import) to a member, once, outside the hash chain,
// audits "ledger.link" and recomputes the member's dates. Returns an error code
// (membership.link.error.<code>): no_entry, not_fee (not a membership fee, or a correction),
// linked (already linked to a member), member (no such member); nullopt when done.
std::optional<std::string> link_fee(const Context& c, int64_t entry_id, int64_t member_id);

// An honorary member stands outside the fees; audits "member.honorary". False for no such member.
bool set_honorary(const Context& c, int64_t member_id, bool honorary);

// "30,7,0": the days before the last day a reminder goes (0: at lapse), distinct, 0..366, at
// most 10; nullopt when malformed. Sorted, largest first.
std::optional<std::vector<int>> parse_reminder_days(std::string_view text);

struct RegisterLine {
    int64_t member_id = 0;
    std::string name;  // log-in name
    std::string display_name, email;
    domain::MembershipState state = domain::MembershipState::None;
    std::string joined, member_until;  // "YYYY-MM-DD" or ""
    bool honorary = false;
};
// Every account by log-in name with its state at c.now; with `state`, only those in it (then
// ordered by member-until date, then log-in name). Reads the stored dates in pages.
std::vector<RegisterLine> membership_register(const Context& c, std::optional<domain::MembershipState> state = {});

// Keyset paging of the register: `after` is the last line's key ("" from the start).
struct RegisterPage {
    std::vector<RegisterLine> lines;
    std::string next;  // key of the next page, "" at the end
};
RegisterPage register_page(const Context& c, std::optional<domain::MembershipState> state, std::string_view after,
                           int limit);
// Accounts per state at c.now (every state present, 0 when none), from indexed range counts.
std::map<domain::MembershipState, int64_t> membership_counts(const Context& c);
// The same from the stored dates as they are (reads only: the published profile).
std::map<domain::MembershipState, int64_t> membership_counts_at(db::Database& db, int64_t now, const i18n::TimeZone& zone);

// The daily membership task (portal/jobs.cpp), once per day of the hoster whatever its pace:
// recomputes stale dates, audits each member whose state changed since the day before
// ("membership.state", old → new; the last seen state is kept per member), tells single sign-on
// when a member lapses under the "sso" effect, mails the renewal reminders at the admin's days
// (never twice for the same member, last day and reminder; the member's opt-out respected),
// and on the first of the month mails the admins a summary. Scans the members: a job, never a
// request.
struct DailyReport {
    bool ran = false;  // false: already done today
    int64_t changes = 0, reminders = 0, summaries = 0;
};
DailyReport membership_daily(const Context& c);

}  // namespace chatiere::actions
