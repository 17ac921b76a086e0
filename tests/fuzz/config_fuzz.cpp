// The TOML configuration file (load_config_text, which load_config_file uses).
#include <string>

#include "config.h"
#include "fuzz_check.h"

using namespace chatiere;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text = fuzz_input(data, size);
    Config cfg;
    try {
        load_config_text(cfg, text, "fuzz.toml");
    } catch (const ConfigError&) {
        return 0;
    }
    try {
        validate(cfg);
    } catch (const ConfigError&) {
    }
    // What `chatiere config` prints can be read back and gives the same value.
    for (const auto& option : options()) {
        std::string shown = option.get(cfg);
        Config again;
        try {
            set_option(again, option.key, shown);
        } catch (const ConfigError& e) {
            std::fprintf(stderr, "%s = \"%s\" not accepted back: %s\n", option.key.c_str(), shown.c_str(), e.what());
            FUZZ_CHECK(false);
        }
        FUZZ_CHECK(option.get(again) == shown);
    }
    FUZZ_CHECK(!cfg.root_path().empty() && cfg.root_path().front() == '/' && cfg.root_path().back() == '/');
    return 0;
}
