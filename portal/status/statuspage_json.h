// Statuspage-shaped JSON for our services and incidents: the read and write API answer with it,
// the webhooks send it. Reads through store/; knows nothing of HTTP.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "i18n/catalog.h"
#include "store/status.h"

namespace chatiere::status {

struct JsonContext {
    db::Database& db;
    int64_t now;
    bool members;          // whether members-only services show
    std::string base_url;  // absolute, ending with '/': the config's base_url
    std::string time_zone;
    const i18n::Catalog& catalog;  // for the indicator's description
    std::string lang;
    std::map<int64_t, nlohmann::json> components;  // service id → component, visible ones
    std::vector<store::ServiceState> states;
};

JsonContext make_json_context(db::Database& db, int64_t now, bool members, std::string base_url,
                              std::string time_zone, const i18n::Catalog& catalog, std::string lang);
nlohmann::json page_json(const JsonContext& j);
nlohmann::json component_json(const JsonContext& j, const store::ServiceState& s);
nlohmann::json incident_json(const JsonContext& j, const store::Incident& i);
nlohmann::json components_array(const JsonContext& j);
// {indicator, description}
nlohmann::json status_json(const JsonContext& j, const std::vector<store::Incident>& unresolved);

}  // namespace chatiere::status
