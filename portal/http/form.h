#pragma once
// Decoding query strings and form bodies.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/escape.h"

namespace chatiere::http {

// Decoded fields of a query string or form, in order. Repeated names keep every value.
class Form {
public:
    // Decodes application/x-www-form-urlencoded text. Throws HttpError 400/413 on malformed
    // percent-encoding, invalid UTF-8 or more than `max_fields` fields.
    static Form parse_urlencoded(std::string_view text, size_t max_fields);

    void add(std::string name, std::string value);
    // The first value, or "" / nullopt.
    std::string get(std::string_view name) const;
    std::optional<std::string> find(std::string_view name) const;
    std::vector<std::string> all(std::string_view name) const;
    bool has(std::string_view name) const { return find(name).has_value(); }
    size_t size() const { return fields_.size(); }
    const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

private:
    std::vector<std::pair<std::string, std::string>> fields_;
};

// %XX-decodes (and '+' → space when `plus_is_space`). Returns nullopt on a bad escape.
std::optional<std::string> percent_decode(std::string_view in, bool plus_is_space);
std::string percent_encode(std::string_view in);
// Request text is checked with the one UTF-8 validator of text/.
using text::valid_utf8;

// A path on this site to return to after an action: starts with one '/', no scheme, no '\\'.
bool is_local_path(std::string_view path);

}  // namespace chatiere::http
