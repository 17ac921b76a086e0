#pragma once
// The table of the hoster's published identity fields.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// The hoster's identity as published: one row per field an admin can fill in. This one table
// drives the ChatonsInfos writer, the checker (types and needs of organization.* keys) and
// the admin form /admin/settings (labels, hints, validation, "where it appears").
namespace chatiere::chatonsinfos {

// Types of PROFILE.md ("Types"), plus the few the portal needs for its own fields.
enum class FieldType {
    String,         // one line of text
    Text,           // text that may hold line breaks (written with \n in the profile)
    Url,            // http(s)://…
    Email,          // x@y
    Date,           // ISO 2020-07-06
    DateTime,       // ISO 2020-07-06T14:23:20
    Enum,           // one of `values`
    DecimalDegree,  // [+-]?digits[.,]1–8 digits
    CountryCode,    // ISO 3166-1 alpha-2, upper case
    Status,         // ON / MAINTENANCE / DOWN / OFF / DRAFT
    Values,         // ;-separated list
    Months,         // ;-separated list of up to 12 numbers
    Weeks,          // … 52
    Days,           // … 366
};

// How much the collective needs a key (PROFILE.md "need" column).
enum class Need { Mandatory, Expected, Recommended, Optional };

// Public places where a field shows (bit set).
enum Place : unsigned {
    kChatonsInfos = 1,  // /.well-known/chatonsinfos/organization.properties
    kLibrehost = 2,     // /librehost.json
    kHomepage = 4,      // the homepage (text and schema.org JSON-LD)
};

// What the writer publishes when the admin left a field empty.
enum class Fallback { None, PortalHome, PortalLegal };

struct OrganizationField {
    std::string_view id;         // form field name and anchor: "website" → /admin/settings#field-website
    std::string_view key;        // ChatonsInfos key ("" when not in the profile: tagline)
    std::string_view setting;    // settings key; for localized fields, the prefix of "<setting>.<lang>"
    FieldType type;
    std::span<const std::string_view> values;  // for Enum
    Need need;
    bool localized;              // stored once per language (site.description.fr / .en)
    unsigned places;             // Place bits
    std::string_view group;      // form section: identity, contact, chatons, location, social, chatrooms, funding
    Fallback fallback = Fallback::None;
    size_t max_length = 500;
};

// Every field, in form order.
std::span<const OrganizationField> organization_fields();
const OrganizationField* find_field_by_key(std::string_view key);
const OrganizationField* find_field_by_id(std::string_view id);
// Catalogue keys of a field's label and hint: "profile.field.<id>.label" / ".hint".
std::string label_key(const OrganizationField& f);
std::string hint_key(const OrganizationField& f);

// Form groups in order, with their catalogue key "profile.group.<group>".
std::span<const std::string_view> field_groups();

// Validation of one value against a type (strict: what we write). Empty is valid for every
// type (need is checked separately). Returns "" when valid, else a problem code:
// bad_url, bad_email, bad_date, bad_datetime, bad_enum, bad_decimal_degree, bad_country,
// bad_status, bad_list, too_long, bad_line.
bool is_iso_date(std::string_view v);

std::string validate_value(FieldType type, std::span<const std::string_view> values, std::string_view value,
                           size_t max_length = 0);

// The enum values used by the organization and service sections.
extern const std::string_view kOrganizationTypes[7];
extern const std::string_view kActivityLevels[3];
extern const std::string_view kChatonsMembership[2];
extern const std::string_view kStatusLevels[5];

}  // namespace chatiere::chatonsinfos
