#include "cli/common.h"

#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <pwd.h>

#include "app.h"

namespace chatiere::cli {

void add_global_options(CLI::App& command, Globals& g) {
    command.add_option("--config", g.config_file,
                       std::string("TOML file of options (see config/chatiere.toml.example); default: $CHATIERE_CONFIG, "
                                   "else ") + kInstalledConfig + " when it exists")
        ->check(CLI::ExistingFile);
    auto flag = [&](const char* name, const char* key, const char* help) {
        command.add_option_function<std::string>(
            name, [&g, key](const std::string& v) { g.overrides[key] = v; }, help);
    };
    flag("--db", "db", "SQLite database file (default: the config's db, else chatiere.db)");
    flag("--listen", "listen", "HOST:PORT to listen on (default 127.0.0.1:8080)");
    flag("--base-url", "base_url", "public URL, possibly with a path, e.g. https://example.org/portail/");
    flag("--theme-dir", "theme_dir", "directory whose files override the built-in templates and static files");
}

std::string default_config_file() {
    if (const char* named = std::getenv("CHATIERE_CONFIG")) return named;
    std::error_code ec;
    return std::filesystem::exists(kInstalledConfig, ec) ? kInstalledConfig : "";
}

Config load_config(const Globals& g) {
    Config cfg;
    std::string file = g.config_file.empty() ? default_config_file() : g.config_file;
    if (!file.empty()) {
        if (access(file.c_str(), R_OK) != 0)
            throw ConfigError("cannot read the configuration file " + file + ": " + std::strerror(errno) +
                              (errno == EACCES ? " (run the command as root, or pass --config)" : ""));
        load_config_file(cfg, file);
    }
    load_environment(cfg);
    for (const auto& [k, v] : g.overrides) set_option(cfg, k, v);
    validate(cfg);
    spdlog::set_level(spdlog::level::from_str(cfg.log_level));
    return cfg;
}

namespace {

// Root acting on the portal's database takes the identity of the user who owns it (or owns
// the folder it goes in): a database or WAL file left to root would make the portal's next
// write fail with "read-only database".
void act_as_owner_of(const std::filesystem::path& path) {
    if (geteuid() != 0) return;
    struct stat st {};
    if (stat(path.c_str(), &st) != 0 || st.st_uid == 0) return;
    const passwd* pw = getpwuid(st.st_uid);
    if (setgroups(0, nullptr) != 0 || setgid(st.st_gid) != 0 || setuid(st.st_uid) != 0)
        throw std::runtime_error("cannot act as " + std::string(pw ? pw->pw_name : std::to_string(st.st_uid)) +
                                 ", the owner of " + path.string() + ": " + std::strerror(errno));
    spdlog::debug("acting as {}, the owner of {}", pw ? pw->pw_name : std::to_string(st.st_uid), path.string());
}

}  // namespace

void prepare_database(const Config& cfg, Missing missing) {
    std::error_code ec;
    std::filesystem::path db = cfg.db;
    bool exists = std::filesystem::exists(db, ec);
    if (!exists && missing == Missing::Refuse)
        throw std::runtime_error("no database at " + std::filesystem::absolute(db, ec).string() +
                                 ": run chatiere init, or pass --db");
    std::filesystem::path folder = db.has_parent_path() ? db.parent_path() : std::filesystem::path(".");
    act_as_owner_of(exists ? db : folder);
}

std::unique_ptr<App> open_app(const Config& cfg, Missing missing) {
    prepare_database(cfg, missing);
    return make_app(cfg);
}

}  // namespace chatiere::cli
