// Inputs the fuzz targets of tests/fuzz found troublesome, kept as tests of the normal build
// (each one is also in the target's seed corpus, tests/fuzz/corpus/<target>/).
#include <doctest/doctest.h>

#include <chrono>

#include "config.h"
#include "http/cookies.h"
#include "ledger/csv.h"
#include "text/markdown.h"

using namespace chatiere;

namespace {
// Seconds `f` takes. The bounds below are a few times what the linear code takes on a slow
// machine, and far below what the quadratic code took.
template <class F>
double seconds(F&& f) {
    auto start = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

TEST_SUITE("fuzz regressions") {
    TEST_CASE("config: a float too large for a whole number is refused, a whole float is the number") {
        // corpus/config/float-out-of-range.toml: toml++'s value<int64_t>() cast 61e34 to an
        // integer, which is undefined behaviour (UBSan stops there).
        Config c;
        CHECK_THROWS_WITH_AS(load_config_text(c, "max_threads = 61e34\n", "x.toml"),
                             doctest::Contains("max_threads: expected a string, a number or true/false"), ConfigError);
        CHECK_THROWS_AS(load_config_text(c, "max_threads = -9.3e18\n", "x.toml"), ConfigError);
        CHECK_THROWS_AS(load_config_text(c, "max_threads = inf\n", "x.toml"), ConfigError);
        CHECK_THROWS_AS(load_config_text(c, "max_threads = nan\n", "x.toml"), ConfigError);
        CHECK_THROWS_AS(load_config_text(c, "max_threads = 64.5\n", "x.toml"), ConfigError);
        load_config_text(c, "max_threads = 64.0\nmin_threads = 2\naccess_log = false\n", "x.toml");
        CHECK(c.max_threads == 64);
        CHECK(c.min_threads == 2);
        CHECK_FALSE(c.access_log);
    }

    TEST_CASE("config: TOML that toml++ 3.3 only assumes away is a parse error") {
        // "[" then a character that starts no key: an assertion in a Debug toml++, and an
        // error message (with the line) in the library the portal links.
        Config c;
        CHECK_THROWS_WITH_AS(load_config_text(c, "[=", "x.toml"), doctest::Contains("x.toml:1:"), ConfigError);
        CHECK_THROWS_AS(load_config_text(c, std::string_view("[\0", 2), "x.toml"), ConfigError);
    }

    TEST_CASE("cookie header: the pairs as Ctx::cookie reads them") {
        using Pairs = std::vector<std::pair<std::string_view, std::string_view>>;
        CHECK(http::parse_cookie_header("a=1; b=2;c=3") == Pairs{{"a", "1"}, {"b", "2"}, {"c", "3"}});
        // No '=': left out; spaces only skipped before a name; values kept as they are.
        CHECK(http::parse_cookie_header("  a=1 ;flag; =e;d=x=y;  ") == Pairs{{"a", "1 "}, {"", "e"}, {"d", "x=y"}});
        CHECK(http::parse_cookie_header("").empty());
        CHECK(http::parse_cookie_header(";;;").empty());
    }

    TEST_CASE("csv import: a long field of capital É is read in linear time") {
        // corpus/csv/kind-of-capital-e-acute.csv, larger: lower() searched for "É" from the
        // start again after each replacement (a 200 KB field took minutes).
        std::string e_acutes;
        for (int i = 0; i < 500000; ++i) e_acutes += "\xc3\x89";
        std::string text = "date;kind;amount;currency\n2025-11-02;" + e_acutes + ";25;EUR\n";
        ledger::ImportParse parsed;
        CHECK(seconds([&] { parsed = ledger::parse_import(text); }) < 2.0);
        REQUIRE(parsed.lines.size() == 1);
        CHECK(parsed.lines[0].reason == "kind");
        // Every É of a header is still lowered, not only the first.
        auto helloasso = ledger::parse_import("DATE;MONTANT;R\xc3\x89" "F\xc3\x89RENCE\n01/02/2026;5;R-1\n");
        CHECK(helloasso.format == "helloasso");
        REQUIRE(helloasso.lines.size() == 1);
        REQUIRE(helloasso.lines[0].draft);
        CHECK(helloasso.lines[0].draft->private_note == "HelloAsso (R-1)");
    }

    TEST_CASE("markdown: many remote images deep in quotes are rendered in linear time") {
        // corpus/markdown/deep-quote-many-images, larger: moving each image's children into a
        // link made cmark walk up to the root for every image.
        std::string text;
        for (int i = 0; i < 60000; ++i) text += "> ";
        // (Plain descriptions: with "*a*" cmark 0.30 itself takes seconds to parse this.)
        for (int i = 0; i < 60000; ++i) text += "![a](https://x.example/i.png)";
        std::string html;
        CHECK(seconds([&] { html = text::markdown_to_html(text); }) < 2.0);
        CHECK(html.find("<img") == std::string::npos);
        CHECK(html.find("<a href=\"https://x.example/i.png\">a</a>") != std::string::npos);

        // corpus/markdown/nested-remote-images: only the outer image becomes a link; the inner
        // ones are its description, as in an alt attribute.
        std::string nested;
        for (int i = 0; i < 20000; ++i) nested += "![";
        nested += "a";
        for (int i = 0; i < 20000; ++i) nested += "](https://x.example/i.png)";
        CHECK(seconds([&] { html = text::markdown_to_html(nested); }) < 2.0);
        CHECK(html == "<p><a href=\"https://x.example/i.png\">a</a></p>\n");
    }

    TEST_CASE("markdown: a remote image becomes a link whose text is its description, as plain text") {
        CHECK(text::markdown_to_html("![*em* desc](https://a.example/p.png \"T\")") ==
              "<p><a href=\"https://a.example/p.png\" title=\"T\">em desc</a></p>\n");
        CHECK(text::markdown_to_html("![](https://a.example/p.png)") ==
              "<p><a href=\"https://a.example/p.png\">https://a.example/p.png</a></p>\n");
        // A remote image inside a local one is only part of the local one's alt text.
        CHECK(text::markdown_to_html("![![in](https://b.example/i.png) out](/static/o.png)") ==
              "<p><img src=\"/static/o.png\" alt=\"in out\" /></p>\n");
    }
}
