#include "profile/linked_data.h"

#include "i18n/catalog.h"
#include "i18n/format.h"
#include "profile/organization_fields.h"
#include "profile/signing.h"
#include "store/profile_keys.h"
#include "store/settings.h"

namespace chatiere::profile {

nlohmann::json organization_json_ld(db::Database& db, const Site& site, std::string_view lang, bool with_dates,
                                    int64_t now) {
    auto settings = store::settings_with_prefix(db, "site.");
    auto pick = [&](std::string_view id) -> std::string {
        const auto* f = find_field_by_id(id);
        if (!f) return {};
        std::string setting(f->setting);
        auto get = [&](const std::string& k) {
            auto it = settings.find(k);
            return it == settings.end() ? std::string() : it->second;
        };
        std::string v;
        if (f->localized) {
            v = get(setting + "." + std::string(lang));
            for (const auto& l : i18n::languages())
                if (v.empty()) v = get(setting + "." + l);
        }
        if (v.empty()) v = get(setting);
        if (v.empty() && f->fallback == Fallback::PortalHome) v = absolute(site, "/");
        if (f->type == FieldType::Url && !v.empty() && v.front() == '/') {
            auto scheme = site.base_url.find("://");
            auto slash = site.base_url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
            v = site.base_url.substr(0, slash) + v;
        }
        return v;
    };
    nlohmann::json j;
    j["@context"] = "https://schema.org";
    j["@type"] = "Organization";
    std::string name = pick("name");
    j["name"] = name.empty() ? "Chatière" : name;
    auto put = [&](const char* key, const std::string& value) {
        if (!value.empty()) j[key] = value;
    };
    put("slogan", pick("tagline"));
    j["url"] = absolute(site, "/");
    put("logo", pick("logo"));
    put("description", pick("description"));
    j["knowsLanguage"] = i18n::languages();
    put("email", pick("contact_email"));
    if (!pick("contact_email").empty() || !pick("contact_url").empty()) {
        nlohmann::json cp{{"@type", "ContactPoint"}, {"contactType", "customer support"}};
        if (auto e = pick("contact_email"); !e.empty()) cp["email"] = e;
        if (auto u = pick("contact_url"); !u.empty()) cp["url"] = u;
        cp["availableLanguage"] = i18n::languages();
        j["contactPoint"] = cp;
    }
    put("address", pick("address"));
    put("foundingDate", pick("startdate"));
    nlohmann::json same_as = nlohmann::json::array();
    if (auto w = pick("website"); !w.empty() && w != absolute(site, "/")) same_as.push_back(w);
    for (const auto& f : organization_fields())
        if (f.group == "social")
            if (auto v = pick(f.id); !v.empty()) same_as.push_back(v);
    if (!same_as.empty()) j["sameAs"] = same_as;
    j["privacyPolicy"] = absolute(site, "/privacy");
    j["termsOfService"] = absolute(site, "/terms");
    if (with_dates) {
        ensure_signing_key(db, now);  // made at init; its date is the profile's creation
        if (auto key = store::current_signing_key(db)) j["dateCreated"] = i18n::iso_utc(key->created_at);
        if (int64_t changed = store::settings_changed_at(db)) j["dateModified"] = i18n::iso_utc(changed);
    }
    return j;
}

std::string json_for_script(const nlohmann::json& j) {
    std::string text = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 2, "</") == 0) {
            out += "<\\/";
            ++i;
        } else if (text[i] == '<') {
            out += "\\u003c";  // no "<script" or "<!--" either
        } else {
            out += text[i];
        }
    }
    return out;
}

}  // namespace chatiere::profile
