// The Cookie request header (what Ctx::cookie reads).
#include "fuzz_check.h"
#include "http/cookies.h"

using namespace chatiere::http;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view header = fuzz_input(data, size);
    auto pairs = parse_cookie_header(header);
    const char* begin = header.data();
    const char* end = header.data() + header.size();
    const char* last = begin;
    for (const auto& [name, value] : pairs) {
        // Views into the header, in order, never overlapping.
        FUZZ_CHECK(name.data() >= last && name.data() + name.size() <= end);
        FUZZ_CHECK(value.data() == name.data() + name.size() + 1);
        FUZZ_CHECK(value.data() + value.size() <= end);
        FUZZ_CHECK(name.data()[name.size()] == '=');
        FUZZ_CHECK(name.find(';') == std::string_view::npos && name.find('=') == std::string_view::npos);
        FUZZ_CHECK(value.find(';') == std::string_view::npos);
        FUZZ_CHECK(name.empty() || name.front() != ' ');
        last = value.data() + value.size();
    }
    // There are never more pairs than '=' signs.
    size_t equals = 0;
    for (char c : header) equals += c == '=';
    FUZZ_CHECK(pairs.size() <= equals);
    return 0;
}
