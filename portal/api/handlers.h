#pragma once
// Declarations of the JSON API handlers (status read API, write API).
#include "http/context.h"

// JSON endpoints (portal/api/*.cpp): the status-page API (read, in the shape of the widely
// used Statuspage v2 API) and the write API for monitoring tools (bearer token).
namespace chatiere::api {

// status_read.cpp — GET /api/v2/…
void summary(http::Ctx& ctx);
void status(http::Ctx& ctx);
void components(http::Ctx& ctx);
void incidents(http::Ctx& ctx);
void incidents_unresolved(http::Ctx& ctx);
void maintenances(http::Ctx& ctx);  // scheduled-maintenances.json: the last 50, completed ones too
void maintenances_upcoming(http::Ctx& ctx);
void maintenances_active(http::Ctx& ctx);

// status_write.cpp — POST /api/v2/incidents, /api/v2/incidents/:id/updates, …/:id/resolve
void incident_open(http::Ctx& ctx);
void incident_update(http::Ctx& ctx);
void incident_resolve(http::Ctx& ctx);

}  // namespace chatiere::api
