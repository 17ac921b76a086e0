// chatiere ledger …: the contribution log from the command line.
#include "cli/common.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "actions/ledger.h"
#include "app.h"
#include "db/migrations.h"
#include "i18n/format.h"
#include "ledger/csv.h"
#include "store/audit.h"
#include "store/ledger.h"

namespace chatiere::cli {

namespace {

struct Options {
    std::string kind, amount, currency, date, member, public_name, note, category, file;
    int64_t corrects = 0;
    bool confirm = false, publish = false;
};

std::unique_ptr<db::Database> open_db(const Config& cfg) {
    prepare_database(cfg, Missing::Refuse);
    auto db = std::make_unique<db::Database>(cfg.db);
    db::migrate(*db, db::embedded_migrations());
    return db;
}

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

std::string show(const ledger::Entry& e) {
    return "#" + std::to_string(e.id) + " " + e.date + " " + e.kind + " " + ledger::amount_text(e.amount) + " " +
           e.currency + (e.category.empty() ? "" : " [" + e.category + "]") +
           (e.public_name ? " \"" + *e.public_name + "\"" : "");
}

int cmd_add(const Config& cfg, const Options& o) {
    auto db = open_db(cfg);
    int64_t t = now();
    if (o.corrects > 0) {
        try {
            auto e = store::reverse_entry(*db, o.corrects, o.note, t, "cli");
            store::audit(*db, t, std::nullopt, "cli", "ledger.correct", "ledger:" + std::to_string(o.corrects),
                         "entry " + std::to_string(e.id));
            std::cout << "recorded correction " << show(e) << " of entry #" << o.corrects << "\nhash " << e.hash << "\n";
            return 0;
        } catch (const store::LedgerError& e) {
            std::cerr << "chatiere: cannot correct entry #" << o.corrects << ": " << ledger::describe_error(e.code) << "\n";
            return 1;
        }
    }
    actions::RecordInput in;
    ledger::Draft& d = in.draft;
    d.kind = o.kind;
    d.date = o.date.empty() ? i18n::iso_date_local(*load_time_zone(cfg.timezone), t) : o.date;
    d.currency = o.currency.empty() ? (o.kind == "volunteer_time" ? "HOUR" : "EUR") : o.currency;
    auto amount = ledger::parse_amount(o.amount);
    if (!amount || *amount == 0) {
        std::cerr << "chatiere: --amount \"" << o.amount << "\": " << ledger::describe_error("amount") << "\n";
        return 1;
    }
    d.amount = *amount;
    if (!o.public_name.empty()) d.public_name = o.public_name;
    d.private_note = o.note;
    d.category = o.category;
    in.member = o.member;
    i18n::Catalog no_mail;  // recording an entry mails no one
    auto zone = load_time_zone(cfg.timezone);
    auto recorded = actions::record_entry({*db, t, cfg, no_mail, *zone, {std::nullopt, "cli"}}, std::move(in));
    if (!recorded.entry) {
        for (const auto& [field, code] : recorded.errors)
            std::cerr << "chatiere: " << (field == "member" ? "--member \"" + o.member + "\": " : "")
                      << ledger::describe_error(code) << "\n";
        return 1;
    }
    std::cout << "recorded " << show(*recorded.entry) << "\nhash " << recorded.entry->hash << "\n";
    return 0;
}

int cmd_verify(const Config& cfg) {
    prepare_database(cfg, Missing::Refuse);
    auto db = db::open_read_only(cfg.db);  // a check never changes what it checks
    auto v = actions::verify_ledger(*db);
    if (v.broken) {
        std::cout << "BROKEN at entry #" << v.broken->id << ": "
                  << (v.broken->reason == ledger::BreakReason::Hash
                          ? "its content no longer matches its hash (it was changed)"
                          : "it does not follow the entry before it (an earlier entry was changed or removed)")
                  << "\n";
        return 1;
    }
    if (v.lost_head) {
        std::cout << "BROKEN: the head published for entry #" << v.lost_head->entry_id
                  << " is no longer in the log (entries were removed or rewritten)\n";
        return 1;
    }
    std::cout << "ok: " << v.checked << " entries, the chain is intact\nhead " << v.head << "\n";
    return 0;
}

int cmd_head(const Config& cfg, bool publish) {
    auto db = open_db(cfg);
    auto last = store::last_entry(*db);
    if (!last) {
        std::cout << "the log is empty\n";
        return 0;
    }
    if (publish) {
        auto p = store::publish_head(*db, now(), "cli");
        store::audit(*db, now(), std::nullopt, "cli", "ledger.publish_head", "ledger:" + std::to_string(p->entry_id),
                     p->hash);
    }
    std::cout << last->id << " " << last->hash << "\n";
    return 0;
}

int cmd_import(const Config& cfg, const Options& o) {
    std::ifstream in(o.file, std::ios::binary);
    if (!in) {
        std::cerr << "chatiere: cannot read " << o.file << "\n";
        return 1;
    }
    std::stringstream buf;
    buf << in.rdbuf();
    auto db = open_db(cfg);
    auto parsed = ledger::parse_import(buf.str());
    std::vector<const ledger::Draft*> to_add;
    int rejected = 0, already = 0;
    for (const auto& line : parsed.lines) {
        if (!line.draft) {
            ++rejected;
            std::cout << "line " << line.line << ": rejected, " << ledger::describe_reason(line.reason) << ": "
                      << line.text << "\n";
        } else if (store::import_key_exists(*db, *line.draft->import_key)) {
            ++already;
        } else {
            to_add.push_back(&*line.draft);
        }
    }
    std::cout << o.file << " (" << parsed.format << " format): " << to_add.size() << " entries to add, " << already
              << " already imported, " << rejected << " rejected\n";
    if (!o.confirm) {
        if (!to_add.empty()) std::cout << "nothing written: run again with --confirm to add them\n";
        return rejected ? 1 : 0;
    }
    int64_t t = now();
    db::Transaction tx(*db);
    size_t done = 0;
    for (const auto* d : to_add) {
        store::record_entry(*db, *d, t, "cli import");
        if (++done % 1000 == 0 || done == to_add.size())
            std::cerr << "\rimporting: " << done << "/" << to_add.size() << std::flush;
    }
    if (!to_add.empty()) std::cerr << "\n";
    store::audit(*db, t, std::nullopt, "cli", "ledger.import", std::filesystem::path(o.file).filename().string(),
                 std::to_string(to_add.size()) + " added, " + std::to_string(already) + " already imported, " +
                     std::to_string(rejected) + " rejected");
    tx.commit();
    std::cout << "added " << to_add.size() << " entries\n";
    return 0;
}

}  // namespace

void add_ledger_commands(CLI::App& cli, Globals& g, Action& run) {
    auto o = std::make_shared<Options>();
    auto* ledger = cli.add_subcommand("ledger", "The contribution log (open books): add, verify, head, import");
    ledger->require_subcommand(1);
    auto* add = ledger->add_subcommand("add", "Record an entry (or, with --corrects, the correction of one)");
    add->add_option("--kind", o->kind, "donation, membership_fee, grant, in_kind, volunteer_time or expense");
    add->add_option("--amount", o->amount, "amount like 25.00 (hours for volunteer time: 2.5)");
    add->add_option("--currency", o->currency, "ISO 4217 code (default EUR; HOUR for volunteer time)");
    add->add_option("--date", o->date, "day of the entry, YYYY-MM-DD (default today)");
    add->add_option("--member", o->member, "log-in name of the member it comes from (kept private)");
    add->add_option("--public-name", o->public_name, "name shown publicly, only if the contributor agreed");
    add->add_option("--note", o->note, "private note for the admins");
    add->add_option("--category", o->category, "category of an expense: servers, domains, electricity…");
    add->add_option("--corrects", o->corrects, "record the correction of entry ID instead (opposite amount)");
    auto* verify = ledger->add_subcommand("verify", "Check the whole hash chain and the published head, without changing the database (opened read-only, not migrated); exit 1 naming the first broken entry");
    auto* head = ledger->add_subcommand("head", "Print the chain head (id and hash) to publish");
    head->add_flag("--publish", o->publish, "also record it as published (shown on the public page)");
    auto* import = ledger->add_subcommand("import", "Import a CSV file (plain or HelloAsso); shows what it would add");
    import->add_option("FILE", o->file, "the CSV file")->required()->check(CLI::ExistingFile);
    import->add_flag("--confirm", o->confirm, "write the entries (without it nothing is written)");

    auto run_with = [&g, &run, o](auto command) {
        return [&g, &run, o, command] {
            run = [&g, o, command] {
                Config cfg = load_config(g);
                return command(cfg, *o);
            };
        };
    };
    add->callback(run_with([](const Config& cfg, const Options& opts) {
        if (opts.corrects <= 0 && (opts.kind.empty() || opts.amount.empty())) {
            std::cerr << "chatiere: ledger add needs --kind and --amount (or --corrects ID)\n";
            return 1;
        }
        return cmd_add(cfg, opts);
    }));
    verify->callback(run_with([](const Config& cfg, const Options&) { return cmd_verify(cfg); }));
    head->callback(run_with([](const Config& cfg, const Options& opts) { return cmd_head(cfg, opts.publish); }));
    import->callback(run_with([](const Config& cfg, const Options& opts) { return cmd_import(cfg, opts); }));
}

}  // namespace chatiere::cli
