#include "auth/accounts.h"
#include "chatonsinfos/writer.h"

#include <stdexcept>

#include <ctime>

#include "auth/random.h"
#include "i18n/format.h"
#include "actions/membership.h"
#include "chatonsinfos/metrics.h"
#include "chatonsinfos/organization_fields.h"
#include "chatonsinfos/publishing_checks.h"
#include "chatonsinfos/service_level.h"
#include "chatonsinfos/signing.h"
#include "store/metrics.h"
#include "store/services.h"
#include "store/pages.h"
#include "store/settings.h"
#include "version.h"

#include "text/escape.h"

namespace chatiere::chatonsinfos {

namespace {

using text::utf8_sequence;

std::string origin_of(const std::string& base_url) {
    auto scheme = base_url.find("://");
    if (scheme == std::string::npos) return base_url;
    auto slash = base_url.find('/', scheme + 3);
    return slash == std::string::npos ? base_url : base_url.substr(0, slash);
}

void add(FileContent& c, std::string key, std::string value) { c.lines.emplace_back(std::move(key), std::move(value)); }

void file_section(FileContent& c, std::string_view klass) {
    add(c, "# [File]", "");
    add(c, "file.class", std::string(klass));
    add(c, "file.protocol", std::string(kProtocol));
    add(c, "file.datetime", "");  // filled by render()
    add(c, "file.generator", std::string("Chatière ") + CHATIERE_VERSION);
    add(c, "file.url", c.url);
}

}  // namespace

std::string escape_value(std::string_view v) {
    std::string out;
    out.reserve(v.size() + 8);
    for (size_t i = 0; i < v.size();) {
        uint32_t cp = 0;
        size_t n = utf8_sequence(v, i, cp);
        if (n == 0) {
            out += "\xef\xbf\xbd";  // U+FFFD for a byte that is not UTF-8
            ++i;
            continue;
        }
        if (cp == '\\') out += "\\\\";
        else if (cp == '\r') {
            out += "\\n";
            if (i + 1 < v.size() && v[i + 1] == '\n') ++i;
        } else if (cp == '\n' || cp == 0x85 || cp == 0x2028 || cp == 0x2029) out += "\\n";
        else if (cp == '\t') out += "\\t";
        else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
            // other control characters: dropped
        } else out.append(v.substr(i, n));
        i += n;
    }
    return out;
}

std::string absolute(const Site& site, std::string_view path) {
    if (!path.empty() && path.front() == '/') path.remove_prefix(1);
    std::string base = site.base_url;
    if (base.empty() || base.back() != '/') base += '/';
    return base + std::string(path);
}

std::string written_page_url(db::Database& db, const Site& site, std::string_view slug) {
    return store::find_page(db, slug, site.default_language) ? absolute(site, "/" + std::string(slug)) : std::string();
}

std::string service_file_name(std::string_view slug) { return "service-" + std::string(slug) + ".properties"; }
std::string metrics_file_name(std::string_view slug) { return "service-" + std::string(slug) + "-metrics.properties"; }

namespace {
const i18n::TimeZone& zone_of(const Site& site) {
    if (!site.zone) throw std::logic_error("chatonsinfos::Site without a time zone");
    return *site.zone;
}
// A public, published service (not a draft).
std::optional<store::Service> published_service(db::Database& db, std::string_view slug) {
    auto s = store::find_service_by_slug(db, slug);
    if (!s || s->visibility != "public" || s->admin_state == "draft") return std::nullopt;
    return s;
}
std::vector<std::pair<std::string, std::string>> service_metrics(db::Database& db, const Site& site, int64_t service_id,
                                                                 int64_t now) {
    return monthly_lines(db, zone_of(site), "service." + std::to_string(service_id) + ".accounts", "service.accounts", true, now);
}
// "service-a-metrics.properties" is also the name of service "a-metrics"'s file: that
// service's file wins, and "a" publishes no metrics file.
bool metrics_name_taken(db::Database& db, std::string_view slug) {
    return published_service(db, std::string(slug) + "-metrics").has_value();
}
// Members by state (issue 18), only where a count is at least 5: a smaller one can point at
// people. ChatonsInfos has no property for this; the keys are our own, namespaced
// "chatiere.membership.<state>.count". Nothing when membership is off.
void add_membership_counts(db::Database& db, const Site& site, FileContent& c, int64_t now) {
    if (!actions::membership_policy(db).enabled) return;
    try {
        actions::refresh_standings_at(db, now, zone_of(site));
    } catch (const std::exception&) {
        // A read-only database, or a caller's transaction: the stored dates as they are.
    }
    bool first = true;
    for (auto [state, n] : actions::membership_counts_at(db, now, zone_of(site))) {
        if (n < 5) continue;
        if (first) add(c, "# [Membership]", "");
        first = false;
        add(c, "chatiere.membership." + std::string(domain::to_string(state)) + ".count", std::to_string(n));
    }
}
}  // namespace

