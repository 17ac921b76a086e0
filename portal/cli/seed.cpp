// chatiere seed: fills a database with fictional members, services, incidents and
// contributions at a chosen scale, to measure the portal at the size of a large hoster.
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <memory>

#include "app.h"
#include "auth/password.h"
#include "cli/common.h"
#include "db/migrations.h"
#include "demo/demo.h"
#include "i18n/format.h"
#include "store/members.h"
#include "store/seed.h"

namespace chatiere::cli {

namespace {

struct Options {
    demo::ScaleOptions scale;
    bool force = false, password_stdin = false;
};

// "seed: members 45% (45000/100000)" on standard error whenever the percentage moves.
class Progress {
public:
    Progress(std::string phase, int64_t total)
        : phase_(std::move(phase)), total_(total), start_(std::chrono::steady_clock::now()) {
        show(0);
    }
    void show(int64_t done) {
        int percent = total_ ? static_cast<int>(done * 100 / total_) : 100;
        if (percent == last_) return;
        last_ = percent;
        std::cerr << "\rseed: " << phase_ << " " << percent << "% (" << done << "/" << total_ << ")" << std::flush;
    }
    void finish() {
        show(total_);
        double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
        std::cerr << " in " << static_cast<int64_t>(s * 1000) << " ms\n";
    }

private:
    std::string phase_;
    int64_t total_;
    int last_ = -1;
    std::chrono::steady_clock::time_point start_;
};

int cmd_seed(const Config& cfg, const Options& o) {
    const demo::ScaleOptions& n = o.scale;
    if (n.members < 0 || n.services < 0 || n.incidents < 0 || n.ledger < 0 || n.years < 1) {
        std::cerr << "chatiere: the counts must be 0 or more, --years at least 1\n";
        return 1;
    }
    std::string password_hash;
    if (o.password_stdin) {
        std::string password;
        std::getline(std::cin, password);
        if (!password.empty() && password.back() == '\r') password.pop_back();
        if (password.empty()) {
            std::cerr << "chatiere: --password-stdin: no password on standard input\n";
            return 1;
        }
        auth::HashGate gate;
        password_hash = auth::hash_password(gate, password);  // computed once, shared by every seeded member
    }
    // A large page cache: the unique indexes (e-mail, ledger hash) take rows in random order,
    // which a small cache turns into reading and writing the same pages again and again.
    prepare_database(cfg, Missing::Refuse);
    db::Database::Options options;
    options.cache_kib = 512 * 1024;
    db::Database db(cfg.db, options);
    db::migrate(db, db::embedded_migrations());
    if (int64_t real = store::count_real_members(db); real > 0 && !o.force) {
        std::cerr << "chatiere: " << cfg.db << " holds " << real
                  << " member(s) with a real-looking e-mail address: this looks like a hoster's real database, "
                     "so no fictional data was added (--force adds it anyway)\n";
        return 1;
    }
    auto started = std::chrono::steady_clock::now();
    int64_t now = static_cast<int64_t>(std::time(nullptr));
    std::unique_ptr<Progress> shown;
    demo::seed_at_scale(db, *load_time_zone(cfg.timezone), n, now, password_hash, [&](std::string_view phase, int64_t done, int64_t total) {
        if (!shown || done == 0) shown = std::make_unique<Progress>(std::string(phase), total);
        shown->show(done);
        if (done == total) shown->finish();
    });
    store::refresh_planner_statistics(db);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "seeded " << cfg.db << ": " << n.services << " services, " << n.members << " members, " << n.incidents
              << " incidents, " << n.ledger << " ledger entries in " << std::fixed << std::setprecision(1) << seconds
              << " s\n";
    return 0;
}

}  // namespace

void add_seed_commands(CLI::App& cli, Globals& g, Action& run) {
    auto o = std::make_shared<Options>();
    auto* seed = cli.add_subcommand(
        "seed", "Fill the database with fictional members, services, incidents and contributions (benchmarks)");
    seed->add_option("--members", o->scale.members, "members to add, attached to 1-4 services each, most with membership fees")
        ->capture_default_str();
    seed->add_option("--services", o->scale.services, "services to add")->capture_default_str();
    seed->add_option("--incidents", o->scale.incidents,
                     "incidents and maintenance spread over the years, with their updates (2 open now, 2 to come)")
        ->capture_default_str();
    seed->add_option("--ledger", o->scale.ledger, "contribution log entries, chained like real ones (ledger verify passes)")
        ->capture_default_str();
    seed->add_option("--years", o->scale.years, "how far back the history goes")->capture_default_str();
    seed->add_flag("--password-stdin", o->password_stdin,
                   "read a password from standard input and give it to every added member (hashed once), so any "
                   "of them can log in");
    seed->add_flag("--force", o->force, "add the data even to a database that holds real-looking members");
    seed->footer(
        "The database must exist (chatiere init; init --demo gives the demo hoster to build on). Added members "
        "have e-mail addresses under seed.example and no password unless --password-stdin. A database that holds "
        "members other than admins with e-mail addresses outside the reserved example domains (*.example, "
        "example.org/com/net) is refused without --force: fictional data never lands in a real hoster's database "
        "by mistake. Running seed again adds more (names and slugs are numbered on). The same options give the "
        "same data. Members get membership fees over the last two years (within --ledger), so that every state of "
        "the register occurs (member, renewal due, grace, lapsed, honorary, none); some fees are below the minimum, "
        "which the seed sets to 5.00 EUR (membership.minimum_fee) when the hoster has set none. Service requests: 3 for "
        "every 100 members over the last year, mostly decided, a tenth waiting for an admin.");
    seed->callback([&g, &run, o] {
        run = [&g, o] {
            Config cfg = load_config(g);
            return cmd_seed(cfg, *o);
        };
    });
}

}  // namespace chatiere::cli
