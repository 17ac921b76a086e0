// chatiere oidc …: the OpenID Connect clients (relying parties) and signing keys from the
// command line — the same actions as /admin/apps.
#include <iostream>

#include "app.h"
#include "cli/common.h"
#include "oidc/provider.h"
#include "store/oidc.h"

namespace chatiere::cli {

namespace {

std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
    return out;
}

}  // namespace

void add_oidc_commands(CLI::App& cli, Globals& g, Action& run) {
    auto* oidc_cmd = cli.add_subcommand("oidc", "The portal as an OpenID Connect provider: clients and signing keys");
    oidc_cmd->require_subcommand(1);
    auto* client = oidc_cmd->add_subcommand("client", "Applications that log members in: client add, list, remove, rotate-secret");
    client->require_subcommand(1);

    auto args = std::make_shared<oidc::NewClient>();
    auto* add = client->add_subcommand(
        "add", "Register an application; prints client_id=… and client_secret=… (shown once, stored hashed)");
    add->add_option("NAME", args->name, "the application's name, as members see it")->required();
    add->add_option("--redirect-uri", args->redirect_uris,
                    "where members come back with a code (exact match; https, or http on loopback); repeatable")
        ->required();
    add->add_option("--post-logout-uri", args->post_logout_uris, "where members may go after logging out; repeatable");
    add->add_option("--backchannel-logout-uri", args->backchannel_logout_uri,
                    "told when a member is logged out, suspended or removed (OIDC Back-Channel Logout)");
    add->add_option("--service", args->service_slug, "the catalogue service this application is");
    add->add_option("--group", args->group_slug,
                    "only members of this group may log in (a service slug, or admins)");
    add->add_flag("--public", args->is_public, "a client without secret (single-page or native app; PKCE required)");
    add->add_option("--auth", args->auth_method, "how the client sends its secret: basic (default) or post")
        ->check(CLI::IsMember({"basic", "post"}));
    add->add_option("--alg", args->alg, "ID token signature: RS256 (default) or EdDSA")
        ->check(CLI::IsMember({"RS256", "EdDSA"}));
    add->callback([&g, &run, args] {
        run = [&g, args] {
            auto app = open_app(load_config(g), Missing::Refuse);
            auto db = app->db->acquire();
            oidc::ensure_keys(*db, app->now());
            auto created = oidc::create_client(*db, *args, std::nullopt, "", app->now());
            if (!created.error.empty()) {
                std::cerr << "chatiere: " << app->catalog.t("en", created.error, {{"value", created.error_value}}) << "\n";
                return 1;
            }
            std::cout << "client_id=" << created.client_id << "\n";
            if (!created.client_secret.empty()) std::cout << "client_secret=" << created.client_secret << "\n";
            std::cout << "issuer=" << oidc::issuer_of(app->config.base_url) << "\n";
            return 0;
        };
    });

    auto* list = client->add_subcommand("list", "List the registered applications");
    list->callback([&g, &run] {
        run = [&g] {
            auto app = open_app(load_config(g), Missing::Refuse);
            auto db = app->db->acquire();
            for (const auto& c : store::list_oidc_clients(*db)) {
                std::cout << c.client_id << "\t" << c.name << "\t" << (c.is_public ? "public" : c.auth_method) << "\t"
                          << c.alg << "\tservice=" << c.service_slug << "\tgroup=" << c.group_slug << "\t"
                          << join(c.redirect_uris, " ") << "\n";
            }
            return 0;
        };
    });

    auto client_id = std::make_shared<std::string>();
    auto* remove = client->add_subcommand("remove", "Remove an application (its tokens stop working)");
    remove->add_option("CLIENT_ID", *client_id)->required();
    remove->callback([&g, &run, client_id] {
        run = [&g, client_id] {
            auto app = open_app(load_config(g), Missing::Refuse);
            auto db = app->db->acquire();
            if (!oidc::remove_client(*db, *client_id, std::nullopt, "", app->now())) {
                std::cerr << "chatiere: no client " << *client_id << "\n";
                return 1;
            }
            std::cout << "removed " << *client_id << "\n";
            return 0;
        };
    });

    auto* rotate = client->add_subcommand("rotate-secret", "A new secret for an application (the old one stops working)");
    rotate->add_option("CLIENT_ID", *client_id)->required();
    rotate->callback([&g, &run, client_id] {
        run = [&g, client_id] {
            auto app = open_app(load_config(g), Missing::Refuse);
            auto db = app->db->acquire();
            std::string secret = oidc::rotate_client_secret(*db, *client_id, std::nullopt, "", app->now());
            if (secret.empty()) {
                std::cerr << "chatiere: no confidential client " << *client_id << "\n";
                return 1;
            }
            std::cout << "client_id=" << *client_id << "\nclient_secret=" << secret << "\n";
            return 0;
        };
    });

    auto* keys = oidc_cmd->add_subcommand(
        "rotate-keys", "New signing keys; the previous public keys stay published until their tokens have expired");
    keys->callback([&g, &run] {
        run = [&g] {
            auto app = open_app(load_config(g), Missing::Refuse);
            auto db = app->db->acquire();
            for (const auto& kid : oidc::rotate_keys(*db, app->now())) std::cout << "kid=" << kid << "\n";
            return 0;
        };
    });
}

}  // namespace chatiere::cli
