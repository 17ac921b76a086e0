#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>
#include <spdlog/spdlog.h>
#include <sodium.h>

int main(int argc, char** argv) {
    if (sodium_init() < 0) return 1;
    spdlog::set_level(spdlog::level::warn);
    doctest::Context context;
    context.applyCommandLine(argc, argv);
    return context.run();
}
