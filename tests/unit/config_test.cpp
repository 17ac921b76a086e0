#include <doctest/doctest.h>

#include <fstream>

#include "config.h"
#include "support/test_server.h"

using namespace chatiere;

TEST_SUITE("config") {
    TEST_CASE("defaults are valid and documented") {
        Config c;
        CHECK_NOTHROW(validate(c));
        CHECK(c.listen_host == "127.0.0.1");
        CHECK(c.listen_port == 8080);
        // every option appears in the example file
        std::ifstream example(std::string(CHATIERE_SOURCE_DIR) + "/config/chatiere.toml.example");
        REQUIRE(example);
        std::string text((std::istreambuf_iterator<char>(example)), std::istreambuf_iterator<char>());
        for (const auto& o : options()) {
            INFO("option " << o.key);
            CHECK(text.find("\n# " + o.key + " = ") != std::string::npos);
        }
    }

    TEST_CASE("a bad value names the key") {
        Config c;
        CHECK_THROWS_WITH_AS(set_option(c, "listen", "nonsense"), doctest::Contains("listen:"), ConfigError);
        CHECK_THROWS_WITH_AS(set_option(c, "listen", "127.0.0.1:99999"), doctest::Contains("listen:"), ConfigError);
        CHECK_THROWS_WITH_AS(set_option(c, "base_url", "ftp://x"), doctest::Contains("base_url:"), ConfigError);
        CHECK_THROWS_WITH_AS(set_option(c, "max_threads", "-3"), doctest::Contains("max_threads:"), ConfigError);
        CHECK_THROWS_WITH_AS(set_option(c, "max_threads", "1"), doctest::Contains("between 2 and"), ConfigError);
        CHECK_THROWS_WITH_AS(set_option(c, "access_log", "maybe"), doctest::Contains("access_log:"), ConfigError);
        CHECK_THROWS_WITH_AS(set_option(c, "default_language", "de"), doctest::Contains("default_language:"),
                             ConfigError);
        CHECK_THROWS_WITH_AS(set_option(c, "timezone", "Mars/Olympus"), doctest::Contains("timezone:"), ConfigError);
        CHECK_NOTHROW(set_option(c, "timezone", "Europe/Paris"));
        CHECK(c.timezone == "Europe/Paris");
        CHECK_THROWS_WITH_AS(set_option(c, "timezone", "Europe"), doctest::Contains("unknown time zone"), ConfigError);
        CHECK_THROWS_WITH_AS(set_option(c, "timezone", "zone.tab"), doctest::Contains("unknown time zone"),
                             ConfigError);
        CHECK_THROWS_WITH_AS(set_option(c, "max_threads", "\xb2"), doctest::Contains("whole number"), ConfigError);
        CHECK_THROWS_WITH_AS(set_option(c, "no_such_key", "1"), doctest::Contains("no_such_key: unknown"),
                             ConfigError);
        c.min_threads = 100;
        c.max_threads = 10;
        CHECK_THROWS_WITH_AS(validate(c), doctest::Contains("min_threads"), ConfigError);
    }

    TEST_CASE("listen and base_url are parsed") {
        Config c;
        set_option(c, "listen", "[::1]:9000");
        CHECK(c.listen_host == "::1");
        CHECK(c.listen_port == 9000);
        set_option(c, "base_url", "https://example.org/portail");
        CHECK(c.base_url == "https://example.org/portail/");
        CHECK(c.https());
        CHECK(c.origin() == "https://example.org");
        CHECK(c.root_path() == "/portail/");
        set_option(c, "base_url", "http://127.0.0.1:8080");
        CHECK(c.root_path() == "/");
    }

    TEST_CASE("file, then environment, with _FILE secrets") {
        testing::TempDb tmp;
        std::string toml = tmp.path + ".toml";
        {
            std::ofstream f(toml);
            f << "db = \"/var/lib/chatiere/portal.db\"\nmax_threads = 64\naccess_log = false\n";
        }
        Config c;
        load_config_file(c, toml);
        CHECK(c.db == "/var/lib/chatiere/portal.db");
        CHECK(c.max_threads == 64);
        CHECK_FALSE(c.access_log);

        std::string secret = tmp.path + ".secret";
        {
            std::ofstream f(secret);
            f << "portal@example.org\n";
        }
        std::map<std::string, std::string> env = {{"CHATIERE_MAX_THREADS", "128"}, {"CHATIERE_MAIL_FROM_FILE", secret}};
        load_environment(c, &env);
        CHECK(c.max_threads == 128);
        CHECK(c.mail_from == "portal@example.org");

        std::map<std::string, std::string> bad = {{"CHATIERE_LISTEN", "oops"}};
        CHECK_THROWS_WITH_AS(load_environment(c, &bad), doctest::Contains("listen:"), ConfigError);

        {
            std::ofstream f(toml);
            f << "max_thread = 3\n";
        }
        Config d;
        CHECK_THROWS_WITH_AS(load_config_file(d, toml), doctest::Contains("max_thread: unknown"), ConfigError);
        {
            std::ofstream f(toml);
            f << "db = [1, 2\n";
        }
        CHECK_THROWS_AS(load_config_file(d, toml), ConfigError);
        std::filesystem::remove(toml);
        std::filesystem::remove(secret);
    }
}
