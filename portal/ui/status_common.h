#pragma once
// View helpers shared by the status pages, the homepage and the admin pages (status_*.cpp,
// admin_incidents.cpp). No SQL: data comes from store/.
#include <map>
#include <string>

#include "http/context.h"
#include "http/views.h"
#include "status/status.h"
#include "store/incidents.h"
#include "store/status.h"

namespace chatiere::ui {

// {label, class} for a service status badge.
http::View status_badge(const http::Ctx& ctx, status::ServiceStatus s);
// An incident for lists: url, title, kind, state label, impact, services, times, and the
// latest update's HTML when `with_latest`.
http::View incident_view(http::Ctx& ctx, const store::Incident& i, bool with_latest);
// An incident's updates, newest first (like every status page): state, time, author, and
// the text as safe-rendered Markdown.
http::View timeline_view(http::Ctx& ctx, int64_t incident_id);
// Under the bars (issue 15): the date range, and each day with trouble (date, what, a link to
// that day's detail on the service's page), newest first. Sets range_from, range_to,
// trouble_days, has_trouble_days.
void history_details(http::Ctx& ctx, const store::ServiceHistory& h, http::View& v);
// nav.pagination data: prev_url / next_url.
void set_pagination(http::View& v, const http::Ctx& ctx, const std::string& path, int page, bool has_next);
// Whether the reader sees members-only services.
inline bool sees_members_only(const http::Ctx& ctx) { return ctx.user.has_value(); }
std::string xml_escape(std::string_view s);

// Status data for service cards (homepage, member's space): load once, then fill each card
// with "status" {label, class}, "status_url", and "incidents" (open ones touching it, each
// {title, url, state_label}) with "has_incidents".
class StatusCards {
public:
    // Loads the status of SERVICE_IDS only (a page of cards, not the whole catalogue).
    StatusCards(http::Ctx& ctx, const std::vector<int64_t>& service_ids);
    void fill(http::View& card, int64_t service_id) const;

private:
    http::Ctx& ctx_;
    std::map<int64_t, status::ServiceStatus> status_;
    std::map<int64_t, std::string> slug_;
    std::vector<store::Incident> open_;
};

}  // namespace chatiere::ui
