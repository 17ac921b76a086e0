#include "chatonsinfos/organization_fields.h"

#include <array>

namespace chatiere::chatonsinfos {

const std::string_view kOrganizationTypes[7] = {"ASSOCIATION", "INFORMAL",   "COOPERATIVE", "MICROCOMPANY",
                                                "COMPANY",     "INDIVIDUAL", "OTHER"};
const std::string_view kActivityLevels[3] = {"ACTIVE", "IDLE", "AWAY"};
const std::string_view kChatonsMembership[2] = {"MEMBER", "NOT_YET"};
const std::string_view kStatusLevels[5] = {"ON", "MAINTENANCE", "DOWN", "OFF", "DRAFT"};

namespace {

using T = FieldType;
using N = Need;
constexpr unsigned C = kChatonsInfos, L = kLibrehost, H = kHomepage;
const std::span<const std::string_view> kNone{};
const std::span<const std::string_view> kTypes{kOrganizationTypes};
const std::span<const std::string_view> kLevels{kActivityLevels};
const std::span<const std::string_view> kMembership{kChatonsMembership};

// id, key, setting, type, values, need, localized, places, group, fallback, max length
const OrganizationField kFields[] = {
    {"name", "organization.name", "site.name", T::String, kNone, N::Mandatory, false, C | L | H, "identity", Fallback::None, 200},
    {"tagline", "", "site.tagline", T::String, kNone, N::Optional, true, L | H, "identity", Fallback::None, 200},
    {"description", "organization.description", "site.description", T::Text, kNone, N::Recommended, true, C | L | H, "identity", Fallback::None, 2000},
    {"type", "organization.type", "site.type", T::Enum, kTypes, N::Expected, false, C | L, "identity"},
    {"status_level", "organization.status.level", "site.status.level", T::Enum, kLevels, N::Expected, false, C, "identity"},
    {"status_description", "organization.status.description", "site.status.description", T::String, kNone, N::Optional, false, C, "identity"},
    {"startdate", "organization.startdate", "site.startdate", T::Date, kNone, N::Expected, false, C | L | H, "identity"},
    {"enddate", "organization.enddate", "site.enddate", T::Date, kNone, N::Optional, false, C, "identity"},
    {"website", "organization.website", "site.website", T::Url, kNone, N::Expected, false, C | L | H, "identity", Fallback::PortalHome},
    {"logo", "organization.logo", "site.logo", T::Url, kNone, N::Optional, false, C | L | H, "identity"},
    {"legal_url", "organization.legal.url", "site.legal.url", T::Url, kNone, N::Expected, false, C, "identity", Fallback::PortalLegal},
    {"guide_user", "organization.guide.user", "site.guide.user", T::Url, kNone, N::Optional, false, C, "identity"},
    {"guide_technical", "organization.guide.technical", "site.guide.technical", T::Url, kNone, N::Optional, false, C, "identity"},

    {"contact_email", "organization.contact.email", "site.contact.email", T::Email, kNone, N::Expected, false, C | L | H, "contact", Fallback::None, 254},
    {"contact_url", "organization.contact.url", "site.contact.url", T::Url, kNone, N::Optional, false, C | L | H, "contact"},
    {"owner_name", "organization.owner.name", "site.owner.name", T::String, kNone, N::Optional, false, C, "contact", Fallback::None, 200},
    {"owner_website", "organization.owner.website", "site.owner.website", T::Url, kNone, N::Optional, false, C, "contact"},
    {"owner_logo", "organization.owner.logo", "site.owner.logo", T::Url, kNone, N::Optional, false, C, "contact"},

    // Not published itself: decides whether the membership keys below are (NOT_YET: none is).
    {"chatons_member", "", "site.memberof.chatons.member", T::Enum, kMembership, N::Optional, false, 0, "chatons"},
    {"chatons_startdate", "organization.memberof.chatons.startdate", "site.memberof.chatons.startdate", T::Date, kNone, N::Expected, false, C, "chatons"},
    {"chatons_enddate", "organization.memberof.chatons.enddate", "site.memberof.chatons.enddate", T::Date, kNone, N::Optional, false, C, "chatons"},
    {"chatons_status_level", "organization.memberof.chatons.status.level", "site.memberof.chatons.status.level", T::Enum, kLevels, N::Expected, false, C, "chatons"},
    {"chatons_status_description", "organization.memberof.chatons.status.description", "site.memberof.chatons.status.description", T::String, kNone, N::Optional, false, C, "chatons"},

    {"country_name", "organization.country.name", "site.country.name", T::String, kNone, N::Recommended, false, C, "location", Fallback::None, 100},
    {"country_code", "organization.country.code", "site.country.code", T::CountryCode, kNone, N::Recommended, false, C, "location"},
    {"latitude", "organization.geolocation.latitude", "site.geolocation.latitude", T::DecimalDegree, kNone, N::Recommended, false, C, "location", Fallback::None, 20},
    {"longitude", "organization.geolocation.longitude", "site.geolocation.longitude", T::DecimalDegree, kNone, N::Recommended, false, C, "location", Fallback::None, 20},
    {"address", "organization.geolocation.address", "site.address", T::String, kNone, N::Recommended, false, C | H, "location"},

    {"social_mastodon", "organization.socialnetworks.mastodon", "site.social.mastodon", T::Url, kNone, N::Optional, false, C | H, "social"},
    {"social_peertube", "organization.socialnetworks.peertube", "site.social.peertube", T::Url, kNone, N::Optional, false, C | H, "social"},
    {"social_pixelfed", "organization.socialnetworks.pixelfed", "site.social.pixelfed", T::Url, kNone, N::Optional, false, C | H, "social"},
    {"social_mobilizon", "organization.socialnetworks.mobilizon", "site.social.mobilizon", T::Url, kNone, N::Optional, false, C | H, "social"},
    {"social_diaspora", "organization.socialnetworks.diaspora", "site.social.diaspora", T::Url, kNone, N::Optional, false, C | H, "social"},
    {"social_funkwhale", "organization.socialnetworks.funkwhale", "site.social.funkwhale", T::Url, kNone, N::Optional, false, C | H, "social"},

    {"chatroom_xmpp", "organization.chatrooms.xmpp", "site.chatrooms.xmpp", T::Url, kNone, N::Optional, false, C, "chatrooms"},
    {"chatroom_irc", "organization.chatrooms.irc", "site.chatrooms.irc", T::Url, kNone, N::Optional, false, C, "chatrooms"},
    {"chatroom_matrix", "organization.chatrooms.matrix", "site.chatrooms.matrix", T::Url, kNone, N::Optional, false, C, "chatrooms"},
    {"chatroom_mattermost", "organization.chatrooms.mattermost", "site.chatrooms.mattermost", T::Url, kNone, N::Optional, false, C, "chatrooms"},

    {"funding_liberapay", "organization.funding.liberapay", "site.funding.liberapay", T::Url, kNone, N::Optional, false, C, "funding"},
    {"funding_helloasso", "organization.funding.helloasso", "site.funding.helloasso", T::Url, kNone, N::Optional, false, C, "funding"},
    {"funding_paypal", "organization.funding.paypal", "site.funding.paypal", T::Url, kNone, N::Optional, false, C, "funding"},
    {"funding_custom", "organization.funding.custom", "site.funding.custom", T::Url, kNone, N::Optional, false, C, "funding"},
};

constexpr std::array<std::string_view, 7> kGroups = {"identity", "contact",   "chatons", "location",
                                                     "social",   "chatrooms", "funding"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!is_digit(c)) return false;
    return true;
}

int to_int(std::string_view s) {
    int n = 0;
    for (char c : s) n = n * 10 + (c - '0');
    return n;
}

bool valid_ymd(int y, int m, int d) {
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1000 || m < 1 || m > 12 || d < 1 || d > days[m - 1]) return false;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return false;
    return true;
}

