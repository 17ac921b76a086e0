// chatiere profile check [URL] / chatiere profile verify URL
#include <CLI/CLI.hpp>

#include "cli/common.h"

#include <iostream>
#include <memory>

#include "app.h"
#include "http/assets.h"
#include "i18n/catalog.h"
#include "chatonsinfos/checker.h"
#include "chatonsinfos/fetch.h"
#include "chatonsinfos/reader.h"
#include "chatonsinfos/signing.h"

namespace chatiere::cli {

namespace {

struct Options {
    std::string url;
    std::string lang = "en";
    bool strict = false;
    std::string key;
};

i18n::Catalog embedded_catalog() {
    http::Assets assets;
    assets.load("");
    i18n::Catalog catalog;
    catalog.load(assets.files_under("web/i18n/"));
    return catalog;
}

int print_report(const chatonsinfos::Report& report, const i18n::Catalog& catalog, const Options& o) {
    for (const auto& p : report.problems) std::cout << chatonsinfos::describe(p, catalog, o.lang) << "\n";
    std::cout << catalog.t(o.lang, "profile.report.summary",
                           {{"errors", std::to_string(report.errors())},
                            {"warnings", std::to_string(report.warnings())},
                            {"files", std::to_string(report.files)}})
              << "\n";
    return report.errors() > 0 || (o.strict && report.warnings() > 0) ? 1 : 0;
}

int run_check(const Options& o, const Globals& g) {
    if (!i18n::is_language(o.lang)) {
        std::cerr << "chatiere: --lang must be one of fr, en\n";
        return 2;
    }
    if (!o.url.empty()) {
        auto catalog = embedded_catalog();
        auto report = chatonsinfos::check_remote(o.url, [](const std::string& u) { return chatonsinfos::fetch_url(u); });
        return print_report(report, catalog, o);
    }
    Config cfg = load_config(g);
    auto app = open_app(cfg, Missing::Refuse);
    auto lease = app->db->acquire();
    auto report = chatonsinfos::check_own(*lease, site_of(*app), app->now());
    return print_report(report, app->catalog, o);
}

int run_verify(const Options& o) {
    auto file = chatonsinfos::fetch_url(o.url);
    if (!file.ok) {
        std::cout << "FAIL " << o.url << ": cannot fetch the file: " << file.error << "\n";
        return 1;
    }
    auto sig = chatonsinfos::fetch_url(o.url + ".sig", 4096);
    if (!sig.ok) {
        std::cout << "FAIL " << o.url << ": cannot fetch the signature " << o.url << ".sig: " << sig.error << "\n";
        return 1;
    }
    std::string key = o.key;
    std::string key_source = "--key";
    if (key.empty()) {
        std::string key_url = o.url.substr(0, o.url.rfind('/') + 1) + "publickey.txt";
        auto k = chatonsinfos::fetch_url(key_url, 4096);
        if (!k.ok) {
            std::cout << "FAIL " << o.url << ": cannot fetch the public key " << key_url << ": " << k.error << "\n";
            return 1;
        }
        key = k.body;
        key_source = key_url;
    }
    while (!key.empty() && (key.back() == '\n' || key.back() == '\r' || key.back() == ' ')) key.pop_back();
    // An organization file names its own key: it must be the one we verify with.
    auto parsed = chatonsinfos::parse_properties(file.body);
    if (auto e = parsed.find("organization.signature.publickey"); e && e->value != key) {
        std::cout << "FAIL " << o.url << ": the file names the public key " << e->value << ", not the one of "
                  << key_source << "\n";
        return 1;
    }
    if (!chatonsinfos::verify_signature(file.body, sig.body, key)) {
        std::cout << "FAIL " << o.url << ": the signature does not match the file (key from " << key_source << ")\n";
        return 1;
    }
    std::cout << "OK " << o.url << ": signed by " << key << "\n";
    return 0;
}

}  // namespace

void add_profile_commands(CLI::App& cli, Globals& g, Action& run) {
    auto o = std::make_shared<Options>();
    auto* profile = cli.add_subcommand("profile", "The published ChatonsInfos profile: check and verify");
    profile->require_subcommand(1);
    auto* check = profile->add_subcommand(
        "check",
        "Check our own published files (no URL) or any hoster's organization file and its subs (URL); one line per "
        "problem, then a summary. Exit status 0: no error; 1: errors (or warnings with --strict)");
    check->add_option("URL", o->url, "address of an organization.properties file");
    check->add_option("--lang", o->lang, "language of the messages: en (default) or fr");
    check->add_flag("--strict", o->strict, "warnings also make the exit status 1");
    auto* verify = profile->add_subcommand(
        "verify", "Check the signature (URL.sig) of a published file against the hoster's public key. Exit status 0: "
                  "valid; 1: invalid or unreachable");
    verify->add_option("URL", o->url, "address of a .properties file")->required();
    verify->add_option("--key", o->key,
                       "the public key (base64) to trust; default: publickey.txt beside the file");
    check->callback([o, &g, &run] { run = [o, &g] { return run_check(*o, g); }; });
    verify->callback([o, &run] { run = [o] { return run_verify(*o); }; });
}

}  // namespace chatiere::cli
