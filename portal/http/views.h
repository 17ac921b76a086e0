#pragma once
// The page templates, parsed once, and rendering them.
#include <kainjow/mustache.hpp>

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "http/assets.h"
#include "i18n/catalog.h"

namespace chatiere::http {

using View = kainjow::mustache::data;

// The mustache templates of web/templates/, parsed once per language at start-up.
//
// Before parsing, a template's [[…]] markers are replaced for each language:
//   [[some.key]]        the message, HTML-escaped; its {name} placeholders become {{name}}
//   [[asset:style.css]] the URL of a static file, with its content hash
//   [[root]]            the root path ("/" or "/portail/")
//   [[lang]]            the language code
// so that rendering a page costs no look-ups. An unknown key or asset, or a template that
// does not parse, stops start-up with the template's name.
class Views {
public:
    void load(const Assets& assets, const i18n::Catalog& catalog, const std::string& root_path);

    bool has(std::string_view name) const;
    // Whether the template uses {{csrf}} (holds a form): only then does a visitor get the
    // CSRF cookie.
    bool needs_csrf(std::string_view name) const;
    // Renders a template with `data`. Thread-safe.
    std::string render(std::string_view lang, std::string_view name, const View& data) const;

private:
    using Template = kainjow::mustache::mustache;
    std::map<std::string, std::map<std::string, std::unique_ptr<Template>, std::less<>>, std::less<>> templates_;
    std::map<std::string, bool, std::less<>> needs_csrf_;
};

// Expands the [[…]] markers of one template text (exposed for tests).
std::string expand_markers(std::string_view text, std::string_view lang, const i18n::Catalog& catalog,
                           const Assets& assets, const std::string& root_path, const std::string& template_name);

}  // namespace chatiere::http
