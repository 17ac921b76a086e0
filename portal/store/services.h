#pragma once
// SQL for the service catalogue and members' attachments to services.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"

namespace chatiere::store {

struct Service {
    int64_t id = 0;
    std::string slug, name, description, kind, website, logo, legal_url, guide_user, guide_technical,
        contact_url, contact_email, start_date, end_date, registration = "Member", registration_load = "OPEN",
        install_type, host_name, host_description, host_provider_type, host_server_type, host_hypervisor,
        host_distribution, host_country_name, host_country_code, software_name, software_version,
        software_license_name, software_license_url, software_website, software_source_url, software_modules;
    int position = 0;
    std::string visibility = "public";  // public | members
    std::string admin_state = "auto";   // auto | off | draft
    int64_t created_at = 0, updated_at = 0;
    std::string kind_en;  // the kind in English; `kind` is the French text (issue 15)
    // The kind in LANG ("fr" or "en"), the other language's when that one is empty.
    const std::string& kind_in(std::string_view lang) const {
        return lang == "en" ? (kind_en.empty() ? kind : kind_en) : (kind.empty() ? kind_en : kind);
    }
};

// Services in display order, the first `limit` of them (all when -1). Members-only services
// are included only when `include_members_only`; drafts only when `include_drafts` (the
// admin's view).
std::vector<Service> list_services(db::Database& db, bool include_members_only, bool include_drafts = false,
                                   int64_t limit = -1);
// How many services a reader sees (no drafts).
int64_t count_services(db::Database& db, bool include_members_only);
std::optional<Service> find_service(db::Database& db, int64_t id);
std::optional<Service> find_service_by_slug(db::Database& db, std::string_view slug);
// Inserts (id == 0) or updates; returns the id.
int64_t save_service(db::Database& db, const Service& s, int64_t now);

}  // namespace chatiere::store
