// CSV import of the contribution log (plain and HelloAsso exports): parse_import, read_csv,
// and csv_field (the public CSV export) read back by read_csv.
#include <set>
#include <string>

#include "fuzz_check.h"
#include "ledger/csv.h"

using namespace chatiere::ledger;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text = fuzz_input(data, size);

    ImportParse parsed = parse_import(text);
    FUZZ_CHECK(parsed.format == "plain" || parsed.format == "helloasso");
    std::set<std::string> import_keys;
    int previous_line = 0;
    for (const auto& line : parsed.lines) {
        FUZZ_CHECK(line.line > previous_line);
        previous_line = line.line;
        FUZZ_CHECK(line.draft.has_value() != !line.reason.empty());
        if (line.draft) {
            Draft again = *line.draft;
            FUZZ_CHECK(!validate(again).has_value());  // accepted drafts are valid
            FUZZ_CHECK(line.draft->import_key && line.draft->import_key->size() == 64);
            FUZZ_CHECK(import_keys.insert(*line.draft->import_key).second);  // one key per line
        }
        FUZZ_CHECK(!describe_reason(line.reason).empty() || line.reason.empty());
    }

    for (char sep : {';', ','}) {
        auto records = read_csv(text, sep);
        for (const auto& r : records) FUZZ_CHECK(r.line >= 1 && !r.fields.empty());
    }

    // The public export writes fields with csv_field; reading the row back gives them again.
    // The input is cut into fields at each '\x1f' byte; the row comes after a header line, as
    // in the export (a byte order mark is only skipped at the start of the file).
    std::vector<std::string> fields;
    std::string row;
    size_t pos = 0;
    while (true) {
        size_t cut = text.find('\x1f', pos);
        fields.emplace_back(text.substr(pos, cut == std::string_view::npos ? std::string_view::npos : cut - pos));
        if (!row.empty() || fields.size() > 1) row += ';';
        row += csv_field(fields.back());
        if (cut == std::string_view::npos) break;
        pos = cut + 1;
    }
    bool blank = true;
    for (const auto& f : fields)
        if (f.find_first_not_of(" \t\r\n") != std::string::npos) blank = false;
    auto back = read_csv("header\n" + row + "\n", ';');
    if (blank) {
        FUZZ_CHECK(back.size() == 1);
    } else {
        FUZZ_CHECK(back.size() == 2);
        FUZZ_CHECK(back[1].fields == fields);
        FUZZ_CHECK(back[1].line == 2);
    }
    return 0;
}