bool has_control(std::string_view s, bool allow_newlines) {
    for (unsigned char c : s) {
        if ((c == '\n' || c == '\t') && allow_newlines) continue;
        if (c < 0x20 || c == 0x7f) return true;
    }
    return false;
}

size_t utf8_length(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xc0) != 0x80) ++n;
    return n;
}

}  // namespace

std::span<const OrganizationField> organization_fields() { return kFields; }

const OrganizationField* find_field_by_key(std::string_view key) {
    for (const auto& f : kFields)
        if (!f.key.empty() && f.key == key) return &f;
    return nullptr;
}

const OrganizationField* find_field_by_id(std::string_view id) {
    for (const auto& f : kFields)
        if (f.id == id) return &f;
    return nullptr;
}

std::string label_key(const OrganizationField& f) { return "profile.field." + std::string(f.id) + ".label"; }
std::string hint_key(const OrganizationField& f) { return "profile.field." + std::string(f.id) + ".hint"; }

std::span<const std::string_view> field_groups() { return kGroups; }

bool is_iso_date(std::string_view v) {
    return v.size() == 10 && v[4] == '-' && v[7] == '-' && all_digits(v.substr(0, 4)) && all_digits(v.substr(5, 2)) &&
           all_digits(v.substr(8, 2)) && valid_ymd(to_int(v.substr(0, 4)), to_int(v.substr(5, 2)), to_int(v.substr(8, 2)));
}