std::string file_url(const Site& site, std::string_view file_name) {
    return absolute(site, std::string(kWellKnown) + std::string(file_name));
}

FileContent organization_content(db::Database& db, const Site& site, int64_t now) {
    FileContent c;
    c.name = std::string(kOrganizationFile);
    c.url = file_url(site, c.name);
    file_section(c, "Organization");

    auto settings = store::settings_with_prefix(db, "site.");
    auto get = [&](const std::string& key) {
        auto it = settings.find(key);
        return it == settings.end() ? std::string() : it->second;
    };
    add(c, "# [Organization]", "");
    // A hoster not in the collective yet has no honest membership date to publish.
    bool member = get(std::string(kChatonsMembershipSetting)) != "NOT_YET";
    for (const auto& f : organization_fields()) {
        if (f.key.empty() || !(f.places & kChatonsInfos)) continue;
        if (f.group == "chatons" && !member) continue;
        std::string setting(f.setting);
        std::string value;
        if (f.localized) {
            value = get(setting + "." + site.default_language);
            for (const auto& lang : {"fr", "en"})
                if (value.empty()) value = get(setting + "." + lang);
        }
        if (value.empty()) value = get(setting);
        if (value.empty() && f.fallback == Fallback::PortalHome) value = absolute(site, "/");
        if (value.empty() && f.fallback == Fallback::PortalLegal) value = absolute(site, "/legal");
        if (f.type == FieldType::Url && !value.empty() && value.front() == '/') value = origin_of(site.base_url) + value;
        if (value.empty() && f.need != Need::Mandatory) continue;
        add(c, std::string(f.key), value);
    }
    add(c, "organization.signature.publickey", ensure_signing_key(db, now));

    add(c, "# [Subs]", "");
    for (const auto& s : store::list_services(db, false, false))
        add(c, "subs." + s.slug, file_url(site, service_file_name(s.slug)));

    std::vector<std::pair<std::string, std::string>> metrics;
    for (auto [name, snapshot] : {std::pair{"members.accounts", true}, std::pair{"members.active", true},
                                  std::pair{"http.hits", false}})
        for (auto& line : monthly_lines(db, zone_of(site), name, name, snapshot, now)) metrics.push_back(std::move(line));
    if (!metrics.empty()) {
        add(c, "# [Metrics]", "");
        for (auto& [k, v] : metrics) add(c, std::move(k), std::move(v));
    }
    add_membership_counts(db, site, c, now);
    return c;
}

std::optional<FileContent> service_content(db::Database& db, const Site& site, std::string_view slug, int64_t now) {
    auto s = published_service(db, slug);
    if (!s) return std::nullopt;
    FileContent c;
    c.name = service_file_name(s->slug);
    c.url = file_url(site, c.name);
    c.service_id = s->id;
    file_section(c, "Service");

    auto put = [&](const char* key, const std::string& value) {
        if (!value.empty()) add(c, key, value);
    };
    add(c, "# [Service]", "");
    add(c, "service.name", s->name);
    put("service.description", s->description);
    put("service.website", s->website);
    put("service.logo", s->logo);
    put("service.legal.url", s->legal_url);
    put("service.guide.user", s->guide_user);
    put("service.guide.technical", s->guide_technical);
    put("service.contact.url", s->contact_url);
    put("service.contact.email", s->contact_email);
    put("service.startdate", s->start_date);
    put("service.enddate", s->end_date);
    auto levels = service_levels(db, now);
    auto level = levels.find(s->id);
    add(c, "service.status.level", level == levels.end() ? "ON" : level->second);
    put("service.registration",
        published_registration(s->registration, auth::signup_mode(db)));
    put("service.registration.load", s->registration_load);
    put("service.install.type", s->install_type);

    add(c, "# [Host]", "");
    put("host.name", s->host_name);
    put("host.description", s->host_description);
    put("host.provider.type", s->host_provider_type);
    put("host.provider.hypervisor", s->host_hypervisor);
    put("host.server.type", s->host_server_type);
    put("host.server.distribution", s->host_distribution);
    put("host.country.name", s->host_country_name);
    put("host.country.code", s->host_country_code);

    add(c, "# [Software]", "");
    put("software.name", s->software_name);
    put("software.version", s->software_version);
    put("software.license.name", s->software_license_name);
    put("software.license.url", s->software_license_url);
    put("software.website", s->software_website);
    put("software.source.url", s->software_source_url);
    put("software.modules", s->software_modules);

    // Its metrics live in their own file (ChatonsInfos 0.4), referenced here.
    if (!service_metrics(db, site, s->id, now).empty() && !metrics_name_taken(db, s->slug)) {
        add(c, "# [Subs]", "");
        add(c, "subs.metrics", file_url(site, metrics_file_name(s->slug)));
    }
    return c;
}

