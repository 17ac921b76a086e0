#include "ledger/entry.h"

#include <algorithm>

#include "text/escape.h"

namespace chatiere::ledger {

namespace {

using text::trim;

bool has_control(std::string_view s, bool allow_newline) {
    for (unsigned char c : s) {
        if (allow_newline && (c == '\n' || c == '\r' || c == '\t')) continue;
        if (c < 0x20 || c == 0x7f) return true;
    }
    return false;
}

size_t utf8_length(std::string_view s) {
    return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xc0) != 0x80; }));
}

}  // namespace

bool is_kind(std::string_view kind) {
    return std::find(std::begin(kKinds), std::end(kKinds), kind) != std::end(kKinds);
}

bool is_cash_income(std::string_view kind) {
    return kind == "donation" || kind == "membership_fee" || kind == "grant";
}

bool is_iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    int y = std::stoi(std::string(s.substr(0, 4)));
    int m = std::stoi(std::string(s.substr(5, 2)));
    int d = std::stoi(std::string(s.substr(8, 2)));
    if (y < 1900 || m < 1 || m > 12 || d < 1) return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = days[m - 1] + (m == 2 && leap ? 1 : 0);
    return d <= max;
}

std::string previous_month(std::string_view month) {
    int y = std::stoi(std::string(month.substr(0, 4)));
    int m = std::stoi(std::string(month.substr(5, 2)));
    if (--m == 0) {
        m = 12;
        --y;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
    return buf;
}

std::optional<int64_t> parse_amount(std::string_view text) {
    std::string_view s = text;
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (s.empty()) return std::nullopt;
    int64_t units = 0;
    size_t i = 0;
    size_t digits = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++digits) {
        if (digits >= 11) return std::nullopt;  // at most 99 999 999 999 units
        units = units * 10 + (s[i] - '0');
    }
    if (digits == 0) return std::nullopt;
    int64_t cents = 0;
    if (i < s.size()) {
        if (s[i] != '.' && s[i] != ',') return std::nullopt;
        ++i;
        size_t frac = 0;
        for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++frac) {
            if (frac >= 2) return std::nullopt;
            cents = cents * 10 + (s[i] - '0');
        }
        if (frac == 0 || i != s.size()) return std::nullopt;
        if (frac == 1) cents *= 10;
    }
    return units * 100 + cents;
}

std::optional<int64_t> parse_written_amount(std::string_view text) {
    // Trim ASCII spaces and the two no-break spaces, then a trailing euro sign.
    auto trim_spaces = [](std::string_view s) {
        for (bool changed = true; changed;) {
            changed = false;
            for (std::string_view sp : {" ", "\xc2\xa0", "\xe2\x80\xaf", "\t"}) {
                if (s.starts_with(sp)) s.remove_prefix(sp.size()), changed = true;
                if (s.ends_with(sp)) s.remove_suffix(sp.size()), changed = true;
            }
        }
        return s;
    };
    std::string_view s = trim_spaces(text);
    if (s.ends_with("\xe2\x82\xac")) s = trim_spaces(s.substr(0, s.size() - 3));
    // Remove the group separators of the integer part, checking the groups have three digits.
    std::string out;
    size_t i = 0, group = 0;
    bool grouped = false;
    for (; i < s.size(); ++i) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            out += c;
            ++group;
            continue;
        }
        size_t sep = c == ' ' ? 1 : s.compare(i, 2, "\xc2\xa0") == 0 ? 2 : s.compare(i, 3, "\xe2\x80\xaf") == 0 ? 3 : 0;
        if (sep == 0) break;
        if (group == 0 || (grouped && group != 3) || group > 3) return std::nullopt;
        grouped = true;
        group = 0;
        i += sep - 1;
    }
    if (grouped && group != 3) return std::nullopt;
    out.append(s.substr(i));
    return parse_amount(out);
}

std::string amount_text(int64_t cents) {
    bool negative = cents < 0;
    uint64_t abs = negative ? static_cast<uint64_t>(-(cents + 1)) + 1 : static_cast<uint64_t>(cents);
    char frac[4];
    std::snprintf(frac, sizeof frac, "%02d", static_cast<int>(abs % 100));
    return (negative ? "-" : "") + std::to_string(abs / 100) + "." + frac;
}

std::optional<std::string> validate(Draft& d) {
    d.date = trim(d.date);
    if (!is_iso_date(d.date)) return "date";
    d.kind = trim(d.kind);
    if (!is_kind(d.kind)) return "kind";
    std::string cur = trim(d.currency);
    for (auto& c : cur) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    d.currency = cur;
    bool hours = d.kind == "volunteer_time";
    if (hours && d.currency.empty()) d.currency = std::string(kHour);
    if (hours != (d.currency == kHour)) return "currency";
    if (!hours && (d.currency.size() != 3 ||
                   !std::all_of(d.currency.begin(), d.currency.end(), [](char c) { return c >= 'A' && c <= 'Z'; })))
        return "currency";
    const int64_t max = 10'000'000'000'000;
    if (d.reverses_id ? (d.amount >= 0 || d.amount < -max) : (d.amount <= 0 || d.amount > max)) return "amount";
    d.category = trim(d.category);
    for (auto& c : d.category) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (d.kind == "expense") {
        if (d.category.empty()) d.category = "other";
    } else if (!d.category.empty()) {
        return "category";
    }
    if (utf8_length(d.category) > 64 || has_control(d.category, false)) return "category";
    if (d.public_name) {
        d.public_name = trim(*d.public_name);
        if (d.public_name->empty()) d.public_name.reset();
        else if (utf8_length(*d.public_name) > 200 || has_control(*d.public_name, false)) return "public_name";
    }
    if (d.private_note.size() > 4000 || has_control(d.private_note, true)) return "note";
    return std::nullopt;
}

std::string describe_error(std::string_view code) {
    if (code == "date") return "the date must be a real day written YYYY-MM-DD";
    if (code == "kind") return "the kind must be one of donation, membership_fee, grant, in_kind, volunteer_time, expense";
    if (code == "amount")
        return "the amount must be a positive number with at most two decimals, like 25 or 25.00 (hours for volunteer "
               "time: 2.5)";
    if (code == "currency")
        return "the currency must be a three-letter ISO 4217 code like EUR; volunteer time, and only it, uses HOUR";
    if (code == "category") return "a category (at most 64 characters) belongs to expenses only";
    if (code == "public_name") return "the public name must be at most 200 characters, on one line";
    if (code == "note") return "the note is too long (4000 characters at most)";
    if (code == "reverses") return "the entry to correct does not exist, is itself a correction, or is already corrected";
    if (code == "member") return "no member has this name";
    return std::string(code);
}

}  // namespace chatiere::ledger
