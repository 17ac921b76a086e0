#pragma once
// The hoster's identity as JSON-LD (schema.org and librehost.json).
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "db/database.h"
#include "chatonsinfos/writer.h"

// The hoster's identity as JSON-LD: the homepage's <script type="application/ld+json">
// (schema.org) and /librehost.json (the Librehosters network's schema).
namespace chatiere::chatonsinfos {

// schema.org Organization, only with properties schema.org defines for it (checked against
// the schema-dts vocabulary by tests/scripts/interop.sh): name, slogan (tagline), url, logo,
// description, knowsLanguage, email and contactPoint, address, foundingDate, sameAs (website
// and social networks), publishingPrinciples (the portal's /terms). Texts in `lang`, falling
// back to the other language.
nlohmann::json organization_json_ld(db::Database& db, const Site& site, std::string_view lang);

// The Librehosters network's schema, version 0.0.1 (its validator, decentral1se/librehosters-cli
// `libreh schema`, wants the same version and exactly the same keys; tests/data/librehost/
// keeps them): @context, @type, version, name, tagLine, homeUrl, logo, description,
// communicationLanguages, contactUrl, privacyPolicyUrl, termsOfServiceUrl, organizationType,
// isServiceProvider, foundingDate (a year), dateCreated (when the profile was first
// published), dateModified (when this document's content last changed). Every key is always
// present; what the hoster left empty is "". Records its publication in profile_files.
struct Librehost {
    nlohmann::json document;
    int64_t changed_at = 0;  // dateModified, for Last-Modified
};
Librehost librehost_json(db::Database& db, const Site& site, std::string_view lang, int64_t now);
constexpr std::string_view kLibrehostVersion = "0.0.1";

// JSON text safe inside an HTML <script> element: "</" is written "<\/" and any other "<" as
// "\u003c", so no value can end the element, open a comment or start a script tag.
std::string json_for_script(const nlohmann::json& j);

}  // namespace chatiere::chatonsinfos