std::optional<FileContent> metrics_content(db::Database& db, const Site& site, std::string_view slug, int64_t now) {
    auto s = published_service(db, slug);
    if (!s || metrics_name_taken(db, s->slug)) return std::nullopt;
    auto metrics = service_metrics(db, site, s->id, now);
    if (metrics.empty()) return std::nullopt;
    FileContent c;
    c.name = metrics_file_name(s->slug);
    c.url = file_url(site, c.name);
    c.service_id = s->id;
    file_section(c, "Metrics");
    add(c, "# [Metrics]", "");
    for (auto& [k, v] : metrics) add(c, std::move(k), std::move(v));
    return c;
}

std::optional<FileContent> content_for(db::Database& db, const Site& site, std::string_view file_name, int64_t now) {
    if (file_name == kOrganizationFile) return organization_content(db, site, now);
    constexpr std::string_view prefix = "service-", suffix = ".properties", metrics = "-metrics.properties";
    if (file_name.size() > prefix.size() + suffix.size() && file_name.substr(0, prefix.size()) == prefix &&
        file_name.substr(file_name.size() - suffix.size()) == suffix) {
        std::string_view slug = file_name.substr(prefix.size(), file_name.size() - prefix.size() - suffix.size());
        if (auto c = service_content(db, site, slug, now)) return c;
        if (file_name.size() > prefix.size() + metrics.size() &&
            file_name.substr(file_name.size() - metrics.size()) == metrics)
            return metrics_content(db, site,
                                   file_name.substr(prefix.size(), file_name.size() - prefix.size() - metrics.size()), now);
    }
    return std::nullopt;
}

std::vector<std::string> published_files(db::Database& db) {
    std::vector<std::string> out{std::string(kOrganizationFile)};
    for (const auto& s : store::list_services(db, false, false)) {
        out.push_back(service_file_name(s.slug));
        // Listed once any day was counted (its file appears the day after: only whole days).
        if (!store::metric_first_day(db, "service." + std::to_string(s.id) + ".accounts").empty() &&
            !metrics_name_taken(db, s.slug))
            out.push_back(metrics_file_name(s.slug));
    }
    return out;
}

std::string render(const FileContent& content, std::string_view datetime) {
    std::string out;
    bool first = true;
    for (const auto& [key, value] : content.lines) {
        if (!key.empty() && key.front() == '#') {
            if (!first) out += '\n';
            out += escape_value(key);
            out += '\n';
        } else {
            // Keys are ours (fixed names, slugs of [a-z0-9-]); keep them safe all the same.
            std::string k;
            for (char ch : key)
                if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == '_') k += ch;
            out += k;
            out += " = ";
            out += escape_value(key == "file.datetime" ? datetime : std::string_view(value));
            out += '\n';
        }
        first = false;
    }
    return out;
}

std::string content_hash(const FileContent& content) {
    std::string text;
    for (const auto& [key, value] : content.lines) {
        if (key == "file.datetime") continue;
        text += key;
        text += '\0';
        text += value;
        text += '\0';
    }
    return auth::hash_token(text);
}

std::string iso_datetime_local(const i18n::TimeZone& zone, int64_t t) {
    return i18n::strftime_local(zone, t, "%Y-%m-%dT%H:%M:%S");
}

}  // namespace chatiere::chatonsinfos
