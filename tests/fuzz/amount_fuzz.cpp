// The ledger's field parsers, as the admin form and the CSV import use them: parse_amount,
// is_iso_date and validate(Draft). Input lines: amount, date, kind, currency, public name,
// category, note.
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "ledger/entry.h"

using namespace chatiere::ledger;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view in = fuzz_input(data, size);
    std::vector<std::string_view> lines;
    for (size_t pos = 0;;) {
        size_t nl = in.find('\n', pos);
        lines.push_back(in.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    auto field = [&](size_t i) { return i < lines.size() ? std::string(lines[i]) : std::string(); };

    if (auto cents = parse_amount(lines[0])) {
        FUZZ_CHECK(*cents >= 0 && *cents <= 9'999'999'999'999);
        FUZZ_CHECK(parse_amount(amount_text(*cents)) == cents);  // machine format reads back
    }
    if (is_iso_date(lines[0])) {
        FUZZ_CHECK(lines[0].size() == 10);
        std::string month(lines[0].substr(0, 7));
        std::string before = previous_month(month);
        FUZZ_CHECK(before.size() == 7 && before < month);
    }

    Draft d;
    d.amount = parse_amount(lines[0]).value_or(0);
    d.date = field(1);
    d.kind = field(2);
    d.currency = field(3);
    if (lines.size() > 4) d.public_name = field(4);
    d.category = field(5);
    d.private_note = field(6);
    if (!validate(d)) {
        Draft again = d;
        FUZZ_CHECK(!validate(again));  // valid stays valid: validate normalises once for all
        FUZZ_CHECK(is_iso_date(d.date) && is_kind(d.kind) && d.amount > 0);
    } else {
        FUZZ_CHECK(!describe_error(*validate(d)).empty());
    }
    return 0;
}
