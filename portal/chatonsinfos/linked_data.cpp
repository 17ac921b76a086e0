#include "chatonsinfos/linked_data.h"

#include <algorithm>
#include <map>

#include "auth/random.h"
#include "i18n/catalog.h"
#include "i18n/format.h"
#include "chatonsinfos/organization_fields.h"
#include "store/profile_keys.h"
#include "store/settings.h"

namespace chatiere::chatonsinfos {

namespace {

// One field of the hoster's identity in `lang` (falling back to the other languages), with the
// field's fallback applied and a root-relative URL made absolute.
class Identity {
public:
    Identity(db::Database& db, const Site& site, std::string_view lang)
        : site_(site), lang_(lang), settings_(store::settings_with_prefix(db, "site.")) {}

    std::string operator()(std::string_view id) const {
        const auto* f = find_field_by_id(id);
        if (!f) return {};
        std::string setting(f->setting);
        std::string v;
        if (f->localized) {
            v = get(setting + "." + lang_);
            for (const auto& l : i18n::languages())
                if (v.empty()) v = get(setting + "." + l);
        }
        if (v.empty()) v = get(setting);
        if (v.empty() && f->fallback == Fallback::PortalHome) v = absolute(site_, "/");
        if (f->type == FieldType::Url && !v.empty() && v.front() == '/') {
            auto scheme = site_.base_url.find("://");
            auto slash = site_.base_url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
            v = site_.base_url.substr(0, slash) + v;
        }
        return v;
    }
    std::string name() const {
        std::string n = (*this)("name");
        return n.empty() ? "Chatière" : n;
    }

private:
    std::string get(const std::string& k) const {
        auto it = settings_.find(k);
        return it == settings_.end() ? std::string() : it->second;
    }
    const Site& site_;
    std::string lang_;
    std::map<std::string, std::string> settings_;
};

// organization.type in the words of the Librehosters schema's example ("Informal collective").
std::string librehost_organization_type(std::string_view type) {
    static const std::map<std::string_view, std::string_view> words = {
        {"ASSOCIATION", "Association"}, {"INFORMAL", "Informal collective"}, {"COOPERATIVE", "Cooperative"},
        {"MICROCOMPANY", "Micro-company"}, {"COMPANY", "Company"}, {"INDIVIDUAL", "Individual"}, {"OTHER", "Other"}};
    auto it = words.find(type);
    return it == words.end() ? std::string() : std::string(it->second);
}

}  // namespace

nlohmann::json organization_json_ld(db::Database& db, const Site& site, std::string_view lang) {
    Identity pick(db, site, lang);
    nlohmann::json j;
    j["@context"] = "https://schema.org";
    j["@type"] = "Organization";
    j["name"] = pick.name();
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
    // schema.org has no property for a privacy policy on an Organization; the terms are the
    // principles the hoster publishes by.
    put("publishingPrinciples", written_page_url(db, site, "terms"));
    return j;
}

Librehost librehost_json(db::Database& db, const Site& site, std::string_view lang, int64_t now) {
    Identity pick(db, site, lang);
    nlohmann::json j;
    j["@context"] = "http://schema.org";
    j["@type"] = "Organization";
    j["version"] = std::string(kLibrehostVersion);
    j["name"] = pick.name();
    j["tagLine"] = pick("tagline");
    j["homeUrl"] = pick("website");
    j["logo"] = pick("logo");
    j["description"] = pick("description");
    j["communicationLanguages"] = i18n::languages();
    std::string contact = pick("contact_url");
    if (contact.empty())
        if (auto email = pick("contact_email"); !email.empty()) contact = "mailto:" + email;
    j["contactUrl"] = contact;
    j["privacyPolicyUrl"] = written_page_url(db, site, "privacy");
    j["termsOfServiceUrl"] = written_page_url(db, site, "terms");
    j["organizationType"] = librehost_organization_type(pick("type"));
    j["isServiceProvider"] = true;
    std::string founded = pick("startdate");
    j["foundingDate"] = founded.size() >= 4 ? founded.substr(0, 4) : std::string();

    // Its content (the dates aside) decides when it changed, as for the ChatonsInfos files.
    constexpr std::string_view kName = "librehost.json";
    std::string hash = auth::hash_token(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    int64_t changed_at = now;
    auto state = store::profile_file_state(db, kName);
    if (state && state->content_hash == hash) changed_at = state->changed_at;
    else store::save_profile_file_state(db, kName, hash, now);
    int64_t created = store::profile_first_published_at(db).value_or(changed_at);
    j["dateCreated"] = i18n::iso_utc(std::min(created, changed_at));
    j["dateModified"] = i18n::iso_utc(changed_at);
    return {std::move(j), changed_at};
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

}  // namespace chatiere::chatonsinfos
