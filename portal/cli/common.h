// What every chatiere command shares: the global options, where the configuration comes from,
// and how a command opens the portal's database.
#pragma once
#include <CLI/CLI.hpp>

#include <map>
#include <memory>
#include <string>

#include "config.h"

namespace chatiere {
struct App;
}

namespace chatiere::cli {

// Options every command accepts (--config, --db, --listen, --base-url, --theme-dir).
struct Globals {
    std::string config_file;
    std::map<std::string, std::string> overrides;
};

// The installed configuration, read when no --config is given.
inline constexpr const char* kInstalledConfig = "/etc/chatiere/chatiere.toml";

// Adds the global options to `command`, so that its --help shows them and they may follow it.
void add_global_options(CLI::App& command, Globals& g);

// The file --config would name when it is absent: $CHATIERE_CONFIG when set (empty: none, which
// is how the test suite pins its own configuration), else /etc/chatiere/chatiere.toml when it
// exists, else none.
std::string default_config_file();

// Defaults, then the TOML file, then CHATIERE_* variables, then command-line flags.
Config load_config(const Globals& g);

// How a command treats a database file that does not exist yet.
enum class Missing {
    Create,  // init and serve: make it
    Refuse,  // everything else: "no database at PATH: run chatiere init, or pass --db"
};

// Throws std::runtime_error naming the path and the way out when the database is missing and
// `missing` is Refuse. Run as root on a database that belongs to another user (the portal's
// system user), the process takes that user's identity first, so that the files SQLite makes
// beside the database (-wal, -shm) stay the portal's.
void prepare_database(const Config& cfg, Missing missing);

// prepare_database, then the application (migrations applied, templates and catalogue loaded).
std::unique_ptr<App> open_app(const Config& cfg, Missing missing);

// Each area adds its subcommands; `run` is set to the action of the one chosen.
// (portal/cli/<area>.cpp; wired in portal/main.cpp)
using Action = std::function<int()>;
void add_user_commands(CLI::App& cli, Globals& g, Action& run);
void add_ledger_commands(CLI::App& cli, Globals& g, Action& run);
void add_profile_commands(CLI::App& cli, Globals& g, Action& run);
void add_seed_commands(CLI::App& cli, Globals& g, Action& run);
void add_oidc_commands(CLI::App& cli, Globals& g, Action& run);
void add_incident_commands(CLI::App& cli, Globals& g, Action& run);
void add_member_commands(CLI::App& cli, Globals& g, Action& run);

}  // namespace chatiere::cli
