// The chatiere command line: one binary for serving the portal and for the admin's tasks.
#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <thread>

#include "app.h"
#include "cli/common.h"
#include "config.h"
#include "db/migrations.h"
#include "demo/demo.h"
#include "http/server.h"
#include "jobs.h"
#include "oidc/provider.h"
#include "ops/backup.h"
#include "chatonsinfos/metrics.h"
#include "chatonsinfos/signing.h"
#include "text/number.h"
#include "version.h"

using namespace chatiere;

namespace {

using cli::Globals;
using cli::load_config;

int cmd_init(const Globals& g, bool demo) {
    Config cfg = load_config(g);
    bool existed = std::filesystem::exists(cfg.db);
    auto app = cli::open_app(cfg, cli::Missing::Create);
    std::cout << (existed ? "database " + cfg.db + " is up to date\n" : "created database " + cfg.db + "\n");
    {
        auto lease = app->db->acquire();
        chatonsinfos::ensure_signing_key(*lease, app->now());  // signs the published profile (issue 6)
        if (oidc::ensure_keys(*lease, app->now())) std::cout << "made the OpenID Connect signing keys\n";
    }
    if (demo) {
        auto lease = app->db->acquire();
        if (demo::seed_demo(*lease, *app->time_zone(), app->now()))
            std::cout << "filled it with the demo hoster \"Le Chaton des Collines\"\n";
        else
            std::cout << "it already holds services: demo data not added\n";
    }
    return 0;
}

int cmd_migrate(const Globals& g) {
    Config cfg = load_config(g);
    cli::prepare_database(cfg, cli::Missing::Refuse);
    db::Database db(cfg.db);
    auto migrations = db::embedded_migrations();
    int before = db.user_version();
    int applied = db::migrate(db, migrations, [](const db::Migration& m) { std::cout << "applying " << m.name << "\n"; });
    if (oidc::ensure_keys(db, static_cast<int64_t>(std::time(nullptr))))
        std::cout << "made the OpenID Connect signing keys\n";
    std::cout << (applied ? "migrated " + cfg.db + " from version " + std::to_string(before) + " to " +
                                std::to_string(db.user_version())
                          : cfg.db + " is already at the latest version (" + std::to_string(before) + ")")
              << "\n";
    return 0;
}

int cmd_backup(const Globals& g, const std::string& destination) {
    Config cfg = load_config(g);
    cli::prepare_database(cfg, cli::Missing::Refuse);
    try {
        auto r = ops::backup_database(cfg.db, destination);
        std::cout << "backed up " << cfg.db << " to " << destination << " (" << r.bytes / 1024 << " KiB, "
                  << r.ledger_entries << " ledger entries verified) in " << std::fixed << std::setprecision(2)
                  << r.total_seconds << " s (copy " << r.copy_seconds << " s, checks " << r.verify_seconds
                  << " s)\n";
    } catch (const ops::BackupError& e) {
        std::cerr << "chatiere: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

int cmd_serve(const Globals& g) {
    // Stop cleanly on SIGTERM (systemd) and SIGINT (Ctrl-C): a dedicated thread waits for them.
    // They are blocked first, so that every thread started from here on (the log flusher, the
    // request threads) inherits the mask and none of them takes the default action instead.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    Config cfg = load_config(g);
    auto app = cli::open_app(cfg, cli::Missing::Create);
    {
        auto lease = app->db->acquire();
        oidc::ensure_keys(*lease, app->now());
    }
    http::Server server(*app, http::route_table());
    server.bind(cfg.listen_host, cfg.listen_port);

    std::thread waiter([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        spdlog::info("received {}, stopping", sig == SIGTERM ? "SIGTERM" : "SIGINT");
        server.stop();
    });
    waiter.detach();
    signal(SIGPIPE, SIG_IGN);
    // Under a file-size limit (prlimit, systemd LimitFSIZE=) a write past it must fail with
    // EFBIG, answered as "cannot save right now", instead of killing the portal.
    signal(SIGXFSZ, SIG_IGN);
    // Request bodies of a few MiB are read by many threads: with a fixed mmap threshold they
    // are given back to the system when freed, instead of staying in glibc's per-thread
    // arenas (100 oversized uploads left ~120 MiB resident otherwise).
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
    // Each open connection holds a descriptor: allow as many as the hard limit permits
    // (cpp-httplib uses poll(), so descriptors above 1024 are fine).
    if (rlimit files{}; getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = std::min<rlim_t>(files.rlim_max, 1 << 20);
        setrlimit(RLIMIT_NOFILE, &files);
    }

    spdlog::info("chatiere {} serving {} on {}:{} (database {})", CHATIERE_VERSION, cfg.base_url, cfg.listen_host,
                 server.port(), cfg.db);
    std::atomic<bool> stopping{false};
    std::thread jobs([&] { run_background_jobs(*app, stopping); });
    server.run();
    stopping = true;
    jobs.join();
    // The last minute's request counts.
    try {
        auto db = app->db->acquire();
        chatonsinfos::flush_metrics(*db, *app->time_zone(), app->now(), app->hits);
    } catch (const std::exception& e) {
        spdlog::warn("could not save the request counters: {}", e.what());
    }
    spdlog::info("stopped");
    return 0;
}

int cmd_config(const Globals& g) {
    Config cfg = load_config(g);
    std::cout << "# effective configuration (defaults, file, CHATIERE_* variables, flags)\n";
    for (const auto& o : options()) {
        std::string value = o.get(cfg);
        if (o.key == "metrics_token" && !value.empty()) value = "(set, not shown)";
        bool numeric = text::all_digits(value);
        bool boolean = value == "true" || value == "false";
        std::cout << o.key << " = " << (numeric || boolean ? value : "\"" + value + "\"") << "\n";
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    spdlog::set_default_logger(spdlog::stderr_color_mt("chatiere"));
    spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");

    CLI::App cli{"Chatière: the portal of a small ethical hoster (homepage, members' space, status page, "
                 "open books, ChatonsInfos profile), as one binary on one SQLite file."};
    cli.set_version_flag("--version", std::string("chatiere ") + CHATIERE_VERSION);
    cli.require_subcommand(1);
    cli.fallthrough();

    Globals g;
    cli::add_global_options(cli, g);
    cli.footer(
        "Every option can also be set in the --config file or as an environment variable CHATIERE_<KEY> "
        "(CHATIERE_<KEY>_FILE reads the value from a file). Run 'chatiere config' to see them all.");

    bool demo = false;
    auto* init = cli.add_subcommand("init", "Create the database, or bring it up to date");
    init->add_flag("--demo", demo, "also fill it with a fictional hoster to look around");
    auto* migrate = cli.add_subcommand("migrate", "Apply the database migrations this release brings");
    auto* serve = cli.add_subcommand("serve", "Serve the portal (applies pending migrations first)");
    std::string backup_file;
    auto* backup = cli.add_subcommand("backup", "Copy the database to FILE, safely while the portal serves");
    backup->add_option("FILE", backup_file, "where to write the copy (must not exist yet)")->required();
    auto* config = cli.add_subcommand("config", "Print the effective configuration, every key with its value");
    // Commands of each area (portal/cli/*.cpp) set `area_action` when chosen.
    cli::Action area_action;
    cli::add_user_commands(cli, g, area_action);
    cli::add_ledger_commands(cli, g, area_action);
    cli::add_profile_commands(cli, g, area_action);
    cli::add_seed_commands(cli, g, area_action);
    cli::add_oidc_commands(cli, g, area_action);
    cli::add_incident_commands(cli, g, area_action);
    cli::add_member_commands(cli, g, area_action);
    // Every command's --help shows the global options, and they may follow the command's name.
    std::function<void(CLI::App&)> add_everywhere = [&](CLI::App& app) {
        for (auto* sub : app.get_subcommands({})) {
            cli::add_global_options(*sub, g);
            add_everywhere(*sub);
        }
    };
    add_everywhere(cli);

    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return cli.exit(e);
    }

    try {
        if (*init) return cmd_init(g, demo);
        if (*migrate) return cmd_migrate(g);
        if (*serve) return cmd_serve(g);
        if (*backup) return cmd_backup(g, backup_file);
        if (*config) return cmd_config(g);
        if (area_action) return area_action();
    } catch (const ConfigError& e) {
        std::cerr << "chatiere: configuration: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "chatiere: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
