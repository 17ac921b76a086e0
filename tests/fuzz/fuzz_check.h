#pragma once
// What every fuzz target shares: the input as a string_view, and FUZZ_CHECK, which stops the
// run (so libFuzzer keeps the input) when a property the parser promises does not hold.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#define FUZZ_CHECK(cond)                                                                       \
    do {                                                                                       \
        if (!(cond)) {                                                                         \
            std::fprintf(stderr, "FUZZ_CHECK failed at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
            std::abort();                                                                      \
        }                                                                                      \
    } while (0)

inline std::string_view fuzz_input(const uint8_t* data, size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}
