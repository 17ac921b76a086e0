#include "store/services.h"

namespace chatiere::store {
namespace {

#define SERVICE_COLUMNS                                                                                        \
    "id, slug, name, description, kind, website, logo, legal_url, guide_user, guide_technical, contact_url, "   \
    "contact_email, start_date, end_date, registration, registration_load, install_type, host_name, "          \
    "host_description, host_provider_type, host_server_type, host_hypervisor, host_distribution, "             \
    "host_country_name, host_country_code, software_name, software_version, software_license_name, "           \
    "software_license_url, software_website, software_source_url, software_modules, position, visibility, "     \
    "admin_state, created_at, updated_at, kind_en"

Service read_service(db::Query& q) {
    Service s;
    int c = 0;
    s.id = q.i64(c++);
    for (std::string* f : {&s.slug, &s.name, &s.description, &s.kind, &s.website, &s.logo, &s.legal_url,
                           &s.guide_user, &s.guide_technical, &s.contact_url, &s.contact_email, &s.start_date,
                           &s.end_date, &s.registration, &s.registration_load, &s.install_type, &s.host_name,
                           &s.host_description, &s.host_provider_type, &s.host_server_type, &s.host_hypervisor,
                           &s.host_distribution, &s.host_country_name, &s.host_country_code, &s.software_name,
                           &s.software_version, &s.software_license_name, &s.software_license_url,
                           &s.software_website, &s.software_source_url, &s.software_modules})
        *f = q.text(c++);
    s.position = q.integer(c++);
    s.visibility = q.text(c++);
    s.admin_state = q.text(c++);
    s.created_at = q.i64(c++);
    s.updated_at = q.i64(c++);
    s.kind_en = q.text(c++);
    return s;
}

}  // namespace

std::vector<Service> list_services(db::Database& db, bool include_members_only, bool include_drafts, int64_t limit) {
    // LIMIT -1 is SQLite's "no limit".
    auto q = db.prepare("SELECT " SERVICE_COLUMNS
                        " FROM services WHERE (? OR visibility = 'public') AND (? OR admin_state <> 'draft') "
                        "ORDER BY position, id LIMIT ?");
    q.bind(include_members_only, include_drafts, limit);
    std::vector<Service> out;
    while (q.step()) out.push_back(read_service(q));
    return out;
}

int64_t count_services(db::Database& db, bool include_members_only) {
    auto q = db.prepare("SELECT count(*) FROM services WHERE (? OR visibility = 'public') AND admin_state <> 'draft'");
    q.bind(include_members_only);
    q.step();
    return q.i64(0);
}

std::optional<Service> find_service(db::Database& db, int64_t id) {
    auto q = db.prepare("SELECT " SERVICE_COLUMNS " FROM services WHERE id = ?");
    q.bind(id);
    if (q.step()) return read_service(q);
    return std::nullopt;
}

std::optional<Service> find_service_by_slug(db::Database& db, std::string_view slug) {
    auto q = db.prepare("SELECT " SERVICE_COLUMNS " FROM services WHERE slug = ?");
    q.bind(slug);
    if (q.step()) return read_service(q);
    return std::nullopt;
}

int64_t save_service(db::Database& db, const Service& s, int64_t now) {
    if (s.id == 0) {
        auto q = db.prepare(
            "INSERT INTO services (slug, name, description, kind, website, logo, legal_url, guide_user, "
            "guide_technical, contact_url, contact_email, start_date, end_date, registration, registration_load, "
            "install_type, host_name, host_description, host_provider_type, host_server_type, host_hypervisor, "
            "host_distribution, host_country_name, host_country_code, software_name, software_version, "
            "software_license_name, software_license_url, software_website, software_source_url, "
            "software_modules, position, visibility, admin_state, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        q.bind(s.slug, s.name, s.description, s.kind, s.website, s.logo, s.legal_url, s.guide_user,
               s.guide_technical, s.contact_url, s.contact_email, s.start_date, s.end_date, s.registration,
               s.registration_load, s.install_type, s.host_name, s.host_description, s.host_provider_type,
               s.host_server_type, s.host_hypervisor, s.host_distribution, s.host_country_name,
               s.host_country_code, s.software_name, s.software_version, s.software_license_name,
               s.software_license_url, s.software_website, s.software_source_url, s.software_modules, s.position,
               s.visibility, s.admin_state, now, now)
            .run();
        int64_t id = db.last_insert_id();
        db.prepare("UPDATE services SET kind_en = ? WHERE id = ?").bind(s.kind_en, id).run();
        return id;
    }
    auto q = db.prepare(
        "UPDATE services SET slug=?, name=?, description=?, kind=?, website=?, logo=?, legal_url=?, guide_user=?, "
        "guide_technical=?, contact_url=?, contact_email=?, start_date=?, end_date=?, registration=?, "
        "registration_load=?, install_type=?, host_name=?, host_description=?, host_provider_type=?, "
        "host_server_type=?, host_hypervisor=?, host_distribution=?, host_country_name=?, host_country_code=?, "
        "software_name=?, software_version=?, software_license_name=?, software_license_url=?, "
        "software_website=?, software_source_url=?, software_modules=?, position=?, visibility=?, admin_state=?, "
        "updated_at=? WHERE id=?");
    q.bind(s.slug, s.name, s.description, s.kind, s.website, s.logo, s.legal_url, s.guide_user, s.guide_technical,
           s.contact_url, s.contact_email, s.start_date, s.end_date, s.registration, s.registration_load,
           s.install_type, s.host_name, s.host_description, s.host_provider_type, s.host_server_type,
           s.host_hypervisor, s.host_distribution, s.host_country_name, s.host_country_code, s.software_name,
           s.software_version, s.software_license_name, s.software_license_url, s.software_website,
           s.software_source_url, s.software_modules, s.position, s.visibility, s.admin_state, now, s.id)
        .run();
    db.prepare("UPDATE services SET kind_en = ? WHERE id = ?").bind(s.kind_en, s.id).run();
    return s.id;
}

}  // namespace chatiere::store
