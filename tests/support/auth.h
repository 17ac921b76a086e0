#pragma once
#include <map>
#include <string>

#include "support/test_server.h"

namespace chatiere::testing {

// Creates a member directly in the database (active by default) and returns its id.
int64_t make_member(TestServer& s, const std::string& name, const std::string& password = "correct horse battery",
                    bool admin = false, const std::string& status = "active",
                    const std::string& email = "");

// A client that keeps cookies and the last CSRF token it saw, like a browser.
class Browser {
public:
    explicit Browser(TestServer& s) : s_(s) {}

    httplib::Result get(const std::string& path, httplib::Headers headers = {});
    // POSTs urlencoded fields, adding the CSRF token (fetched from `form_page` first when
    // none is known yet; "" = use the token as it is, even empty).
    httplib::Result post(const std::string& path, httplib::Params fields, const std::string& form_page = "/login");
    // POSTs without adding any token (to test refusals).
    httplib::Result post_raw(const std::string& path, const httplib::Params& fields, httplib::Headers headers = {});
    // POSTs multipart/form-data (for long text and uploads), with the CSRF token.
    httplib::Result post_multipart(const std::string& path, httplib::MultipartFormDataItems items,
                                   const std::string& form_page = "/login");

    const std::string& csrf() const { return csrf_; }
    std::string cookie(const std::string& name) const;
    void set_cookie(const std::string& name, const std::string& value) { cookies_[name] = value; }
    void forget_cookies() { cookies_.clear(); }

private:
    httplib::Headers with_cookies(httplib::Headers h) const;
    void absorb(const httplib::Result& r);
    TestServer& s_;
    std::map<std::string, std::string> cookies_;
    std::string csrf_;
};

// Logs in through the real form. Fails the test if the log-in does not succeed.
Browser login(TestServer& s, const std::string& name, const std::string& password = "correct horse battery");

// An admin (created if needed) logged in, in one call.
Browser login_admin(TestServer& s, const std::string& name = "admin");

// The sign-up form's fields for a new account (terms accepted, a valid passphrase).
httplib::Params signup_fields(const std::string& name, const std::string& email);

// The link starting with `prefix` in the newest mail queued for `to` ("" when none).
std::string link_in_mail(TestServer& s, const std::string& to, const std::string& prefix);

}  // namespace chatiere::testing
