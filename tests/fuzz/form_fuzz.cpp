// Query strings and urlencoded forms: Form::parse_urlencoded, percent_decode/encode,
// valid_utf8 and is_local_path (the "return to" parameter of forms).
#include "fuzz_check.h"
#include "http/errors.h"
#include "http/form.h"

using namespace chatiere::http;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view in = fuzz_input(data, size);

    const size_t max_fields = 50;
    try {
        Form form = Form::parse_urlencoded(in, max_fields);
        FUZZ_CHECK(form.size() <= max_fields);
        for (const auto& [name, value] : form.fields()) {
            FUZZ_CHECK(valid_utf8(name) && valid_utf8(value));
            FUZZ_CHECK(form.find(name).has_value());
        }
    } catch (const HttpError& e) {
        FUZZ_CHECK(e.status == 400 || e.status == 413);
    }

    for (bool plus : {false, true}) {
        auto decoded = percent_decode(in, plus);
        if (decoded) FUZZ_CHECK(decoded->size() <= in.size());
    }
    // Encoding then decoding gives back the bytes, whatever they are.
    std::string encoded = percent_encode(in);
    auto round = percent_decode(encoded, false);
    FUZZ_CHECK(round && *round == in);
    auto round_plus = percent_decode(encoded, true);
    FUZZ_CHECK(round_plus && *round_plus == in);

    if (is_local_path(in)) {
        FUZZ_CHECK(in.front() == '/');
        FUZZ_CHECK(in.substr(0, 2) != "//" && in.substr(0, 2) != "/\\");
        FUZZ_CHECK(in.find("://") == std::string_view::npos || in.find('/') == 0);
    }
    return 0;
}
