#include "media/logo.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "text/escape.h"

namespace chatiere::media {

namespace logo {

namespace {
bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Every value that follows `needle` (e.g. "href") as an attribute: name, optional spaces, '=',
// optional spaces, optional quote. Returns false when one of them does not start with '#'.
bool only_local_refs(const std::string& lower, const std::string& needle) {
    for (size_t p = lower.find(needle); p != std::string::npos; p = lower.find(needle, p + 1)) {
        size_t k = p + needle.size();
        while (k < lower.size() && std::isspace(static_cast<unsigned char>(lower[k]))) ++k;
        if (needle.back() != '(') {
            if (k >= lower.size() || lower[k] != '=') continue;  // the word in text, not an attribute
            ++k;
        }
        while (k < lower.size() && (std::isspace(static_cast<unsigned char>(lower[k])) || lower[k] == '"' || lower[k] == '\''))
            ++k;
        if (k >= lower.size() || lower[k] != '#') return false;
    }
    return true;
}

std::string svg_problem(std::string_view bytes) {
    if (!text::valid_utf8(bytes)) return "pages.logo.error_type";
    std::string lower(bytes);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    size_t first = lower.find_first_not_of(" \t\r\n\xef\xbb\xbf");
    if (first == std::string::npos || lower[first] != '<' || lower.find("<svg") == std::string::npos)
        return "pages.logo.error_type";
    for (const char* bad : {"<script", "<!entity", "<!doctype", "<foreignobject", "<iframe", "<embed", "<object",
                            "<?xml-stylesheet", "@import", "javascript:", "<handler", "<listener"})
        if (lower.find(bad) != std::string::npos) return "pages.logo.error_svg_unsafe";
    static const std::regex handler("[\\s/\"']on[a-z]+\\s*=");
    if (std::regex_search(lower, handler)) return "pages.logo.error_svg_unsafe";
    // Nothing may be fetched: links and paint servers may only point inside the file.
    for (const char* attr : {"href", "src", "url("})
        if (!only_local_refs(lower, attr)) return "pages.logo.error_svg_external";
    return "";
}
}  // namespace

std::string sniff(std::string_view b, std::string& problem) {
    problem.clear();
    if (starts_with(b, "\x89PNG\r\n\x1a\n")) return "image/png";
    if (starts_with(b, "\xff\xd8\xff")) return "image/jpeg";
    if (b.size() >= 12 && starts_with(b, "RIFF") && b.substr(8, 4) == "WEBP") return "image/webp";
    problem = svg_problem(b);
    return problem.empty() ? "image/svg+xml" : "";
}

}  // namespace logo

}  // namespace chatiere::media
