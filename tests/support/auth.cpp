#include "support/auth.h"

#include <doctest/doctest.h>

#include "auth/password.h"
#include "store/members.h"

namespace chatiere::testing {

int64_t make_member(TestServer& s, const std::string& name, const std::string& password, bool admin,
                    const std::string& status, const std::string& email) {
    auto db = s.app->db->acquire();
    if (auto existing = store::find_member_by_login(*db, name)) return existing->id;
    store::Member m;
    m.name = name;
    m.display_name = name;
    m.email = email.empty() ? name + "@example.org" : email;
    m.email_verified = true;
    m.password_hash = auth::hash_password(s.app->hash_gate, password);
    m.role = admin ? domain::MemberRole::Admin : domain::MemberRole::Member;
    m.status = domain::parse_member_status(status).value();
    return store::insert_member(*db, m, s.now);
}

httplib::Headers Browser::with_cookies(httplib::Headers h) const {
    std::string c;
    for (const auto& [k, v] : cookies_) {
        if (!c.empty()) c += "; ";
        c += k + "=" + v;
    }
    if (!c.empty()) h.emplace("Cookie", c);
    return h;
}

void Browser::absorb(const httplib::Result& r) {
    if (!r) return;
    auto range = r->headers.equal_range("Set-Cookie");
    for (auto it = range.first; it != range.second; ++it) {
        const std::string& v = it->second;
        auto eq = v.find('=');
        auto semi = v.find(';');
        std::string name = v.substr(0, eq);
        std::string value = v.substr(eq + 1, semi - eq - 1);
        if (v.find("Max-Age=0") != std::string::npos) cookies_.erase(name);
        else cookies_[name] = value;
    }
    std::string token = csrf_from(r->body);
    if (!token.empty()) csrf_ = token;
}

std::string Browser::cookie(const std::string& name) const {
    auto it = cookies_.find(name);
    return it == cookies_.end() ? "" : it->second;
}

httplib::Result Browser::get(const std::string& path, httplib::Headers headers) {
    auto c = s_.client();
    auto r = c.Get(path.c_str(), with_cookies(std::move(headers)));
    absorb(r);
    return r;
}

httplib::Result Browser::post(const std::string& path, httplib::Params fields, const std::string& form_page) {
    if (csrf_.empty() && !form_page.empty()) get(form_page);
    fields.emplace("_csrf", csrf_);
    auto c = s_.client();
    auto r = c.Post(path.c_str(), with_cookies({}), fields);
    absorb(r);
    return r;
}

httplib::Result Browser::post_raw(const std::string& path, const httplib::Params& fields, httplib::Headers headers) {
    auto c = s_.client();
    auto r = c.Post(path.c_str(), with_cookies(std::move(headers)), fields);
    absorb(r);
    return r;
}

httplib::Result Browser::post_multipart(const std::string& path, httplib::MultipartFormDataItems items,
                                        const std::string& form_page) {
    if (csrf_.empty() && !form_page.empty()) get(form_page);
    items.push_back({"_csrf", csrf_, "", ""});
    auto c = s_.client();
    auto r = c.Post(path.c_str(), with_cookies({}), items);
    absorb(r);
    return r;
}

Browser login(TestServer& s, const std::string& name, const std::string& password) {
    Browser b(s);
    auto r = b.post("/login", {{"login", name}, {"password", password}}, "/login");
    REQUIRE(r);
    INFO("log-in of " << name << " answered " << r->status << ": " << r->body.substr(0, 300));
    REQUIRE(r->status == 303);
    REQUIRE(!b.cookie("session").empty());
    b.get("/account");  // picks up the session's CSRF token
    return b;
}

Browser login_admin(TestServer& s, const std::string& name) {
    make_member(s, name, "correct horse battery", true);
    return login(s, name);
}

std::string link_in_mail(TestServer& s, const std::string& to, const std::string& prefix) {
    auto db = s.app->db->acquire();
    auto q = db->prepare("SELECT body FROM outbox WHERE to_addr = ? ORDER BY id DESC LIMIT 1");
    q.bind(to);
    if (!q.step()) return {};
    std::string body = q.text(0);
    auto p = body.find(prefix);
    if (p == std::string::npos) return {};
    auto end = body.find_first_of(" \n\r", p);
    return body.substr(p, end == std::string::npos ? std::string::npos : end - p);
}

httplib::Params signup_fields(const std::string& name, const std::string& email) {
    return {{"name", name},
            {"email", email},
            {"password", "a long enough passphrase"},
            {"password_confirm", "a long enough passphrase"},
            {"accept_terms", "1"}};
}

}  // namespace chatiere::testing
