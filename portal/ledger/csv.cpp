#include "ledger/csv.h"

#include <algorithm>
#include <map>

#include "ledger/chain.h"

#include "text/escape.h"

namespace chatiere::ledger {

namespace {

using text::trim;

// ASCII lower case; accented letters of the known headers are matched as written.
std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // Upper-case accented letters the headers may use: É → é.
    // (Searching on from the last match: from the start again was quadratic, minutes for a
    // 200 KB field of É.)
    for (size_t p = 0; (p = out.find("\xc3\x89", p)) != std::string::npos; p += 2) out[p + 1] = '\xa9';
    return out;
}

// "DD/MM/YYYY[ HH:MM[:SS]]" or "YYYY-MM-DD[...]" → "YYYY-MM-DD" (the time, if any, is dropped:
// entries carry a day).
std::optional<std::string> parse_date(std::string_view raw) {
    std::string s = trim(raw);
    if (auto sp = s.find_first_of(" T"); sp != std::string::npos && sp >= 10) s = s.substr(0, sp);
    if (s.size() == 10 && s[2] == '/' && s[5] == '/') s = s.substr(6, 4) + "-" + s.substr(3, 2) + "-" + s.substr(0, 2);
    if (!is_iso_date(s)) return std::nullopt;
    return s;
}

std::optional<int64_t> parse_money(std::string_view raw) {
    std::string s = trim(raw);
    for (const char* suffix : {"\xe2\x82\xac", "EUR"})  // "25,00 €"
        if (s.size() > std::string_view(suffix).size() && s.ends_with(suffix)) s = trim(s.substr(0, s.size() - std::string_view(suffix).size()));
    // thousands separators as HelloAsso writes them: "1 234,50" (space or no-break space)
    std::string compact;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ' ') continue;
        if (s.compare(i, 2, "\xc2\xa0") == 0) { ++i; continue; }
        if (s.compare(i, 3, "\xe2\x80\xaf") == 0) { i += 2; continue; }
        compact += s[i];
    }
    return parse_amount(compact);
}

struct Keyed {
    std::map<std::string, int> seen;
    std::string key(const std::string& normalized) {
        int n = seen[normalized]++;
        return blake2b_hex("chatiere-import-v1\n" + normalized + "\n#" + std::to_string(n));
    }
};

ImportLine plain_line(const CsvRecord& r, Keyed& keys) {
    ImportLine out{r.line, r.text, std::nullopt, {}};
    const auto& f = r.fields;
    if (f.size() < 4 || f.size() > 6) {
        out.reason = "columns";
        return out;
    }
    Draft d;
    auto date = parse_date(f[0]);
    if (!date) {
        out.reason = "date";
        return out;
    }
    d.date = *date;
    d.kind = lower(trim(f[1]));
    if (!is_kind(d.kind)) {
        out.reason = "kind";
        return out;
    }
    auto amount = parse_money(f[2]);
    if (!amount || *amount == 0) {
        out.reason = "amount";
        return out;
    }
    d.amount = *amount;
    d.currency = trim(f[3]);
    std::string fifth = f.size() > 4 ? trim(f[4]) : std::string();
    if (d.kind == "expense") d.category = fifth;
    else if (!fifth.empty()) d.public_name = fifth;
    d.private_note = f.size() > 5 ? trim(f[5]) : std::string();
    if (auto err = validate(d)) {
        out.reason = *err;
        return out;
    }
    std::string normalized = d.date + ";" + d.kind + ";" + std::to_string(d.amount) + ";" + d.currency + ";" +
                             d.public_name.value_or(d.category) + ";" + d.private_note;
    d.import_key = keys.key(normalized);
    out.draft = std::move(d);
    return out;
}

struct HelloAssoColumns {
    int date = -1, amount = -1, type = -1, status = -1, last = -1, first = -1, ref = -1, currency = -1;
};

int find_column(const std::vector<std::string>& header, std::initializer_list<std::string_view> names) {
    for (std::string_view name : names)
        for (size_t i = 0; i < header.size(); ++i)
            if (lower(trim(header[i])) == name) return static_cast<int>(i);
    return -1;
}

ImportLine helloasso_line(const CsvRecord& r, const HelloAssoColumns& c, Keyed& keys) {
    ImportLine out{r.line, r.text, std::nullopt, {}};
    const auto& f = r.fields;
    auto get = [&](int i) { return i >= 0 && static_cast<size_t>(i) < f.size() ? trim(f[static_cast<size_t>(i)]) : std::string(); };
    int needed = std::max({c.date, c.amount, c.type, c.status, c.last, c.first, c.ref, c.currency});
    if (static_cast<int>(f.size()) <= needed) {
        out.reason = "columns";
        return out;
    }
    if (c.status >= 0) {
        std::string st = lower(get(c.status));
        if (st != "valid\xc3\xa9" && st != "pay\xc3\xa9" && st != "autoris\xc3\xa9" && st != "valide" && st != "paye") {
            out.reason = "not_paid";
            return out;
        }
    }
    Draft d;
    auto date = parse_date(get(c.date));
    if (!date) {
        out.reason = "date";
        return out;
    }
    d.date = *date;
    auto amount = parse_money(get(c.amount));
    if (!amount || *amount == 0) {
        out.reason = "amount";
        return out;
    }
    d.amount = *amount;
    std::string type = lower(get(c.type));
    d.kind = type.find("adh\xc3\xa9sion") != std::string::npos || type.find("adhesion") != std::string::npos ||
                     type.find("cotisation") != std::string::npos
                 ? "membership_fee"
                 : "donation";
    d.currency = c.currency >= 0 && !get(c.currency).empty() ? get(c.currency) : "EUR";
    std::string payer = trim(get(c.first) + " " + get(c.last));
    std::string ref = get(c.ref);
    d.private_note = "HelloAsso" + (payer.empty() ? std::string() : ": " + payer) + (ref.empty() ? "" : " (" + ref + ")");
    if (auto err = validate(d)) {
        out.reason = *err;
        return out;
    }
    std::string normalized = ref.empty() ? "helloasso;" + d.date + ";" + std::to_string(d.amount) + ";" + d.kind + ";" + payer
                                         : "helloasso-ref;" + ref;
    d.import_key = keys.key(normalized);
    out.draft = std::move(d);
    return out;
}

}  // namespace

