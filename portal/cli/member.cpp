// chatiere member …: the membership register from the command line (chatiere user list
// stays the list of accounts).
#include <iostream>

#include "actions/membership.h"
#include "app.h"
#include "cli/common.h"

namespace chatiere::cli {

void add_member_commands(CLI::App& cli, Globals& g, Action& run) {
    auto* member = cli.add_subcommand("member", "Membership: the register (list) and its stored dates (recompute)");
    member->require_subcommand(1);

    auto state = std::make_shared<std::string>();
    auto* list = member->add_subcommand(
        "list", "Print the register: log-in, state, member-until date (YYYY-MM-DD or -), separated by tabs");
    list->add_option("--state", *state, "only accounts in this state: member, renewal_due, grace, lapsed, honorary or none");
    list->callback([&g, &run, state] {
        run = [&g, state] {
            std::optional<domain::MembershipState> only;
            if (!state->empty()) {
                only = domain::parse_membership_state(*state);
                if (!only) {
                    std::cerr << "chatiere: unknown state \"" << *state
                              << "\": member, renewal_due, grace, lapsed, honorary or none\n";
                    return 1;
                }
            }
            Config cfg = load_config(g);
            auto app = open_app(cfg, Missing::Refuse);
            auto db = app->db->acquire();
            auto zone = app->time_zone();
            actions::Context c{*db, app->now(), app->config, app->catalog, *zone, actions::Actor{std::nullopt, "cli"}};
            for (const auto& line : actions::membership_register(c, only)) {
                const auto& until = line.member_until;
                std::cout << line.name << '\t' << domain::to_string(line.state) << '\t'
                          << (until.empty() ? "-" : until) << '\n';
            }
            return 0;
        };
    });

    auto* recompute = member->add_subcommand(
        "recompute", "Recompute every member's stored membership dates from the fees (done by the portal after each "
                     "change; for a database edited by hand)");
    recompute->callback([&g, &run] {
        run = [&g] {
            Config cfg = load_config(g);
            auto app = open_app(cfg, Missing::Refuse);
            auto db = app->db->acquire();
            auto zone = app->time_zone();
            actions::Context c{*db, app->now(), app->config, app->catalog, *zone, actions::Actor{std::nullopt, "cli"}};
            auto n = actions::recompute_all_standings(c, [](int64_t done, int64_t total) {
                std::cerr << "\r" << done << " / " << total << std::flush;
            });
            if (n > 0) std::cerr << '\n';
            std::cout << n << " members recomputed\n";
            return 0;
        };
    });
}

}  // namespace chatiere::cli
