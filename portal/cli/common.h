#pragma once
#include <CLI/CLI.hpp>

#include <map>
#include <string>

#include "config.h"

namespace chatiere::cli {

// Options every command accepts (--config, --db, --listen, --base-url, --theme-dir).
struct Globals {
    std::string config_file;
    std::map<std::string, std::string> overrides;
};

// Defaults, then the TOML file, then CHATIERE_* variables, then command-line flags.
Config load_config(const Globals& g);

// Each area adds its subcommands; `run` is set to the action of the one chosen.
// (portal/cli/<area>.cpp; wired in portal/main.cpp)
using Action = std::function<int()>;
void add_user_commands(CLI::App& cli, Globals& g, Action& run);
void add_ledger_commands(CLI::App& cli, Globals& g, Action& run);
void add_profile_commands(CLI::App& cli, Globals& g, Action& run);
void add_seed_commands(CLI::App& cli, Globals& g, Action& run);

}  // namespace chatiere::cli
