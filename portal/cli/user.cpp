// chatiere user …: accounts from the command line (the first admin is made here: no default
// account exists anywhere).
#include <iostream>

#include "app.h"
#include "auth/accounts.h"
#include "auth/one_time.h"
#include "auth/password.h"
#include "cli/common.h"
#include "store/audit.h"
#include "store/members.h"
#include "store/sessions.h"
#include "store/tokens.h"

namespace chatiere::cli {

namespace {

std::string read_password_stdin() {
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    return password;
}

bool plausible_email(const std::string& e) {
    auto at = e.find('@');
    return at != std::string::npos && at > 0 && at + 1 < e.size() && e.find(' ') == std::string::npos &&
           e.size() <= 254;
}

}  // namespace

void add_user_commands(CLI::App& cli, Globals& g, Action& run) {
    auto* user = cli.add_subcommand("user", "Manage accounts: user add, user password, user list");
    user->require_subcommand(1);

    struct AddArgs {
        std::string name, email;
        bool admin = false, password_stdin = false;
    };
    auto args = std::make_shared<AddArgs>();
    auto* add = user->add_subcommand("add", "Create an account (active). Without --password-stdin, prints a "
                                            "one-time link where the person chooses a password.");
    add->add_option("NAME", args->name, "log-in name")->required();
    add->add_option("--email", args->email, "e-mail address")->required();
    add->add_flag("--admin", args->admin, "make it an administrator");
    add->add_flag("--password-stdin", args->password_stdin, "read the password from the first line of standard input");
    add->callback([&g, &run, args] {
        run = [&g, args] {
            Config cfg = load_config(g);
            auto app = open_app(cfg, Missing::Refuse);
            auto db = app->db->acquire();
            if (args->name.empty() || args->name.size() > 64 || args->name.find_first_of(" @/\\\t") != std::string::npos) {
                std::cerr << "chatiere: the name must be 1 to 64 characters without spaces, @, / or \\\n";
                return 1;
            }
            if (!plausible_email(args->email)) {
                std::cerr << "chatiere: \"" << args->email << "\" is not an e-mail address\n";
                return 1;
            }
            if (store::member_name_taken(*db, args->name) || store::find_member_by_email(*db, args->email)) {
                std::cerr << "chatiere: an account with this name or e-mail already exists\n";
                return 1;
            }
            store::Member m;
            m.name = args->name;
            m.display_name = args->name;
            m.email = args->email;
            m.email_verified = true;
            m.role = args->admin ? domain::MemberRole::Admin : domain::MemberRole::Member;
            m.status = domain::MemberStatus::Active;
            m.locale = cfg.default_language;
            if (args->password_stdin) {
                std::string password = read_password_stdin();
                if (auto problem = auth::password_problem(password, m.name, m.email)) {
                    std::cerr << "chatiere: " << app->catalog.t("en", *problem) << "\n";
                    return 1;
                }
                m.password_hash = auth::hash_password(app->hash_gate, password);
            }
            int64_t id = store::insert_member(*db, m, app->now());
            store::audit(*db, app->now(), std::nullopt, "command line", args->admin ? "admin.create" : "member.create",
                         "member:" + std::to_string(id));
            std::cout << "created " << (args->admin ? "administrator " : "member ") << m.name << " (id " << id << ")\n";
            if (!args->password_stdin) {
                std::string token = auth::issue_token(*db, "reset", id, m.email, std::nullopt, app->now(), 7 * 86400);
                std::cout << "they choose their password here (valid 7 days, once): "
                          << cfg.base_url << "password/reset?token=" << token << "\n";
            }
            return 0;
        };
    });

    auto pw_name = std::make_shared<std::string>();
    auto* password = user->add_subcommand("password", "Set an account's password, read from standard input");
    password->add_option("NAME", *pw_name, "log-in name or e-mail")->required();
    password->callback([&g, &run, pw_name] {
        run = [&g, pw_name] {
            Config cfg = load_config(g);
            auto app = open_app(cfg, Missing::Refuse);
            auto db = app->db->acquire();
            auto m = store::find_member_by_login(*db, *pw_name);
            if (!m) {
                std::cerr << "chatiere: no account " << *pw_name << "\n";
                return 1;
            }
            std::string pw = read_password_stdin();
            if (auto problem = auth::password_problem(pw, m->name, m->email)) {
                std::cerr << "chatiere: " << app->catalog.t("en", *problem) << "\n";
                return 1;
            }
            std::string hash = auth::hash_password(app->hash_gate, pw);
            db::Transaction tx(*db);
            store::set_member_password(*db, m->id, hash, app->now());
            // As for a change from the account page: reset links die, sessions end, the member is told.
            store::revoke_member_tokens(*db, m->id, "reset", app->now());
            store::delete_member_sessions(*db, m->id, 0);
            auth::notify_member(*app, *db, *m, "password_changed", app->now());
            store::audit(*db, app->now(), std::nullopt, "command line", "member.password", "member:" + std::to_string(m->id));
            tx.commit();
            std::cout << "password of " << m->name << " changed\n";
            return 0;
        };
    });

    auto* list = user->add_subcommand("list", "List accounts (id, name, e-mail, role, status)");
    list->callback([&g, &run] {
        run = [&g] {
            Config cfg = load_config(g);
            auto app = open_app(cfg, Missing::Refuse);
            auto db = app->db->acquire();
            int64_t after = 0;
            while (true) {
                auto page = store::list_members(*db, "", std::nullopt, after, 500);
                for (const auto& m : page) {
                    std::cout << m.id << "\t" << m.name << "\t" << m.email << "\t" << domain::to_string(m.role) << "\t" << domain::to_string(m.status) << "\n";
                    after = m.id;
                }
                if (page.size() < 500) break;
            }
            return 0;
        };
    });
}

}  // namespace chatiere::cli
