#pragma once
// Services with their current status and history, composed from store/services and
// store/incidents with the pure rules of status/status.h. Used by the status page, the API,
// the homepage, the member's space and the published profile.
#include <cstdint>
#include <map>
#include <vector>

#include "db/database.h"
#include "status/status.h"
#include "store/incidents.h"
#include "store/services.h"

namespace chatiere::store {

struct ServiceState {
    Service service;
    status::ServiceStatus status = status::ServiceStatus::Operational;
    std::vector<int64_t> active_ids;  // open incidents and running maintenance touching it
};

// Every service the reader may see (members-only ones only when `include_members_only`;
// never drafts), in display order, with its status at `now`.
std::vector<ServiceState> service_statuses(db::Database& db, int64_t now, bool include_members_only);
// The same for the services IDS only (those the reader may see, in the order given).
std::vector<ServiceState> service_statuses_of(db::Database& db, const std::vector<int64_t>& ids, int64_t now,
                                              bool include_members_only);
// One service's status at `now` (any visibility; the caller decides who may see it).
status::ServiceStatus service_status(db::Database& db, const Service& s, int64_t now);

struct DayView {
    int64_t start = 0, end = 0;
    status::DayStat stat;
    bool maintenance = false;  // a maintenance ran that day
};

struct ServiceHistory {
    ServiceState state;
    std::vector<DayView> days;  // oldest first
    double availability = 100;  // over the whole span
};

struct StatusBoard {
    std::vector<ServiceHistory> services;  // the requested slice, in display order
    size_t total_services = 0;             // all the reader may see
    std::vector<Incident> open;      // open incidents and running maintenance, with services
    std::vector<Incident> upcoming;  // scheduled maintenance not yet started
    status::ServiceStatus overall = status::ServiceStatus::Operational;  // the worst service
};

// Everything the status page shows. `days` of history ending today, computed only for the
// services [first, first + count) of the display order; the overall status covers them all.
StatusBoard status_board(db::Database& db, const i18n::TimeZone& zone, int64_t now, bool include_members_only, size_t first = 0,
                         size_t count = SIZE_MAX, int days = 90);
// The same for one service (visibility decided by the caller).
ServiceHistory service_history(db::Database& db, const i18n::TimeZone& zone, const Service& s, int64_t now,
                               int days = 90);

// Removes from `incidents` those the reader may not see (a service list all hidden), and
// hides the members-only services from the others' lists.
void filter_visible(std::vector<Incident>& incidents, bool include_members_only);

}  // namespace chatiere::store
