#pragma once
// Translation catalogues (French, English) and language negotiation.
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace chatiere::i18n {

// The languages the portal speaks, in order of preference for ties.
const std::vector<std::string>& languages();
bool is_language(std::string_view code);

using Params = std::vector<std::pair<std::string_view, std::string>>;

// Message catalogues: web/i18n/<lang>/*.toml, flat or dotted keys, one string per key.
// A message may hold {name} placeholders filled at run time.
class Catalog {
public:
    // `files` maps "web/i18n/fr/common.toml" → content. Throws std::runtime_error naming the
    // file on a TOML error, a duplicate key, or a key present in one language but not another.
    void load(const std::map<std::string, std::string>& files);

    // The message, or the key itself when missing (never throws on a request path).
    const std::string& t(std::string_view lang, std::string_view key) const;
    std::string t(std::string_view lang, std::string_view key, const Params& params) const;
    bool has(std::string_view lang, std::string_view key) const;
    size_t size(std::string_view lang) const;

private:
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using Messages = std::unordered_map<std::string, std::string, Hash, std::equal_to<>>;
    std::map<std::string, Messages, std::less<>> messages_;
};

// Replaces each {name} in `text` by its value.
std::string fill(std::string_view text, const Params& params);

// The best language for an Accept-Language header, or `fallback`.
std::string negotiate(std::string_view accept_language, const std::string& fallback);

}  // namespace chatiere::i18n
