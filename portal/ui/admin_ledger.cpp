// /admin/ledger: record entries, correct one (by its reversal), set the funding goal,
// publish the chain head, check the chain. Every action is audited.
#include <map>

#include "actions/ledger.h"
#include "app.h"
#include "http/action_context.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "store/audit.h"
#include "store/ledger.h"
#include "text/number.h"
#include "ui/contributions_common.h"
#include "ui/handlers.h"

namespace chatiere::ui {

namespace {

constexpr int kPageSize = 50;

void audit(http::Ctx& ctx, std::string_view action, std::string_view target, std::string_view details) {
    store::audit(ctx.db(), ctx.now(), ctx.user->id, ctx.actor_name(), action,
                 target, details);
}

std::string summary(const ledger::Entry& e) {
    return e.date + " " + e.kind + " " + ledger::amount_text(e.amount) + " " + e.currency +
           (e.category.empty() ? "" : " [" + e.category + "]");
}

http::View kind_options(const http::Ctx& ctx, const std::string& selected) {
    http::View list{http::View::type::list};
    for (auto k : ledger::kKinds) {
        http::View o;
        o.set("value", std::string(k));
        o.set("label", contributions::kind_label(ctx, k));
        o.set("selected", selected == k);
        list.push_back(o);
    }
    return list;
}

// The page, with `form` holding what was typed (kept after an error) and `errors`.
void render(http::Ctx& ctx, http::View form, http::View goal_form, int status) {
    using namespace contributions;
    auto& db = ctx.db();
    http::View v;
    std::string done = ctx.query.get("done");
    for (const char* d : {"recorded", "corrected", "goal", "published", "verified", "imported", "linked"})
        if (done == d) v.set(std::string("done_") + d, true);
    if (done == "imported")
        v.set("imported_text", ctx.t("ledger.admin.done_imported", {{"count", ctx.query.get("count")}}));
    if (auto broken = ctx.query.get("broken"); text::all_digits(broken))
        v.set("broken_text", ctx.t("ledger.admin.broken", {{"id", broken}}));
    if (auto lost = ctx.query.get("head_lost"); text::all_digits(lost))
        v.set("broken_text", ctx.t("actions.ledger.head_lost", {{"id", lost}}));
    if (done == "verified") v.set("verified_text", ctx.t("ledger.admin.verified", {{"count", ctx.query.get("count")}}));

    std::string kind = form.get("kind") && form.get("kind")->is_string() ? form.get("kind")->string_value() : "donation";
    form.set("kinds", kind_options(ctx, kind));
    v.set("form", form);
    http::View periods{http::View::type::list};
    std::string period = goal_form.get("period") && goal_form.get("period")->is_string() ? goal_form.get("period")->string_value() : "monthly";
    for (const char* p : {"monthly", "yearly"}) {
        http::View o;
        o.set("value", std::string(p));
        o.set("label", ctx.t(std::string("ledger.admin.period_") + p));
        o.set("selected", period == p);
        periods.push_back(o);
    }
    goal_form.set("periods", periods);
    v.set("goal_form", goal_form);
    add_goal_view(ctx, v);

    int64_t before = 0;
    if (auto b = ctx.query.get("before"); !b.empty()) {
        auto n = text::parse_decimal(b, 18);
        if (!n) throw http::HttpError(400, "ledger.error.bad_page");
        before = *n;
    }
    auto entries = store::entries_page(db, before, kPageSize + 1, true);
    bool more = entries.size() > static_cast<size_t>(kPageSize);
    if (more) entries.pop_back();
    http::View list{http::View::type::list};
    for (const auto& e : entries) {
        http::View item = public_entry_view(ctx, e);
        item.set("member", e.member_name);
        item.set("note", e.private_note);
        item.set("public_name", e.public_name.value_or(""));
        item.set("can_correct", !e.reverses_id && !e.corrected_by);
        // An anonymous (imported) membership fee may be linked to a member (issue 18).
        item.set("can_link", e.kind == "membership_fee" && !e.member_id && !e.reverses_id && !e.corrected_by);
        list.push_back(item);
    }
    v.set("entries", list);
    v.set("has_entries", !entries.empty());
    if (more) v.set("older_url", ctx.url("/admin/ledger?before=" + std::to_string(entries.back().id)) + "#entries");
    if (before > 0) v.set("newest_url", ctx.url("/admin/ledger") + "#entries");
    if (auto head = store::last_entry(db)) {
        v.set("head_id", std::to_string(head->id));
        v.set("head_hash", head->hash);
    }
    if (auto pub = store::latest_published_head(db)) {
        v.set("published_hash", pub->hash);
        v.set("published_id", std::to_string(pub->entry_id));
        v.set("published_on", ctx.t("ledger.chain.published", {{"date", ctx.format_date(pub->published_at)}}));
    }
    http::render_page(ctx, "admin_ledger", std::move(v), ctx.t("ledger.admin.title"), status);
}

http::View default_form(const http::Ctx& ctx) {
    http::View f;
    f.set("date", contributions::today(ctx));
    f.set("currency", std::string("EUR"));
    return f;
}

http::View default_goal_form(http::Ctx& ctx) {
    http::View g;
    std::string today = contributions::today(ctx);
    g.set("valid_from", today.substr(0, 8) + "01");
    g.set("currency", std::string("EUR"));
    if (auto goal = store::current_goal(ctx.db(), today)) {
        g.set("amount", ledger::amount_text(goal->amount));
        g.set("currency", goal->currency);
        g.set("period", goal->period);
    }
    return g;
}

}  // namespace

void admin_ledger(http::Ctx& ctx) { render(ctx, default_form(ctx), default_goal_form(ctx), 200); }

void admin_ledger_record(http::Ctx& ctx) {
    http::View form;
    const char* fields[] = {"date", "kind", "amount", "currency", "member", "public_name", "category", "note"};
    for (const char* f : fields) form.set(f, ctx.form.get(f));
    actions::RecordInput in;
    ledger::Draft& d = in.draft;
    d.date = ctx.form.get("date");
    d.kind = ctx.form.get("kind");
    d.currency = ctx.form.get("currency");
    if (d.kind == "volunteer_time" && (d.currency.empty() || d.currency == "EUR")) d.currency = std::string(ledger::kHour);
    d.category = ctx.form.get("category");
    if (std::string name = ctx.form.get("public_name"); !name.empty()) d.public_name = name;
    d.private_note = ctx.form.get("note");
    d.amount = ledger::parse_written_amount(ctx.form.get("amount")).value_or(0);
    in.member = ctx.form.get("member");
    auto recorded = actions::record_entry(http::action_context(ctx, http::member_actor(ctx)), std::move(in));
    if (recorded.entry) {
        http::redirect(ctx, "/admin/ledger?done=recorded");
        return;
    }
    auto errors = recorded.errors;
    // Next to each field, and a summary linking to each, in the form's order.
    static const std::vector<std::pair<std::string, std::string>> order = {
        {"date", "entry-date"},         {"kind", "entry-kind"},     {"amount", "entry-amount"},
        {"currency", "entry-currency"}, {"member", "entry-member"}, {"public_name", "entry-public-name"},
        {"category", "entry-category"}, {"note", "entry-note"}};
    http::View list{http::View::type::list};
    for (const auto& [field, code] : errors) form.set("error_" + field, ctx.t("ledger.error." + code));
    for (const auto& [field, id] : order)
        if (auto e = errors.find(field); e != errors.end()) {
            http::View item;
            item.set("id", id);
            item.set("message", ctx.t("ledger.error." + e->second));
            list.push_back(item);
            errors.erase(e);
        }
    for (const auto& [field, code] : errors) {  // a refusal of the store that no field owns
        http::View item;
        item.set("id", "entry-date");
        item.set("message", ctx.t("ledger.error." + code));
        list.push_back(item);
    }
    form.set("errors", list);
    form.set("error", true);
    render(ctx, form, default_goal_form(ctx), 400);
}

void admin_ledger_correct(http::Ctx& ctx) {
    int64_t id = ctx.id_param();
    if (!store::find_entry(ctx.db(), id)) throw http::HttpError(404);
    try {
        auto e = store::reverse_entry(ctx.db(), id, ctx.form.get("note"), ctx.now(),
                                      ctx.actor_name());
        audit(ctx, "ledger.correct", "ledger:" + std::to_string(id), "entry " + std::to_string(e.id) + ": " + summary(e));
    } catch (const store::LedgerError& e) {
        throw http::HttpError(409, "ledger.error.reverses");
    }
    http::redirect(ctx, "/admin/ledger?done=corrected");
}

void admin_ledger_goal(http::Ctx& ctx) {
    http::View g;
    for (const char* f : {"period", "amount", "currency", "valid_from"}) g.set(f, ctx.form.get(f));
    store::FundingGoal goal;
    goal.period = ctx.form.get("period");
    goal.valid_from = ctx.form.get("valid_from");
    goal.currency = ctx.form.get("currency");
    for (auto& c : goal.currency) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    goal.created_by = ctx.actor_name();
    std::string error;
    std::string amount_text = ctx.form.get("amount");
    auto amount = amount_text == "0" ? std::optional<int64_t>(0) : ledger::parse_written_amount(amount_text);
    if (goal.period != "monthly" && goal.period != "yearly") error = "period";
    else if (!amount) error = "amount";
    else if (!ledger::is_iso_date(goal.valid_from)) error = "date";
    else if (goal.currency.size() != 3 || goal.currency.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos)
        error = "currency";
    if (!error.empty()) {
        g.set("error", ctx.t("ledger.error." + error));
        render(ctx, default_form(ctx), g, 400);
        return;
    }
    goal.amount = *amount;
    store::add_goal(ctx.db(), goal, ctx.now());
    audit(ctx, "ledger.goal", "funding_goal", goal.period + " " + ledger::amount_text(goal.amount) + " " + goal.currency +
                                                  " from " + goal.valid_from);
    http::redirect(ctx, "/admin/ledger?done=goal");
}

void admin_ledger_publish(http::Ctx& ctx) {
    auto p = store::publish_head(ctx.db(), ctx.now(), ctx.actor_name());
    if (p) audit(ctx, "ledger.publish_head", "ledger:" + std::to_string(p->entry_id), p->hash);
    http::redirect(ctx, "/admin/ledger?done=published");
}

void admin_ledger_verify(http::Ctx& ctx) {
    auto v = actions::verify_ledger(ctx.db());
    audit(ctx, "ledger.verify", "ledger",
          v.broken      ? "broken at entry " + std::to_string(v.broken->id)
          : v.lost_head ? "published head of entry " + std::to_string(v.lost_head->entry_id) + " lost"
                        : "ok, " + std::to_string(v.checked) + " entries");
    if (v.broken) http::redirect(ctx, "/admin/ledger?broken=" + std::to_string(v.broken->id));
    else if (v.lost_head) http::redirect(ctx, "/admin/ledger?head_lost=" + std::to_string(v.lost_head->entry_id));
    else http::redirect(ctx, "/admin/ledger?done=verified&count=" + std::to_string(v.checked));
}

}  // namespace chatiere::ui
