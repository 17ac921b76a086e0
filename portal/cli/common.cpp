#include "cli/common.h"

#include <spdlog/spdlog.h>

namespace chatiere::cli {

Config load_config(const Globals& g) {
    Config cfg;
    if (!g.config_file.empty()) load_config_file(cfg, g.config_file);
    load_environment(cfg);
    for (const auto& [k, v] : g.overrides) set_option(cfg, k, v);
    validate(cfg);
    spdlog::set_level(spdlog::level::from_str(cfg.log_level));
    return cfg;
}

}  // namespace chatiere::cli
