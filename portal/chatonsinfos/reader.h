#pragma once
// Reading ChatonsInfos .properties files, liberally.
#include <string>
#include <string_view>
#include <vector>

// A liberal reader of ChatonsInfos .properties files (PROFILE.md "Syntax"): accepts CRLF, a
// UTF-8 byte-order mark, comments starting with # or !, spaces around '=', Java escapes
// (\n \t \r \\ \uXXXX and \<any> = <any>). Never throws; every oddity becomes a problem.
// This is the function to fuzz.
namespace chatiere::chatonsinfos {

struct Entry {
    std::string key;
    std::string value;  // unescaped
    int line = 0;
};

struct ParseProblem {
    int line = 0;
    std::string code;  // not_utf8, malformed_line, duplicate_key
    std::string key;
    std::string detail;
};

struct ParsedFile {
    std::vector<Entry> entries;  // in file order; a duplicate key keeps its first value only
    std::vector<ParseProblem> problems;
    const Entry* find(std::string_view key) const;
};

ParsedFile parse_properties(std::string_view bytes);

// Whether `s` is valid UTF-8 (no overlongs, no surrogates).
bool is_utf8(std::string_view s);

}  // namespace chatiere::chatonsinfos
