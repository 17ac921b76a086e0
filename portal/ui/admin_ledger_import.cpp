// /admin/ledger/import: upload a CSV file → preview (what will be added, what is already
// there, each rejected line with its reason) → confirm. Nothing is written before the
// confirmation; the file travels back with the confirmation form, and import keys make a
// second import of the same file add nothing.
#include "app.h"
#include "http/errors.h"
#include "http/response.h"
#include "ledger/csv.h"
#include "store/audit.h"
#include "store/ledger.h"
#include "ui/contributions_common.h"
#include "ui/handlers.h"

namespace chatiere::ui {

namespace {

std::string uploaded_csv(http::Ctx& ctx) {
    if (ctx.req.has_file("file")) {
        const auto& f = ctx.req.get_file_value("file");
        if (!f.filename.empty()) return f.content;
    }
    return ctx.form.get("csv");
}

}  // namespace

void admin_ledger_import_form(http::Ctx& ctx) {
    http::render_page(ctx, "admin_ledger_import", http::View{}, ctx.t("ledger.import.title"));
}

void admin_ledger_import_preview(http::Ctx& ctx) {
    using namespace contributions;
    std::string csv = uploaded_csv(ctx);
    if (csv.empty()) {
        http::View v;
        v.set("error", ctx.t("ledger.error.no_file"));
        http::render_page(ctx, "admin_ledger_import", std::move(v), ctx.t("ledger.import.title"), 400);
        return;
    }
    if (!http::valid_utf8(csv)) throw http::HttpError(400, "ledger.import.not_utf8");
    auto parsed = ledger::parse_import(csv);
    http::View add{http::View::type::list}, already{http::View::type::list}, rejected{http::View::type::list};
    for (const auto& line : parsed.lines) {
        http::View item;
        item.set("line", std::to_string(line.line));
        item.set("text", line.text);
        if (!line.draft) {
            item.set("reason", ctx.t("ledger.import.reason." + line.reason));
            rejected.push_back(item);
            continue;
        }
        const auto& d = *line.draft;
        item.set("date", day(ctx, d.date));
        item.set("kind", kind_label(ctx, d.kind));
        item.set("amount", amount(ctx, d.amount, d.currency));
        item.set("who", d.kind == "expense" ? category_label(ctx, d.category) : d.public_name.value_or(ctx.t("ledger.anonymous")));
        item.set("note", d.private_note);
        if (store::import_key_exists(ctx.db(), *d.import_key)) already.push_back(item);
        else add.push_back(item);
    }
    http::View v;
    v.set("format", ctx.t("ledger.import.format_" + parsed.format));
    v.set("summary", ctx.t("ledger.import.summary", {{"add", std::to_string(add.list_value().size())},
                                                     {"already", std::to_string(already.list_value().size())},
                                                     {"rejected", std::to_string(rejected.list_value().size())}}));
    v.set("has_add", !add.is_empty_list());
    v.set("has_already", !already.is_empty_list());
    v.set("has_rejected", !rejected.is_empty_list());
    v.set("add", add);
    v.set("already", already);
    v.set("rejected", rejected);
    v.set("csv", csv);
    http::render_page(ctx, "admin_ledger_import_preview", std::move(v), ctx.t("ledger.import.preview_title"));
}

void admin_ledger_import_confirm(http::Ctx& ctx) {
    std::string csv = ctx.form.get("csv");
    if (csv.empty()) throw http::HttpError(400, "ledger.error.no_file");
    auto parsed = ledger::parse_import(csv);
    auto& db = ctx.db();
    std::string by = ctx.actor_name();
    int added = 0, already = 0, rejected = 0;
    {
        db::Transaction tx(db);
        for (const auto& line : parsed.lines) {
            if (!line.draft) {
                ++rejected;
                continue;
            }
            if (store::import_key_exists(db, *line.draft->import_key)) {
                ++already;
                continue;
            }
            store::record_entry(db, *line.draft, ctx.now(), by);
            ++added;
        }
        store::audit(db, ctx.now(), ctx.user->id, by, "ledger.import", "ledger",
                     parsed.format + ": " + std::to_string(added) + " added, " + std::to_string(already) +
                         " already imported, " + std::to_string(rejected) + " rejected");
        tx.commit();
    }
    http::redirect(ctx, "/admin/ledger?done=imported&count=" + std::to_string(added));
}

}  // namespace chatiere::ui