std::vector<CsvRecord> read_csv(std::string_view text, char sep) {
    std::vector<CsvRecord> out;
    size_t i = 0;
    int line = 1;
    if (text.substr(0, 3) == "\xef\xbb\xbf") i = 3;
    while (i < text.size()) {
        CsvRecord rec;
        rec.line = line;
        size_t start = i;
        std::string field;
        bool quoted = false, was_quoted = false;
        while (i < text.size()) {
            char ch = text[i];
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    ++i;
                    continue;
                }
                if (ch == '\n') ++line;
                field += ch;
                ++i;
                continue;
            }
            if (ch == '"' && field.empty() && !was_quoted) {
                quoted = was_quoted = true;
                ++i;
                continue;
            }
            if (ch == sep) {
                rec.fields.push_back(std::move(field));
                field.clear();
                was_quoted = false;
                ++i;
                continue;
            }
            if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
                continue;
            }
            if (ch == '\n') break;
            field += ch;
            ++i;
        }
        rec.fields.push_back(std::move(field));
        rec.text = std::string(text.substr(start, i - start));
        if (!rec.text.empty() && rec.text.back() == '\r') rec.text.pop_back();
        if (i < text.size()) ++i;  // the newline
        ++line;
        bool blank = std::all_of(rec.fields.begin(), rec.fields.end(), [](const std::string& f) { return trim(f).empty(); });
        if (!blank) out.push_back(std::move(rec));
    }
    return out;
}

ImportParse parse_import(std::string_view text) {
    ImportParse out;
    std::string_view first = text.substr(0, text.find('\n'));
    char sep = first.find(';') != std::string_view::npos ? ';' : ',';
    auto records = read_csv(text, sep);
    Keyed keys;
    if (records.empty()) {
        out.format = "plain";
        return out;
    }
    const auto& header = records.front().fields;
    HelloAssoColumns c;
    c.date = find_column(header, {"date", "date de la commande", "date du paiement"});
    c.amount = find_column(header, {"montant", "montant total"});
    if (c.date >= 0 && c.amount >= 0) {
        out.format = "helloasso";
        c.type = find_column(header, {"type", "type de formulaire", "formulaire"});
        c.status = find_column(header, {"statut", "statut de la commande", "statut du paiement"});
        c.last = find_column(header, {"nom", "nom payeur"});
        c.first = find_column(header, {"pr\xc3\xa9nom", "prenom", "pr\xc3\xa9nom payeur"});
        c.ref = find_column(header, {"r\xc3\xa9" "f\xc3\xa9rence", "reference", "r\xc3\xa9" "f\xc3\xa9rence commande", "num\xc3\xa9ro"});
        c.currency = find_column(header, {"devise"});
        for (size_t i = 1; i < records.size(); ++i) out.lines.push_back(helloasso_line(records[i], c, keys));
        return out;
    }
    out.format = "plain";
    size_t from = lower(trim(header[0])) == "date" ? 1 : 0;
    for (size_t i = from; i < records.size(); ++i) out.lines.push_back(plain_line(records[i], keys));
    return out;
}

std::string describe_reason(std::string_view reason) {
    if (reason == "columns") return "wrong number of columns (expected date;kind;amount;currency;public_name;note)";
    if (reason == "not_paid") return "the payment is not validated";
    if (reason == "duplicate") return "already imported";
    return describe_error(reason);
}

std::string csv_field(std::string_view v, char separator) {
    // With ',' as separator a ';' is quoted too (the importer guesses the separator); with ';'
    // a decimal comma needs no quotes.
    std::string_view special = separator == ',' ? std::string_view(",;\"\r\n") : std::string_view("\"\r\n");
    if (v.find_first_of(special) == std::string_view::npos && v.find(separator) == std::string_view::npos)
        return std::string(v);
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string csv_text_cell(std::string_view v) {
    if (!v.empty() && std::string_view("=+-@\t\r'").find(v.front()) != std::string_view::npos)
        return "'" + std::string(v);
    return std::string(v);
}

std::string csv_text_value(std::string_view cell) {
    if (!cell.empty() && cell.front() == '\'') cell.remove_prefix(1);
    return std::string(cell);
}

}  // namespace chatiere::ledger
