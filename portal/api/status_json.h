// Statuspage-shaped JSON for a request: status/statuspage_json.h with what the request knows
// (who reads, in which language, the portal's URL).
#pragma once
#include <optional>

#include "http/context.h"
#include "status/statuspage_json.h"

namespace chatiere::api {

using status::JsonContext;
using status::component_json;
using status::components_array;
using status::incident_json;
using status::page_json;
using status::status_json;

// `members`: whether members-only services show (default: whether the reader is logged in).
JsonContext make_json_context(http::Ctx& ctx, std::optional<bool> members = std::nullopt);

}  // namespace chatiere::api
