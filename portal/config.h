#pragma once
// The configuration file and command-line settings.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace chatiere {

// A bad configuration value; what() names the key.
struct ConfigError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct Config {
    // storage
    std::string db = "chatiere.db";
    int db_connections = 4;
    int db_cache_kib = 4096;
    std::string db_synchronous = "full";  // full | normal
    // network
    std::string listen_host = "127.0.0.1";
    int listen_port = 8080;
    std::string base_url = "http://127.0.0.1:8080/";
    int min_threads = 8;
    int max_threads = 2048;
    int read_timeout_seconds = 5;
    int write_timeout_seconds = 5;
    int keepalive_timeout_seconds = 5;
    int keepalive_max_requests = 1000;
    // request limits
    int max_body_kib = 2048;
    int max_form_fields = 200;
    int max_uri_length = 4096;
    int max_headers = 64;
    std::string trusted_proxies = "127.0.0.1, ::1";
    // /metrics (Prometheus): who may read it
    std::string metrics_allow = "127.0.0.1, ::1";
    std::string metrics_token;
    // presentation
    std::string theme_dir;
    std::string default_language = "fr";
    std::string timezone = "Europe/Paris";
    int page_cache_seconds = 60;
    // logs
    std::string log_level = "info";
    bool access_log = true;
    bool access_log_ip = false;
    // accounts
    int session_idle_minutes = 30;
    int session_absolute_hours = 12;
    int session_remember_days = 30;
    int login_hash_threads = 0;  // 0: half the cores, at least one
    std::string sendmail = "/usr/sbin/sendmail -t -i";
    std::string mail_from = "";
    int mail_per_address_hour = 3;  // mails an anonymous visitor can have sent to one address
    int mail_per_ip_hour = 20;      // … from one client address
    // status subscriptions (issue 19)
    int subscription_coalesce_seconds = 300;   // later changes of an incident within it: one mail
    int subscription_reminder_minutes = 60;    // maintenance reminder this long before the window
    // webhooks
    bool webhook_allow_private = false;

    // Derived from base_url: "https", the origin ("https://example.org") and the path prefix
    // that every route lives under ("/" or "/portail/").
    bool https() const { return base_url.rfind("https://", 0) == 0; }
    std::string origin() const;
    std::string root_path() const;
};

// One row of the options table: name, help, default, and how to apply a textual value.
struct OptionSpec {
    std::string key;
    std::string help;
    std::function<std::string(const Config&)> get;
    // Validates and stores; throws ConfigError (without the key name: the caller adds it).
    std::function<void(Config&, const std::string&)> set;
};

const std::vector<OptionSpec>& options();
const OptionSpec* find_option(const std::string& key);

// Applies KEY=VALUE, throwing ConfigError("KEY: reason") on a bad value or unknown key.
void set_option(Config& cfg, const std::string& key, const std::string& value);

// Reads a TOML file of options (flat keys as in config/chatiere.toml.example).
void load_config_file(Config& cfg, const std::string& path);
// The same from the file's text; `source` names it in error messages.
void load_config_text(Config& cfg, std::string_view text, const std::string& source);

// Applies CHATIERE_<KEY> and CHATIERE_<KEY>_FILE (the value read from a file, for secrets)
// from the given environment (defaults to the process environment).
void load_environment(Config& cfg, const std::map<std::string, std::string>* env = nullptr);

// Checks rules that involve several options. Throws ConfigError.
void validate(const Config& cfg);

}  // namespace chatiere
