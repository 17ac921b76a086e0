#include "config.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <toml++/toml.h>

#include "net/ip.h"

extern char** environ;

namespace chatiere {
namespace {

int parse_int(const std::string& v, int min, int max) {
    if (v.empty() || v.size() > 10 || !std::all_of(v.begin(), v.end(), [](unsigned char ch) { return std::isdigit(ch); }))
        throw ConfigError("expected a whole number, got \"" + v + "\"");
    long n = std::stol(v);
    if (n < min || n > max)
        throw ConfigError("must be between " + std::to_string(min) + " and " + std::to_string(max) +
                          ", got " + v);
    return static_cast<int>(n);
}

bool parse_bool(const std::string& v) {
    if (v == "true" || v == "1" || v == "yes" || v == "on") return true;
    if (v == "false" || v == "0" || v == "no" || v == "off") return false;
    throw ConfigError("expected true or false, got \"" + v + "\"");
}

OptionSpec int_option(std::string key, std::string help, int Config::*field, int min, int max) {
    return {std::move(key), std::move(help),
            [field](const Config& c) { return std::to_string(c.*field); },
            [field, min, max](Config& c, const std::string& v) { c.*field = parse_int(v, min, max); }};
}

OptionSpec bool_option(std::string key, std::string help, bool Config::*field) {
    return {std::move(key), std::move(help),
            [field](const Config& c) { return std::string(c.*field ? "true" : "false"); },
            [field](Config& c, const std::string& v) { c.*field = parse_bool(v); }};
}

OptionSpec string_option(std::string key, std::string help, std::string Config::*field,
                         std::function<void(const std::string&)> check = {}) {
    return {std::move(key), std::move(help), [field](const Config& c) { return c.*field; },
            [field, check](Config& c, const std::string& v) {
                if (check) check(v);
                c.*field = v;
            }};
}

void check_token(const std::string& v) {
    if (!v.empty() && v.size() < 16) throw ConfigError("a token of at least 16 characters, or empty");
    for (unsigned char c : v)
        if (c <= 0x20 || c >= 0x7f) throw ConfigError("printable ASCII characters only, no spaces");
}

void check_listen(Config& c, const std::string& v) {
    auto colon = v.rfind(':');
    if (colon == std::string::npos || colon == 0)
        throw ConfigError("expected HOST:PORT such as 127.0.0.1:8080, got \"" + v + "\"");
    std::string host = v.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    c.listen_port = parse_int(v.substr(colon + 1), 0, 65535);
    c.listen_host = host;
}

void check_base_url(Config& c, std::string v) {
    bool https = v.rfind("https://", 0) == 0;
    if (!https && v.rfind("http://", 0) != 0)
        throw ConfigError("must start with http:// or https://, got \"" + v + "\"");
    auto host_start = v.find("://") + 3;
    auto path_start = v.find('/', host_start);
    std::string host = v.substr(host_start, path_start == std::string::npos ? std::string::npos
                                                                          : path_start - host_start);
    if (host.empty()) throw ConfigError("has no host name: \"" + v + "\"");
    for (char ch : v)
        if (static_cast<unsigned char>(ch) <= 0x20 || ch == '"' || ch == '<' || ch == '>' || ch == '?' ||
            ch == '#' || ch == '\\')
            throw ConfigError("must be a plain URL without spaces, query or fragment, got \"" + v + "\"");
    if (v.back() != '/') v += '/';
    c.base_url = v;
}

void check_language(const std::string& v) {
    if (v != "fr" && v != "en") throw ConfigError("must be fr or en, got \"" + v + "\"");
}

// A list of addresses and CIDR ranges (trusted_proxies, metrics_allow).
void check_networks(const std::string& v) {
    try {
        net::parse_networks(v);
    } catch (const std::invalid_argument& e) {
        throw ConfigError(e.what());
    }
}

void check_synchronous(const std::string& v) {
    if (v != "full" && v != "normal") throw ConfigError("expected full or normal, got \"" + v + "\"");
}

void check_log_level(const std::string& v) {
    static const char* levels[] = {"trace", "debug", "info", "warn", "error", "off"};
    for (auto* l : levels)
        if (v == l) return;
    throw ConfigError("must be one of trace, debug, info, warn, error, off; got \"" + v + "\"");
}

void check_timezone(const std::string& v) {
    if (v.empty() || v.find("..") != std::string::npos || v.front() == '/')
        throw ConfigError("expected a time zone name such as Europe/Paris, got \"" + v + "\"");
    if (v == "UTC") return;
    // A zone is a compiled TZif file: "Europe" is a folder of them, not a zone.
    std::ifstream zone("/usr/share/zoneinfo/" + v, std::ios::binary);
    char magic[4] = {};
    if (!zone.read(magic, sizeof magic) || std::string_view(magic, 4) != "TZif")
        throw ConfigError("unknown time zone \"" + v + "\"");
}

std::vector<OptionSpec> make_options() {
    std::vector<OptionSpec> o;
    o.push_back(string_option("db", "Path of the SQLite database file.", &Config::db, [](const std::string& v) {
        if (v.empty()) throw ConfigError("must not be empty");
    }));
    o.push_back(int_option("db_connections", "Database connections shared by the request threads.",
                           &Config::db_connections, 1, 64));
    o.push_back(int_option("db_cache_kib", "Page cache of each database connection, in KiB.",
                           &Config::db_cache_kib, 256, 1048576));
    o.push_back(string_option("db_synchronous",
                              "full: a write the portal acknowledged survives a power cut (the default); "
                              "normal: faster writes, but a power cut may lose the last ones.",
                              &Config::db_synchronous, check_synchronous));
    o.push_back({"listen", "Address and port to listen on (HOST:PORT).",
                 [](const Config& c) {
                     bool v6 = c.listen_host.find(':') != std::string::npos;
                     return (v6 ? "[" + c.listen_host + "]" : c.listen_host) + ":" + std::to_string(c.listen_port);
                 },
                 check_listen});
    o.push_back({"base_url", "Public URL of the portal, possibly with a path (https://example.org/portail/).",
                 [](const Config& c) { return c.base_url; }, check_base_url});
    o.push_back(int_option("min_threads", "Request threads kept ready.", &Config::min_threads, 1, 4096));
    o.push_back(int_option("max_threads",
                           "Most request threads at once; each open connection holds one while it is in use.",
                           &Config::max_threads, 2, 8192));
    o.push_back(int_option("read_timeout_seconds", "How long to wait for a slow client's request.",
                           &Config::read_timeout_seconds, 1, 300));
    o.push_back(int_option("write_timeout_seconds", "How long to wait for a slow client to read the answer.",
                           &Config::write_timeout_seconds, 1, 300));
    o.push_back(int_option("keepalive_timeout_seconds", "How long an idle keep-alive connection stays open.",
                           &Config::keepalive_timeout_seconds, 1, 300));
    o.push_back(int_option("keepalive_max_requests", "Requests served on one connection before it is closed.",
                           &Config::keepalive_max_requests, 1, 1000000));
    o.push_back(int_option("max_body_kib", "Largest request body accepted, in KiB (uploads included).",
                           &Config::max_body_kib, 16, 1048576));
    o.push_back(int_option("max_form_fields", "Most fields accepted in one form or query string.",
                           &Config::max_form_fields, 10, 100000));
    o.push_back(int_option("max_uri_length", "Longest request target accepted, in bytes.",
                           &Config::max_uri_length, 256, 8000));
    o.push_back(int_option("max_headers", "Most request headers accepted.", &Config::max_headers, 16, 1000));
    o.push_back(string_option("trusted_proxies",
                              "Comma-separated addresses and CIDR ranges of your own reverse proxies whose "
                              "X-Forwarded-For is believed (for throttling and the access log); the list is "
                              "walked from the right, skipping these, and the first other address is the client.",
                              &Config::trusted_proxies, check_networks));
    o.push_back(string_option("metrics_allow",
                              "Comma-separated client addresses and CIDR ranges allowed to read /metrics "
                              "(judged on the client address, as log-in throttling is; empty: none).",
                              &Config::metrics_allow, check_networks));
    o.push_back(string_option("metrics_token",
                              "A bearer token that also opens /metrics from anywhere (Authorization: Bearer "
                              "TOKEN); empty: none. Keep it in a file: CHATIERE_METRICS_TOKEN_FILE.",
                              &Config::metrics_token, check_token));
    o.push_back(string_option("theme_dir",
                              "Directory whose files override the built-in templates, static files and "
                              "catalogues (same layout as web/).",
                              &Config::theme_dir));
    o.push_back(string_option("default_language", "Language when the browser states none we have (fr or en).",
                              &Config::default_language, check_language));
    o.push_back(string_option("timezone", "Time zone in which dates are shown.", &Config::timezone,
                              check_timezone));
    o.push_back(int_option("page_cache_seconds",
                           "How long a public page, as anonymous visitors see it, may be served from memory "
                           "when nothing was changed through the portal (0: never).",
                           &Config::page_cache_seconds, 0, 3600));
    o.push_back(string_option("log_level", "trace, debug, info, warn, error or off.", &Config::log_level,
                              check_log_level));
    o.push_back(bool_option("access_log", "Log one line per request.", &Config::access_log));
    o.push_back(bool_option("access_log_ip", "Include the client address in the access log.",
                            &Config::access_log_ip));
    o.push_back(int_option("session_idle_minutes", "A session ends after this long without a request.",
                           &Config::session_idle_minutes, 1, 1440 * 30));
    o.push_back(int_option("session_absolute_hours", "A session ends this long after log-in.",
                           &Config::session_absolute_hours, 1, 24 * 365));
    o.push_back(int_option("session_remember_days", "Lifetime of a \"remember me\" session.",
                           &Config::session_remember_days, 1, 365));
    o.push_back(int_option("login_hash_threads",
                           "Password hashes computed at once (each takes about 19 MiB for a moment); 0: half "
                           "the cores, so that pages stay fast during a burst of log-ins.",
                           &Config::login_hash_threads, 0, 64));
    o.push_back(string_option("sendmail", "Command that delivers mail (reads a message on stdin, like sendmail -t).",
                              &Config::sendmail));
    o.push_back(string_option("mail_from", "Sender address of the portal's mail (empty: the hoster's contact e-mail).",
                              &Config::mail_from));
    o.push_back(int_option("mail_per_address_hour",
                           "Most mails an anonymous visitor can have sent to one address in an hour (sign-up, "
                           "password reset, e-mail check sent again); the page answers the same beyond it.",
                           &Config::mail_per_address_hour, 1, 1000));
    o.push_back(int_option("mail_per_ip_hour",
                           "Most such mails one client address can have sent in an hour; beyond it the form "
                           "answers 429.",
                           &Config::mail_per_ip_hour, 1, 100000));
    o.push_back(int_option("subscription_coalesce_seconds",
                           "Status subscriptions: the first mail about an incident leaves at once; later "
                           "changes within this many seconds are sent together as one mail.",
                           &Config::subscription_coalesce_seconds, 0, 86400));
    o.push_back(int_option("subscription_reminder_minutes",
                           "Status subscriptions: how long before a maintenance window its reminder is sent "
                           "to those who follow maintenance (0: no reminder).",
                           &Config::subscription_reminder_minutes, 0, 10080));
    o.push_back(bool_option("webhook_allow_private",
                            "Let webhooks reach loopback, private, link-local and other internal addresses "
                            "(checked on the address connected to, after DNS).",
                            &Config::webhook_allow_private));
    return o;
}

}  // namespace

std::string Config::origin() const {
    auto host_start = base_url.find("://") + 3;
    auto path_start = base_url.find('/', host_start);
    return base_url.substr(0, path_start);
}

std::string Config::root_path() const {
    auto host_start = base_url.find("://") + 3;
    auto path_start = base_url.find('/', host_start);
    return path_start == std::string::npos ? "/" : base_url.substr(path_start);
}

const std::vector<OptionSpec>& options() {
    static const std::vector<OptionSpec> table = make_options();
    return table;
}

const OptionSpec* find_option(const std::string& key) {
    for (const auto& o : options())
        if (o.key == key) return &o;
    return nullptr;
}

void set_option(Config& cfg, const std::string& key, const std::string& value) {
    const OptionSpec* spec = find_option(key);
    if (!spec) throw ConfigError(key + ": unknown option");
    try {
        spec->set(cfg, value);
    } catch (const ConfigError& e) {
        throw ConfigError(key + ": " + e.what());
    }
}

void load_config_file(Config& cfg, const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ConfigError(path + ": cannot read the file");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    load_config_text(cfg, text, path);
}

void load_config_text(Config& cfg, std::string_view text, const std::string& path) {
    toml::table table;
    try {
        table = toml::parse(text, path);
    } catch (const toml::parse_error& e) {
        std::ostringstream msg;
        msg << path << ":" << e.source().begin.line << ": " << e.description();
        throw ConfigError(msg.str());
    }
    for (const auto& [k, node] : table) {
        std::string key(k.str());
        std::string value;
        // A whole float (64.0) counts as the number; toml++'s value<int64_t>() would convert
        // it with an unchecked cast, undefined for one out of range (61e34).
        auto whole = node.value_exact<double>();
        if (whole && !(std::trunc(*whole) == *whole && *whole >= -0x1p63 && *whole < 0x1p63)) whole.reset();
        if (auto s = node.value_exact<std::string>())
            value = *s;
        else if (auto i = node.value_exact<int64_t>())
            value = std::to_string(*i);
        else if (whole)
            value = std::to_string(static_cast<int64_t>(*whole));
        else if (auto b = node.value_exact<bool>())
            value = *b ? "true" : "false";
        else
            throw ConfigError(path + ": " + key + ": expected a string, a number or true/false");
        try {
            set_option(cfg, key, value);
        } catch (const ConfigError& e) {
            throw ConfigError(path + ": " + e.what());
        }
    }
}

void load_environment(Config& cfg, const std::map<std::string, std::string>* env) {
    std::map<std::string, std::string> process_env;
    if (!env) {
        for (char** e = environ; e && *e; ++e) {
            std::string kv = *e;
            auto eq = kv.find('=');
            if (eq != std::string::npos) process_env[kv.substr(0, eq)] = kv.substr(eq + 1);
        }
        env = &process_env;
    }
    for (const auto& spec : options()) {
        std::string name = "CHATIERE_" + spec.key;
        std::transform(name.begin(), name.end(), name.begin(), ::toupper);
        if (auto it = env->find(name); it != env->end()) set_option(cfg, spec.key, it->second);
        if (auto it = env->find(name + "_FILE"); it != env->end()) {
            std::ifstream in(it->second);
            if (!in) throw ConfigError(spec.key + ": cannot read " + name + "_FILE " + it->second);
            std::string value((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
            set_option(cfg, spec.key, value);
        }
    }
}

void validate(const Config& cfg) {
    if (cfg.min_threads > cfg.max_threads)
        throw ConfigError("min_threads: must not exceed max_threads (" + std::to_string(cfg.max_threads) + ")");
}

}  // namespace chatiere
