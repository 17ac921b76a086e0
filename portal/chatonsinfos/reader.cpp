#include "chatonsinfos/reader.h"

#include <unordered_set>

#include "text/escape.h"

namespace chatiere::chatonsinfos {

namespace {

size_t utf8_len(std::string_view s, size_t i) {
    uint32_t cp;
    return text::utf8_sequence(s, i, cp);
}

void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) {
        out += static_cast<char>(0xc0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    } else {
        out += static_cast<char>(0xe0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
        out += static_cast<char>(0x80 | (cp & 0x3f));
    }
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\f'; }

std::string unescape(std::string_view v) {
    std::string out;
    out.reserve(v.size());
    for (size_t i = 0; i < v.size(); ++i) {
        char c = v[i];
        if (c != '\\' || i + 1 >= v.size()) {
            out += c;
            continue;
        }
        char e = v[++i];
        switch (e) {
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            case 'r': out += '\r'; break;
            case 'f': out += '\f'; break;
            case 'u': {
                uint32_t cp = 0;
                size_t k = 0;
                for (; k < 4 && i + 1 + k < v.size() && std::isxdigit(static_cast<unsigned char>(v[i + 1 + k])); ++k)
                    cp = cp * 16 + static_cast<uint32_t>(std::stoi(std::string(1, v[i + 1 + k]), nullptr, 16));
                if (k == 4 && !(cp >= 0xd800 && cp <= 0xdfff)) {
                    append_utf8(out, cp);
                    i += 4;
                } else {
                    out += 'u';
                }
                break;
            }
            default: out += e;
        }
    }
    return out;
}

}  // namespace

bool is_utf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        size_t n = utf8_len(s, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

const Entry* ParsedFile::find(std::string_view key) const {
    for (const auto& e : entries)
        if (e.key == key) return &e;
    return nullptr;
}

ParsedFile parse_properties(std::string_view bytes) {
    ParsedFile out;
    if (bytes.substr(0, 3) == "\xef\xbb\xbf") bytes.remove_prefix(3);
    std::unordered_set<std::string> seen;
    bool reported_encoding = false;
    int line_no = 0;
    size_t pos = 0;
    while (pos < bytes.size()) {
        ++line_no;
        size_t nl = bytes.find('\n', pos);
        std::string_view raw = bytes.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? bytes.size() : nl + 1;
        if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
        std::string line(raw);
        if (!is_utf8(line)) {
            if (!reported_encoding) {
                out.problems.push_back({line_no, "not_utf8", "", ""});
                reported_encoding = true;
            }
            // Keep reading, with the bad bytes replaced, so other problems still show.
            std::string fixed;
            for (size_t i = 0; i < line.size();) {
                size_t n = utf8_len(line, i);
                if (n == 0) {
                    fixed += "\xef\xbf\xbd";
                    ++i;
                } else {
                    fixed.append(line, i, n);
                    i += n;
                }
            }
            line = std::move(fixed);
        }
        size_t start = 0;
        while (start < line.size() && is_space(line[start])) ++start;
        if (start == line.size() || line[start] == '#' || line[start] == '!') continue;
        size_t eq = line.find('=', start);
        if (eq == std::string::npos) {
            out.problems.push_back({line_no, "malformed_line", "", line.substr(start, 80)});
            continue;
        }
        size_t key_end = eq;
        while (key_end > start && is_space(line[key_end - 1])) --key_end;
        std::string key = line.substr(start, key_end - start);
        bool key_ok = !key.empty();
        for (char c : key)
            if (is_space(c) || static_cast<unsigned char>(c) < 0x20) key_ok = false;
        if (!key_ok) {
            out.problems.push_back({line_no, "malformed_line", "", line.substr(start, 80)});
            continue;
        }
        size_t vstart = eq + 1;
        while (vstart < line.size() && is_space(line[vstart])) ++vstart;
        size_t vend = line.size();
        while (vend > vstart && is_space(line[vend - 1]) && !(vend >= 2 && line[vend - 2] == '\\')) --vend;
        std::string value = unescape(std::string_view(line).substr(vstart, vend - vstart));
        if (!seen.insert(key).second) {
            out.problems.push_back({line_no, "duplicate_key", key, ""});
            continue;
        }
        out.entries.push_back({std::move(key), std::move(value), line_no});
    }
    return out;
}

}  // namespace chatiere::chatonsinfos
