#pragma once
// SQL for the gauges an operator watches: the outbox and open incidents.
#include <cstdint>

#include "db/database.h"

// Gauges an operator watches (served by /metrics): the mail outbox and open incidents.
namespace chatiere::store {

struct OutboxState {
    int64_t pending = 0;            // messages not sent yet (waiting or retrying)
    int64_t oldest_created_at = 0;  // of those, the oldest's creation time; 0 when none
};
OutboxState outbox_state(db::Database& db);

struct OpenIncidents {
    int64_t incidents = 0;     // incidents not resolved
    int64_t maintenances = 0;  // maintenances not completed (scheduled or in progress)
};
OpenIncidents open_incidents(db::Database& db, int64_t now);

}  // namespace chatiere::store
