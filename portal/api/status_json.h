#pragma once
// Statuspage-shaped JSON for our services and incidents (shared by the read and write API).
#include <map>
#include <nlohmann/json.hpp>

#include "http/context.h"
#include "store/status.h"

namespace chatiere::api {

struct JsonContext {
    http::Ctx& ctx;
    int64_t now;
    bool members;
    std::map<int64_t, nlohmann::json> components;  // service id → component, visible ones
    std::vector<store::ServiceState> states;
};

// `members`: whether members-only services show (default: whether the reader is logged in).
JsonContext make_json_context(http::Ctx& ctx, std::optional<bool> members = std::nullopt);
nlohmann::json page_json(const JsonContext& j);
nlohmann::json component_json(const JsonContext& j, const store::ServiceState& s);
nlohmann::json incident_json(const JsonContext& j, const store::Incident& i);
nlohmann::json components_array(const JsonContext& j);
// {indicator, description}
nlohmann::json status_json(const JsonContext& j, const std::vector<store::Incident>& unresolved);

}  // namespace chatiere::api
