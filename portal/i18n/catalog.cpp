#include "i18n/catalog.h"

#include <algorithm>
#include <set>
#include <sstream>
#include <stdexcept>
#include <toml++/toml.h>

namespace chatiere::i18n {

const std::vector<std::string>& languages() {
    static const std::vector<std::string> langs = {"fr", "en"};
    return langs;
}

bool is_language(std::string_view code) {
    for (const auto& l : languages())
        if (l == code) return true;
    return false;
}

namespace {

void flatten(const toml::table& table, const std::string& prefix, const std::string& file,
             std::unordered_map<std::string, std::string>& out, std::set<std::string>& seen) {
    for (const auto& [k, node] : table) {
        std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
        if (const auto* sub = node.as_table()) {
            flatten(*sub, key, file, out, seen);
        } else if (auto s = node.value<std::string>()) {
            if (!seen.insert(key).second) throw std::runtime_error(file + ": message " + key + " is defined twice");
            out[key] = *s;
        } else {
            throw std::runtime_error(file + ": message " + key + " must be a string");
        }
    }
}

}  // namespace

void Catalog::load(const std::map<std::string, std::string>& files) {
    std::map<std::string, Messages, std::less<>> loaded;
    std::map<std::string, std::set<std::string>> seen;
    for (const auto& [path, content] : files) {
        // web/i18n/<lang>/<area>.toml
        auto rest = path.substr(path.find("i18n/") + 5);
        auto slash = rest.find('/');
        if (slash == std::string::npos) continue;
        std::string lang = rest.substr(0, slash);
        if (!is_language(lang)) throw std::runtime_error(path + ": unknown language " + lang);
        toml::table table;
        try {
            table = toml::parse(content, path);
        } catch (const toml::parse_error& e) {
            std::ostringstream msg;
            msg << path << ":" << e.source().begin.line << ": " << e.description();
            throw std::runtime_error(msg.str());
        }
        std::unordered_map<std::string, std::string> flat;
        flatten(table, "", path, flat, seen[lang]);
        for (auto& [k, v] : flat) loaded[lang].emplace(k, std::move(v));
    }
    // Every language must have every key: a missing translation is a build/theme mistake.
    for (const auto& a : languages())
        for (const auto& b : languages()) {
            if (a == b) continue;
            for (const auto& [k, v] : loaded[a])
                if (!loaded[b].count(k))
                    throw std::runtime_error("message " + k + " exists in " + a + " but not in " + b);
        }
    messages_ = std::move(loaded);
}

const std::string& Catalog::t(std::string_view lang, std::string_view key) const {
    auto l = messages_.find(lang);
    if (l != messages_.end()) {
        auto m = l->second.find(key);
        if (m != l->second.end()) return m->second;
    }
    static thread_local std::string missing;
    missing = std::string(key);
    return missing;
}

std::string Catalog::t(std::string_view lang, std::string_view key, const Params& params) const {
    return fill(t(lang, key), params);
}

bool Catalog::has(std::string_view lang, std::string_view key) const {
    auto l = messages_.find(lang);
    return l != messages_.end() && l->second.find(key) != l->second.end();
}

size_t Catalog::size(std::string_view lang) const {
    auto l = messages_.find(lang);
    return l == messages_.end() ? 0 : l->second.size();
}

std::string fill(std::string_view text, const Params& params) {
    std::string out;
    out.reserve(text.size() + 16);
    size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '{') {
            auto close = text.find('}', i + 1);
            if (close != std::string_view::npos) {
                auto name = text.substr(i + 1, close - i - 1);
                auto it = std::find_if(params.begin(), params.end(), [&](const auto& p) { return p.first == name; });
                if (it != params.end()) {
                    out += it->second;
                    i = close + 1;
                    continue;
                }
            }
        }
        out += text[i++];
    }
    return out;
}

std::string negotiate(std::string_view header, const std::string& fallback) {
    // Accept-Language: fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5
    std::string best = fallback;
    double best_q = 0;
    size_t pos = 0;
    int budget = 32;  // a hostile header with thousands of entries costs nothing more
    while (pos < header.size() && budget-- > 0) {
        auto comma = header.find(',', pos);
        auto item = header.substr(pos, comma == std::string_view::npos ? std::string_view::npos : comma - pos);
        pos = comma == std::string_view::npos ? header.size() : comma + 1;
        auto semi = item.find(';');
        auto tag = item.substr(0, semi);
        while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
        while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
        double q = 1.0;
        if (semi != std::string_view::npos) {
            auto qpos = item.find("q=", semi);
            if (qpos != std::string_view::npos) {
                std::string qs(item.substr(qpos + 2, 5));
                char* end = nullptr;
                q = std::strtod(qs.c_str(), &end);
                if (end == qs.c_str() || q < 0 || q > 1) q = 0;
            }
        }
        std::string primary(tag.substr(0, tag.find('-')));
        std::transform(primary.begin(), primary.end(), primary.begin(), ::tolower);
        if (is_language(primary) && q > best_q) {
            best = primary;
            best_q = q;
        }
    }
    return best;
}

}  // namespace chatiere::i18n
