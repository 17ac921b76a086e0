#include "http/assets.h"

#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "http/embedded.h"

namespace fs = std::filesystem;

namespace chatiere::http {

namespace {
std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + p.string());
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string short_hash(std::string_view data) {
    unsigned char out[16];
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(data.data()), data.size(), nullptr, 0);
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, out, sizeof out);
    return std::string(hex, 10);
}
}  // namespace

std::string content_type_for(std::string_view name) {
    auto dot = name.rfind('.');
    std::string_view ext = dot == std::string_view::npos ? "" : name.substr(dot + 1);
    if (ext == "css") return "text/css; charset=utf-8";
    if (ext == "svg") return "image/svg+xml";
    if (ext == "png") return "image/png";
    if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
    if (ext == "webp") return "image/webp";
    if (ext == "ico") return "image/x-icon";
    if (ext == "woff2") return "font/woff2";
    if (ext == "txt") return "text/plain; charset=utf-8";
    if (ext == "webmanifest") return "application/manifest+json";
    return "application/octet-stream";
}

void Assets::load(const std::string& theme_dir) {
    files_.clear();
    static_.clear();
    hashed_.clear();
    for (const auto* f = embedded::files(); f->path; ++f)
        if (std::string_view(f->path).rfind("web/", 0) == 0) files_.emplace(f->path, std::string(f->data));
    if (!theme_dir.empty()) {
        fs::path root(theme_dir);
        if (!fs::is_directory(root)) throw std::runtime_error("theme_dir: " + theme_dir + " is not a directory");
        for (auto& [path, content] : files_) {
            fs::path candidate = root / path.substr(4);
            if (fs::is_regular_file(candidate)) content = read_file(candidate);
        }
        if (fs::is_directory(root / "static"))
            for (const auto& entry : fs::directory_iterator(root / "static"))
                if (entry.is_regular_file())
                    files_.emplace("web/static/" + entry.path().filename().string(), read_file(entry.path()));
    }
    for (const auto& [path, content] : files_) {
        if (path.rfind("web/static/", 0) != 0) continue;
        std::string name = path.substr(11);
        if (name.find('/') != std::string::npos) continue;
        Static s;
        s.content = content;
        s.content_type = content_type_for(name);
        s.hash = short_hash(content);
        auto dot = name.rfind('.');
        s.hashed_name = dot == std::string::npos ? name + "." + s.hash
                                                 : name.substr(0, dot) + "." + s.hash + name.substr(dot);
        hashed_[s.hashed_name] = name;
        static_[name] = std::move(s);
    }
}

std::optional<std::string_view> Assets::file(std::string_view path) const {
    auto it = files_.find(path);
    if (it == files_.end()) return std::nullopt;
    return std::string_view(it->second);
}

std::map<std::string, std::string> Assets::files_under(std::string_view prefix) const {
    std::map<std::string, std::string> out;
    for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.rfind(prefix, 0) == 0; ++it)
        out.emplace(it->first, it->second);
    return out;
}

const Assets::Static* Assets::static_file(std::string_view name, bool* exact_hash) const {
    if (exact_hash) *exact_hash = false;
    if (auto h = hashed_.find(name); h != hashed_.end()) {
        if (exact_hash) *exact_hash = true;
        return &static_.find(h->second)->second;
    }
    if (auto s = static_.find(name); s != static_.end()) return &s->second;
    return nullptr;
}

std::string Assets::static_path(std::string_view name) const {
    auto s = static_.find(name);
    if (s == static_.end()) throw std::runtime_error("no static file named " + std::string(name));
    return "static/" + s->second.hashed_name;
}

}  // namespace chatiere::http