std::string validate_value(FieldType type, std::span<const std::string_view> values, std::string_view v,
                           size_t max_length) {
    if (v.empty()) return {};
    if (max_length && utf8_length(v) > max_length) return "too_long";
    if (has_control(v, type == FieldType::Text)) return "bad_line";
    switch (type) {
        case FieldType::String:
        case FieldType::Text:
            return {};
        case FieldType::Url: {
            std::string_view rest;
            if (v.rfind("https://", 0) == 0) rest = v.substr(8);
            else if (v.rfind("http://", 0) == 0) rest = v.substr(7);
            else return "bad_url";
            auto host = rest.substr(0, rest.find_first_of("/?#"));
            if (host.empty() || host.find('@') != std::string_view::npos) return "bad_url";
            if (v.size() > 2048 || v.find_first_of(" \"<>\\^`{|}") != std::string_view::npos) return "bad_url";
            return {};
        }
        case FieldType::Email: {
            auto at = v.find('@');
            if (at == 0 || at == std::string_view::npos || at + 1 >= v.size() || v.find('@', at + 1) != std::string_view::npos)
                return "bad_email";
            if (v.find_first_of(" ,;:<>()[]\\\"") != std::string_view::npos || v.size() > 254) return "bad_email";
            auto domain = v.substr(at + 1);
            if (domain.front() == '.' || domain.back() == '.' || domain.find("..") != std::string_view::npos)
                return "bad_email";
            return {};
        }
        case FieldType::Date:
            return is_iso_date(v) ? "" : "bad_date";
        case FieldType::DateTime: {
            if (v.size() < 19 || !is_iso_date(v.substr(0, 10)) || v[10] != 'T' || v[13] != ':' || v[16] != ':' ||
                !all_digits(v.substr(11, 2)) || !all_digits(v.substr(14, 2)) || !all_digits(v.substr(17, 2)) ||
                to_int(v.substr(11, 2)) > 23 || to_int(v.substr(14, 2)) > 59 || to_int(v.substr(17, 2)) > 60)
                return "bad_datetime";
            auto zone = v.substr(19);
            if (zone.empty() || zone == "Z") return {};
            if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && all_digits(zone.substr(1, 2)) &&
                zone[3] == ':' && all_digits(zone.substr(4, 2)))
                return {};
            return "bad_datetime";
        }
        case FieldType::Enum:
            for (auto allowed : values)
                if (allowed == v) return {};
            return "bad_enum";
        case FieldType::Status:
            for (auto allowed : kStatusLevels)
                if (allowed == v) return {};
            return "bad_status";
        case FieldType::DecimalDegree: {
            std::string_view s = v;
            if (s.front() == '+' || s.front() == '-') s.remove_prefix(1);
            auto sep = s.find_first_of(".,");
            if (sep == std::string_view::npos || !all_digits(s.substr(0, sep))) return "bad_decimal_degree";
            auto frac = s.substr(sep + 1);
            if (frac.size() < 1 || frac.size() > 8 || !all_digits(frac)) return "bad_decimal_degree";
            if (to_int(s.substr(0, std::min<size_t>(sep, 4))) > 180 || sep > 3) return "bad_decimal_degree";
            return {};
        }
        case FieldType::CountryCode:
            if (v.size() == 2 && v[0] >= 'A' && v[0] <= 'Z' && v[1] >= 'A' && v[1] <= 'Z') return {};
            return "bad_country";
        case FieldType::Values:
            return {};
        case FieldType::Months:
        case FieldType::Weeks:
        case FieldType::Days: {
            size_t limit = type == FieldType::Months ? 12 : type == FieldType::Weeks ? 52 : 366;
            size_t count = 0;
            size_t pos = 0;
            while (true) {
                auto semi = v.find(';', pos);
                auto item = v.substr(pos, semi == std::string_view::npos ? std::string_view::npos : semi - pos);
                ++count;
                std::string_view num = item;
                auto dot = num.find('.');
                if (!item.empty() && (!all_digits(num.substr(0, dot)) ||
                                      (dot != std::string_view::npos && !all_digits(num.substr(dot + 1)))))
                    return "bad_list";
                if (semi == std::string_view::npos) break;
                pos = semi + 1;
            }
            return count <= limit ? "" : "bad_list";
        }
    }
    return {};
}

}  // namespace chatiere::chatonsinfos
