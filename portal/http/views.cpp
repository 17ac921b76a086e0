#include "http/views.h"

#include <stdexcept>

#include "text/escape.h"

namespace chatiere::http {

namespace {
// {name} → {{name}} so that a message's placeholders are filled (escaped) from the view data.
std::string placeholders_to_mustache(std::string_view msg) {
    std::string out;
    for (size_t i = 0; i < msg.size(); ++i) {
        if (msg[i] == '{') {
            auto close = msg.find('}', i);
            if (close != std::string_view::npos) {
                auto name = msg.substr(i + 1, close - i - 1);
                bool ident = !name.empty();
                for (char c : name) ident = ident && (isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.');
                if (ident) {
                    out += "{{";
                    out += name;
                    out += "}}";
                    i = close;
                    continue;
                }
            }
        }
        out += msg[i];
    }
    return out;
}
}  // namespace

std::string expand_markers(std::string_view text, std::string_view lang, const i18n::Catalog& catalog,
                           const Assets& assets, const std::string& root_path, const std::string& name) {
    std::string out;
    out.reserve(text.size() + text.size() / 4);
    size_t pos = 0;
    while (true) {
        auto open = text.find("[[", pos);
        if (open == std::string_view::npos) {
            out.append(text.substr(pos));
            break;
        }
        auto close = text.find("]]", open + 2);
        if (close == std::string_view::npos) throw std::runtime_error("template " + name + ": unclosed [[");
        out.append(text.substr(pos, open - pos));
        std::string marker(text.substr(open + 2, close - open - 2));
        if (marker == "root") {
            out += root_path;
        } else if (marker == "lang") {
            out += lang;
        } else if (marker.rfind("asset:", 0) == 0) {
            auto asset = marker.substr(6);
            if (!assets.static_file(asset)) throw std::runtime_error("template " + name + ": no static file " + asset);
            out += root_path + assets.static_path(asset);
        } else {
            if (!catalog.has(lang, marker))
                throw std::runtime_error("template " + name + ": no message " + marker + " in " + std::string(lang));
            out += placeholders_to_mustache(text::escape_markup(catalog.t(lang, marker)));
        }
        pos = close + 2;
    }
    return out;
}

void Views::load(const Assets& assets, const i18n::Catalog& catalog, const std::string& root_path) {
    templates_.clear();
    for (const auto& [path, content] : assets.files_under("web/templates/")) {
        std::string name = path.substr(14);
        if (name.size() < 10 || name.substr(name.size() - 9) != ".mustache") continue;
        name = name.substr(0, name.size() - 9);
        for (const auto& lang : i18n::languages()) {
            auto expanded = expand_markers(content, lang, catalog, assets, root_path, name);
            needs_csrf_[name] = expanded.find("{{csrf}}") != std::string::npos;
            auto tmpl = std::make_unique<Template>(expanded);
            if (!tmpl->is_valid())
                throw std::runtime_error("template " + name + " (" + lang + "): " + tmpl->error_message());
            templates_[lang][name] = std::move(tmpl);
        }
    }
}

bool Views::has(std::string_view name) const {
    auto l = templates_.find(i18n::languages().front());
    return l != templates_.end() && l->second.find(name) != l->second.end();
}

bool Views::needs_csrf(std::string_view name) const {
    auto it = needs_csrf_.find(name);
    return it != needs_csrf_.end() && it->second;
}

std::string Views::render(std::string_view lang, std::string_view name, const View& data) const {
    auto l = templates_.find(lang);
    if (l == templates_.end()) throw std::runtime_error("no templates for language " + std::string(lang));
    auto t = l->second.find(name);
    if (t == l->second.end()) throw std::runtime_error("no template named " + std::string(name));
    // kainjow's render() only reads the parsed tree (its per-render state lives in the
    // context), so concurrent renders of one template are safe as long as no partials or
    // lambdas are used, which this project does not.
    return t->second->render(data);
}

}  // namespace chatiere::http
