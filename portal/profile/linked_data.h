#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "db/database.h"
#include "profile/writer.h"

// The hoster's identity as schema.org JSON-LD: /librehost.json (Librehosters) and the
// homepage's <script type="application/ld+json">.
namespace chatiere::profile {

// schema.org Organization: name, slogan (tagline), url, logo, description, knowsLanguage,
// email and contactPoint, address, foundingDate, sameAs (social networks), privacyPolicy and
// termsOfService (the portal's /privacy and /terms), and, for librehost.json, dateCreated /
// dateModified. Texts in `lang`, falling back to the other language.
nlohmann::json organization_json_ld(db::Database& db, const Site& site, std::string_view lang, bool with_dates,
                                    int64_t now);

// JSON text safe inside an HTML <script> element: "</" is written "<\/" and any other "<" as
// "\u003c", so no value can end the element, open a comment or start a script tag.
std::string json_for_script(const nlohmann::json& j);

}  // namespace chatiere::profile
