#include <doctest/doctest.h>

#include "http/assets.h"
#include "i18n/catalog.h"
#include "i18n/format.h"

using namespace chatiere;

TEST_SUITE("i18n") {
    TEST_CASE("Accept-Language negotiation") {
        CHECK(i18n::negotiate("fr-FR,fr;q=0.9,en;q=0.8", "en") == "fr");
        CHECK(i18n::negotiate("en-GB,en;q=0.9,fr;q=0.8", "fr") == "en");
        CHECK(i18n::negotiate("de-DE,de;q=0.9,en;q=0.5", "fr") == "en");
        CHECK(i18n::negotiate("de, it", "fr") == "fr");
        CHECK(i18n::negotiate("", "en") == "en");
        CHECK(i18n::negotiate("fr;q=0.2, en;q=0.7", "fr") == "en");
        CHECK(i18n::negotiate("EN", "fr") == "en");
        CHECK(i18n::negotiate("fr;q=0, en;q=0", "fr") == "fr");
        CHECK(i18n::negotiate(";;;,,,q=,=;", "fr") == "fr");
    }

    TEST_CASE("the built-in catalogues have the same keys in every language") {
        http::Assets assets;
        assets.load("");
        i18n::Catalog cat;
        CHECK_NOTHROW(cat.load(assets.files_under("web/i18n/")));
        CHECK(cat.size("fr") == cat.size("en"));
        CHECK(cat.size("fr") > 50);
        CHECK(cat.t("fr", "nav.home") == "Accueil");
        CHECK(cat.t("en", "nav.home") == "Home");
        CHECK(cat.t("en", "no.such.key") == "no.such.key");
    }

    TEST_CASE("a key missing in one language is refused") {
        i18n::Catalog cat;
        std::map<std::string, std::string> files = {{"web/i18n/fr/a.toml", "x = \"un\"\ny = \"deux\"\n"},
                                                    {"web/i18n/en/a.toml", "x = \"one\"\n"}};
        CHECK_THROWS_WITH(cat.load(files), doctest::Contains("y exists in fr but not in en"));
        files["web/i18n/en/a.toml"] = "x = \"one\"\ny = \"two\"\n";
        files["web/i18n/en/b.toml"] = "x = \"again\"\n";
        CHECK_THROWS_WITH(cat.load(files), doctest::Contains("defined twice"));
    }

    TEST_CASE("placeholders") {
        CHECK(i18n::fill("{a} of {b}", {{"a", "182 €"}, {"b", "250 €"}}) == "182 € of 250 €");
        CHECK(i18n::fill("{unknown} {", {}) == "{unknown} {");
    }
}

TEST_SUITE("format") {
    TEST_CASE("money is formatted for the reader, from integer cents") {
        CHECK(i18n::format_money("fr", 123450, "EUR") == "1\u202f234,50\u00a0€");
        CHECK(i18n::format_money("en", 123450, "EUR") == "€1,234.50");
        CHECK(i18n::format_money("en", 5, "USD") == "$0.05");
        CHECK(i18n::format_money("fr", -1999, "EUR") == "-19,99\u00a0€");
        CHECK(i18n::format_money("en", 100000000, "CHF") == "1,000,000.00\u00a0CHF");
        CHECK(i18n::format_money("en", INT64_MIN, "EUR").size() > 10);  // no overflow
    }

    TEST_CASE("integers and dates") {
        CHECK(i18n::format_integer("fr", 1234567) == "1\u202f234\u202f567");
        CHECK(i18n::format_integer("en", 1234567) == "1,234,567");
        CHECK(i18n::format_integer("en", 999) == "999");
        http::Assets assets;
        assets.load("");
        i18n::Catalog cat;
        cat.load(assets.files_under("web/i18n/"));
        const auto paris = i18n::TimeZone::load("Europe/Paris");
        int64_t t = 1764000000;  // 2025-11-24T16:00:00Z = 17:00 in Paris
        CHECK(i18n::format_date(cat, "fr", paris, t) == "24 novembre 2025");
        CHECK(i18n::format_date(cat, "en", paris, t) == "24 November 2025");
        CHECK(i18n::format_datetime(cat, "fr", paris, t) == "24 novembre 2025 à 17:00");
        CHECK(i18n::format_datetime(cat, "en", paris, t) == "24 November 2025, 17:00");
        CHECK(i18n::format_date(cat, "fr", paris, 1761955200) == "1er novembre 2025");
        // The same moment in another zone, in the same process: nothing global changed.
        const auto tokyo = i18n::TimeZone::load("Asia/Tokyo");
        CHECK(i18n::format_datetime(cat, "en", tokyo, t) == "25 November 2025, 01:00");
        CHECK(i18n::format_datetime(cat, "en", paris, t) == "24 November 2025, 17:00");
        CHECK(i18n::iso_utc(t) == "2025-11-24T16:00:00Z");
    }
}
