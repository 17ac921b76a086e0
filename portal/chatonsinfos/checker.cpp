#include "chatonsinfos/checker.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "chatonsinfos/organization_fields.h"
#include "chatonsinfos/publisher.h"
#include "chatonsinfos/publishing_checks.h"
#include "chatonsinfos/signing.h"

namespace chatiere::chatonsinfos {

namespace {

using T = FieldType;

// file.class, compared without regard to case: the collective's templates write "organization".
// "Metrics": a service's metrics file (ChatonsInfos 0.4).
constexpr std::string_view kClasses[] = {"Federation", "Organization", "Service", "Metrics"};
// service.status.level: GENERAL.md's STATUS values, and the vocabulary of the collective's
// service template and YunoHost generator; both are read without a warning.
constexpr std::string_view kCollectiveStatus[] = {"OK", "WARNING", "ALERT", "ERROR", "OVER", "VOID"};
constexpr std::string_view kRegistration[] = {"None", "Free", "Member", "Client"};
constexpr std::string_view kLoad[] = {"OPEN", "FULL"};
constexpr std::string_view kInstall[] = {"DISTRIBUTION", "PROVIDER", "PACKAGE", "TOOLING",
                                         "CLONEREPO",    "ARCHIVE",  "SOURCES", "CONTAINER"};
constexpr std::string_view kProviderTypes[] = {"HOME", "HOSTEDBAY", "HOSTEDSERVER", "OUTSOURCED"};
constexpr std::string_view kServerTypes[] = {"NANO", "PHYSICAL", "VIRTUAL", "SHARED", "CLOUD"};

struct Spec {
    std::string_view key;  // exact key, or a prefix ending in '.' for families (socialnetworks.)
    T type;
    std::span<const std::string_view> values;
    Need need;
    std::string_view klass;  // "" = every file
};

const Spec kSpecs[] = {
    {"file.class", T::Enum, kClasses, Need::Mandatory, ""},
    {"file.protocol", T::String, {}, Need::Mandatory, ""},
    {"file.datetime", T::DateTime, {}, Need::Mandatory, ""},
    {"file.generator", T::String, {}, Need::Expected, ""},
    {"file.url", T::Url, {}, Need::Optional, ""},  // expected of our own files only (check_text)
    {"organization.socialnetworks.", T::Url, {}, Need::Optional, "Organization"},
    {"organization.chatrooms.", T::Url, {}, Need::Optional, "Organization"},
    {"organization.funding.", T::Url, {}, Need::Optional, "Organization"},
    {"subs.", T::Url, {}, Need::Optional, ""},
    {"service.name", T::String, {}, Need::Mandatory, "Service"},
    {"service.description", T::String, {}, Need::Recommended, "Service"},
    {"service.website", T::Url, {}, Need::Expected, "Service"},
    {"service.logo", T::Url, {}, Need::Optional, "Service"},
    {"service.legal.url", T::Url, {}, Need::Optional, "Service"},
    {"service.guide.user", T::Url, {}, Need::Optional, "Service"},
    {"service.guide.technical", T::Url, {}, Need::Optional, "Service"},
    {"service.contact.url", T::Url, {}, Need::Optional, "Service"},
    {"service.contact.email", T::Email, {}, Need::Optional, "Service"},
    {"service.startdate", T::Date, {}, Need::Expected, "Service"},
    {"service.enddate", T::Date, {}, Need::Optional, "Service"},
    {"service.status.level", T::Status, {}, Need::Expected, "Service"},
    {"service.status.description", T::String, {}, Need::Optional, "Service"},
    {"service.registration", T::Values, kRegistration, Need::Expected, "Service"},
    {"service.registration.load", T::Enum, kLoad, Need::Optional, "Service"},
    {"service.install.type", T::Enum, kInstall, Need::Optional, "Service"},
    {"host.name", T::String, {}, Need::Expected, "Service"},
    {"host.description", T::String, {}, Need::Optional, "Service"},
    {"host.provider.type", T::Enum, kProviderTypes, Need::Optional, "Service"},
    {"host.server.type", T::Enum, kServerTypes, Need::Optional, "Service"},
    {"host.provider.hypervisor", T::String, {}, Need::Optional, "Service"},
    {"host.server.distribution", T::String, {}, Need::Optional, "Service"},
    {"host.country.name", T::String, {}, Need::Optional, "Service"},
    {"host.country.code", T::CountryCode, {}, Need::Optional, "Service"},
    {"software.name", T::String, {}, Need::Expected, "Service"},
    {"software.version", T::String, {}, Need::Optional, "Service"},
    {"software.license.name", T::String, {}, Need::Expected, "Service"},
    {"software.license.url", T::Url, {}, Need::Optional, "Service"},
    {"software.website", T::Url, {}, Need::Optional, "Service"},
    {"software.source.url", T::Url, {}, Need::Optional, "Service"},
    {"software.modules", T::Values, {}, Need::Optional, "Service"},
};

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// dd/mm/yyyy, the form of the collective's templates' examples: accepted as a date.
bool is_french_date(std::string_view v) {
    if (v.size() != 10 || v[2] != '/' || v[5] != '/') return false;
    std::string iso = std::string(v.substr(6, 4)) + "-" + std::string(v.substr(3, 2)) + "-" + std::string(v.substr(0, 2));
    return is_iso_date(iso);
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
    return true;
}

// The class as we name it ("organization" → "Organization"), or the value as is if unknown.
std::string canonical_class(std::string_view v) {
    for (auto c : kClasses)
        if (equal_ignoring_case(c, v)) return std::string(c);
    return std::string(v);
}

void check_value(const std::string& file, const Entry& e, T type, std::span<const std::string_view> values,
                 Report& report) {
    const std::string& v = e.value;
    if (v.empty()) return;
    // Dates: ISO, the templates' dd/mm/yyyy, or a date and time (the YunoHost generator writes
    // service.startdate so) — all read as the day they name.
    if (type == T::Date && (is_french_date(v) || (v.size() >= 19 && validate_value(T::DateTime, {}, v).empty())))
        return;
    if (type == T::Status) {
        for (auto s : kCollectiveStatus)
            if (v == s) return;
    }
    if (type == T::Enum && e.key == "file.class") {
        for (auto c : kClasses)
            if (equal_ignoring_case(c, v)) return;
        report.add(Severity::Error, file, e.line, e.key, "bad_enum", v);
        return;
    }
    // Metrics lists: GENERAL.md separates with ';', ChatonsInfos 0.4 writes ','; read both.
    if ((type == T::Months || type == T::Weeks || type == T::Days) && v.find(';') == std::string::npos) {
        std::string semi = v;
        std::replace(semi.begin(), semi.end(), ',', ';');
        std::string code = validate_value(type, values, semi);
        if (!code.empty()) report.add(Severity::Error, file, e.line, e.key, code, v);
        return;
    }
    if (type == T::Values && !values.empty()) {
        size_t pos = 0;
        while (true) {
            auto semi = v.find(';', pos);
            std::string item = v.substr(pos, semi == std::string::npos ? std::string::npos : semi - pos);
            item.erase(0, item.find_first_not_of(' '));
            item.erase(item.find_last_not_of(' ') + 1);
            bool ok = false;
            for (auto allowed : values) ok = ok || allowed == item;
            if (!ok) {
                report.add(Severity::Error, file, e.line, e.key, "bad_enum", v);
                return;
            }
            if (semi == std::string::npos) break;
            pos = semi + 1;
        }
        return;
    }
    // Reading is liberal about line breaks in strings (they arrive escaped).
    T effective = type == T::String ? T::Text : type;
    std::string code = validate_value(effective, values, v);
    if (!code.empty()) report.add(Severity::Error, file, e.line, e.key, code, v);
}

}  // namespace

int Report::errors() const {
    int n = 0;
    for (const auto& p : problems) n += p.severity == Severity::Error;
    return n;
}
int Report::warnings() const { return static_cast<int>(problems.size()) - errors(); }

void Report::add(Severity s, std::string file, int line, std::string key, std::string code, std::string value) {
    problems.push_back({s, std::move(file), line, std::move(key), std::move(code), std::move(value)});
}

ParsedFile check_text(std::string_view bytes, const std::string& file, std::string_view expected_class,
                      Report& report, bool own) {
    ++report.files;
    ParsedFile parsed = parse_properties(bytes);
    for (const auto& p : parsed.problems)
        report.add(Severity::Error, file, p.line, p.key, p.code, p.detail);

    std::string klass;
    if (auto e = parsed.find("file.class")) klass = canonical_class(e->value);
    bool known = std::find(std::begin(kClasses), std::end(kClasses), klass) != std::end(kClasses);
    if (!klass.empty() && !expected_class.empty() && klass != expected_class && known)
        report.add(Severity::Error, file, parsed.find("file.class")->line, "file.class", "wrong_class", klass);
    std::string_view as = expected_class.empty() ? std::string_view(klass) : expected_class;

    // Types of the keys present.
    for (const auto& e : parsed.entries) {
        if (e.key.rfind("metrics.", 0) == 0) {
            T type = ends_with(e.key, ".months") ? T::Months : ends_with(e.key, ".weeks") ? T::Weeks
                     : ends_with(e.key, ".days") ? T::Days : T::String;
            check_value(file, e, type, {}, report);
            continue;
        }
        if (const auto* f = find_field_by_key(e.key)) {
            check_value(file, e, f->type, f->values, report);
            continue;
        }
        for (const auto& s : kSpecs) {
            bool family = s.key.back() == '.';
            if (family ? e.key.rfind(s.key, 0) == 0 && e.key.size() > s.key.size() : e.key == s.key) {
                check_value(file, e, s.type, s.values, report);
                break;
            }
        }
    }

    // Keys that must or should be there.
    auto need_check = [&](std::string_view key, Need need) {
        const Entry* e = parsed.find(key);
        if (e && !e->value.empty()) return;
        if (need == Need::Mandatory)
            report.add(Severity::Error, file, e ? e->line : 0, std::string(key), "missing_mandatory");
        else if (need == Need::Expected)
            report.add(Severity::Warning, file, e ? e->line : 0, std::string(key), "missing_expected");
    };
    for (const auto& s : kSpecs)
        if (s.key.back() != '.' && (s.klass.empty() || s.klass == as)) need_check(s.key, s.need);
    // Our own files say where they live; other hosters' files, written from the collective's
    // templates, often do not, and the crawler does not need it.
    if (own) need_check("file.url", Need::Expected);
    if (as == "Organization")
        for (const auto& f : organization_fields())
            if (!f.key.empty() && (f.places & kChatonsInfos)) need_check(f.key, f.need);
    return parsed;
}

namespace {
// The class a file we publish must have, from its name.
std::string expected_class_of(db::Database& db, const Site& site, const std::string& name, int64_t now) {
    if (name == kOrganizationFile) return "Organization";
    constexpr std::string_view prefix = "service-", suffix = "-metrics.properties";
    if (name.size() > prefix.size() + suffix.size() && ends_with(name, suffix)) {
        std::string slug = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
        if (auto m = metrics_content(db, site, slug, now); m && m->name == name) return "Metrics";
    }
    return "Service";
}
}  // namespace

Report check_own(db::Database& db, const Site& site, int64_t now) {
    Report report;
    std::string public_key = ensure_signing_key(db, now);
    std::vector<std::pair<std::string, std::string>> files;
    for (const auto& name : published_files(db)) {
        auto p = publish(db, site, name, now);
        if (!p) continue;
        check_text(p->body, name, expected_class_of(db, site, name, now), report, true);
        if (!verify_signature(p->body, p->signature, public_key))
            report.add(Severity::Error, name, 0, "", "bad_signature");
        files.emplace_back(name, p->body);
    }
    check_publishing(db, site, files, report);
    return report;
}

Report check_remote(const std::string& url, const Fetcher& fetch) {
    Report report;
    Fetched org = fetch(url);
    if (!org.ok) {
        report.add(Severity::Error, url, 0, "", "unreachable", org.error);
        return report;
    }
    ParsedFile parsed = check_text(org.body, url, "Organization", report);
    int subs = 0;
    // Follows the subs.* of a file: the organization's lead to service files, a service's
    // (subs.metrics, ChatonsInfos 0.4) to its metrics file.
    auto follow = [&](const ParsedFile& from, const std::string& from_url, bool from_organization, auto& self) -> void {
        for (const auto& e : from.entries) {
            if (e.key.rfind("subs.", 0) != 0 || e.value.empty()) continue;
            if (!validate_value(T::Url, {}, e.value).empty()) continue;  // already reported as bad_url
            if (++subs > 500) {
                report.add(Severity::Error, from_url, e.line, e.key, "too_many_subs");
                return;
            }
            Fetched sub = fetch(e.value);
            if (!sub.ok) {
                report.add(Severity::Error, from_url, e.line, e.key, "unreachable_sub", e.value + ": " + sub.error);
                continue;
            }
            // A service's subs are its metrics (or other sub-files): any class is read.
            ParsedFile child = check_text(sub.body, e.value, from_organization ? "Service" : "", report);
            if (from_organization) self(child, e.value, false, self);
        }
    };
    follow(parsed, url, true, follow);
    return report;
}

std::string describe(const Problem& p, const i18n::Catalog& catalog, std::string_view lang) {
    std::string out = p.file;
    if (p.line > 0) {
        out += ':';
        out += std::to_string(p.line);
    }
    out += ": ";
    out += catalog.t(lang, p.severity == Severity::Error ? "profile.severity.error" : "profile.severity.warning");
    out += ": ";
    if (!p.key.empty()) {
        out += p.key;
        out += ": ";
    }
    out += catalog.t(lang, "profile.problem." + p.code, {{"value", p.value}});
    return out;
}

namespace {

// The service form's input for a service file key: service.legal.url → legal_url,
// host.provider.type → host_provider_type…
std::string service_form_input(std::string_view key) {
    static const std::pair<std::string_view, std::string_view> renamed[] = {
        {"service.startdate", "start_date"},        {"service.enddate", "end_date"},
        {"service.status.level", "admin_state"},    {"service.status.description", "admin_state"},
        {"host.provider.hypervisor", "host_hypervisor"}, {"host.server.distribution", "host_distribution"},
    };
    for (auto [from, to] : renamed)
        if (key == from) return std::string(to);
    std::string input(key.rfind("service.", 0) == 0 ? key.substr(8) : key);
    std::replace(input.begin(), input.end(), '.', '_');
    return input;
}

}  // namespace

std::string fix_path(const Problem& p) {
    if (p.code == "page_not_written") {
        auto slash = p.value.find_last_of('/');
        return "/admin/pages/" + p.value.substr(slash + 1) + "/fr";
    }
    if (p.code.rfind("base_url_", 0) == 0) return {};  // the configuration file, not a page
    if (const auto* f = find_field_by_key(p.key)) return "/admin/settings#field-" + std::string(f->id);
    if (p.file.rfind("service-", 0) == 0)
        return "/admin/services" + (p.key.empty() ? std::string() : "#f-" + service_form_input(p.key));
    return {};
}

}  // namespace chatiere::chatonsinfos
