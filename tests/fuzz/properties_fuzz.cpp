// ChatonsInfos .properties files as `profile check` reads them from other hosters: the reader
// (parse_properties) and the checks on its entries (check_text).
#include <set>
#include <string>

#include "fuzz_check.h"
#include "chatonsinfos/checker.h"
#include "chatonsinfos/reader.h"

using namespace chatiere::chatonsinfos;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes = fuzz_input(data, size);
    ParsedFile parsed = parse_properties(bytes);
    std::set<std::string> keys;
    int previous_line = 0;
    for (const auto& e : parsed.entries) {
        FUZZ_CHECK(!e.key.empty());
        FUZZ_CHECK(keys.insert(e.key).second);  // a duplicate keeps its first value only
        FUZZ_CHECK(e.line > previous_line);
        previous_line = e.line;
        FUZZ_CHECK(is_utf8(e.key));
        FUZZ_CHECK(is_utf8(e.value));  // bad bytes are replaced, escapes make valid UTF-8
        FUZZ_CHECK(parsed.find(e.key) == &e);
    }
    for (const auto& p : parsed.problems) FUZZ_CHECK(p.line >= 1);

    for (std::string_view klass : {"", "Organization", "Service", "Metrics"})
        for (bool own : {false, true}) {
            Report report;
            check_text(bytes, "fuzz.properties", klass, report, own);
            FUZZ_CHECK(report.files == 1);
            FUZZ_CHECK(report.errors() + report.warnings() == static_cast<int>(report.problems.size()));
        }
    return 0;
}
