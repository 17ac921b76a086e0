#pragma once
// Built-in web files, each replaceable by the theme directory.
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace chatiere::http {

// The files of web/ (templates, static files, catalogues) as the portal uses them: built in,
// each one replaceable by a file of the same relative path in the theme directory.
class Assets {
public:
    struct Static {
        std::string content;
        std::string content_type;
        std::string hash;         // 10 hex digits of BLAKE2b of the content
        std::string hashed_name;  // "style.3f2a1b9c0d.css": cacheable forever
    };

    // Loads the embedded files, then the theme directory's overrides (web/ layout without
    // the "web/" prefix: templates/home.mustache, static/style.css, i18n/fr/common.toml;
    // new files under static/ are added). Throws if the theme directory is unreadable.
    void load(const std::string& theme_dir);

    std::optional<std::string_view> file(std::string_view path) const;  // "web/templates/home.mustache"
    std::map<std::string, std::string> files_under(std::string_view prefix) const;

    // A static file by plain or hashed name ("style.css" or "style.3f2a1b9c0d.css").
    // `exact_hash` tells whether the hashed form was asked for with the current hash.
    const Static* static_file(std::string_view name, bool* exact_hash = nullptr) const;
    // URL path (below the root) of a static file, with its content hash: "static/style.3f2a1b9c0d.css".
    std::string static_path(std::string_view name) const;

private:
    std::map<std::string, std::string, std::less<>> files_;
    std::map<std::string, Static, std::less<>> static_;      // by plain name
    std::map<std::string, std::string, std::less<>> hashed_;  // hashed name → plain name
};

std::string content_type_for(std::string_view name);

}  // namespace chatiere::http
