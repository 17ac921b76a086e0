#include "http/form.h"

#include "http/errors.h"
#include "text/escape.h"

namespace chatiere::http {

namespace {
int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
}  // namespace

std::optional<std::string> percent_decode(std::string_view in, bool plus_is_space) {
    std::string out;
    out.reserve(in.size());
    for (size_t i = 0; i < in.size(); ++i) {
        char c = in[i];
        if (c == '%') {
            if (i + 2 >= in.size()) return std::nullopt;
            int hi = hex(in[i + 1]);
            int lo = hex(in[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

std::string percent_encode(std::string_view in) {
    static const char* digits = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : in) {
        if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += digits[c >> 4];
            out += digits[c & 15];
        }
    }
    return out;
}

Form Form::parse_urlencoded(std::string_view text, size_t max_fields) {
    Form form;
    size_t pos = 0;
    while (pos <= text.size()) {
        auto amp = text.find('&', pos);
        auto item = text.substr(pos, amp == std::string_view::npos ? std::string_view::npos : amp - pos);
        pos = amp == std::string_view::npos ? text.size() + 1 : amp + 1;
        if (item.empty()) continue;
        if (form.fields_.size() >= max_fields) throw HttpError(413, "error.too_many_fields");
        auto eq = item.find('=');
        auto name = percent_decode(item.substr(0, eq), true);
        auto value = percent_decode(eq == std::string_view::npos ? std::string_view() : item.substr(eq + 1), true);
        if (!name || !value) throw HttpError(400, "error.bad_encoding");
        if (!valid_utf8(*name) || !valid_utf8(*value)) throw HttpError(400, "error.bad_encoding");
        form.fields_.emplace_back(std::move(*name), std::move(*value));
    }
    return form;
}

void Form::add(std::string name, std::string value) { fields_.emplace_back(std::move(name), std::move(value)); }

std::optional<std::string> Form::find(std::string_view name) const {
    for (const auto& [k, v] : fields_)
        if (k == name) return v;
    return std::nullopt;
}

std::string Form::get(std::string_view name) const { return find(name).value_or(""); }

std::vector<std::string> Form::all(std::string_view name) const {
    std::vector<std::string> out;
    for (const auto& [k, v] : fields_)
        if (k == name) out.push_back(v);
    return out;
}

bool is_local_path(std::string_view path) {
    if (path.empty() || path[0] != '/') return false;
    if (path.size() > 1 && (path[1] == '/' || path[1] == '\\')) return false;
    for (char c : path)
        if (c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
    return true;
}

}  // namespace chatiere::http
