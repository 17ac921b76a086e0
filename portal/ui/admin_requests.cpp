// /admin/requests: the queue of requests for accounts (waiting first, a page at a time, by
// state), one request with its messages, and the answers: approve with the member's identifier
// on the service (attaching them), refuse with a reason, ask a question (issue 18). Each admin
// also chooses here how to hear about new requests.
#include "actions/requests.h"
#include "app.h"
#include "http/action_context.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "text/number.h"
#include "ui/handlers.h"
#include "ui/requests_common.h"

namespace chatiere::ui {

namespace {

constexpr int kPageSize = 50;
const char* const kStates[] = {"pending", "question", "approved", "refused", "cancelled"};

std::optional<std::string> state_filter(const http::Ctx& ctx) {
    std::string s = ctx.query.get("state");
    for (const char* known : kStates)
        if (s == known) return s;
    return std::nullopt;
}

http::View queue_row(http::Ctx& ctx, const store::ServiceRequest& r) {
    http::View item;
    item.set("id", std::to_string(r.id));
    item.set("member", r.member_name);
    item.set("member_id", std::to_string(r.member_id));
    item.set("service", r.service_name);
    item.set("created", ctx.format_date(r.created_at));
    item.set("created_iso", i18n::iso_utc(r.created_at));
    item.set("state", request_state_label(ctx, r.state, true));
    item.set("state_class", request_state_class(r.state));
    item.set("open", store::request_is_open(r.state));
    return item;
}

http::View filter_options(http::Ctx& ctx, const std::optional<std::string>& state) {
    http::View options{http::View::type::list};
    http::View all;
    all.set("value", std::string());
    all.set("label", ctx.t("requests.admin_filter_all"));
    all.set("selected", !state);
    options.push_back(all);
    for (const char* s : kStates) {
        http::View o;
        o.set("value", std::string(s));
        o.set("label", request_state_label(ctx, s, true));
        o.set("selected", state && *state == s);
        options.push_back(o);
    }
    return options;
}

struct Typed {
    std::string form, error, text;  // form: approve | refuse | question
};

void show_request(http::Ctx& ctx, int64_t id, const Typed& typed, int status) {
    auto r = store::find_request(ctx.db(), id);
    if (!r) throw http::HttpError(404, "requests.not_found");
    http::View v;
    v.set("id", std::to_string(r->id));
    v.set("member", r->member_name);
    v.set("member_id", std::to_string(r->member_id));
    v.set("service", r->service_name);
    v.set("state", request_state_label(ctx, r->state, true));
    v.set("state_class", request_state_class(r->state));
    v.set("created", ctx.format_datetime(r->created_at));
    v.set("created_iso", i18n::iso_utc(r->created_at));
    v.set("terms_accepted", r->terms_accepted);
    v.set("automatic", r->automatic);
    if (r->state == "approved") v.set("identifier", r->identifier);
    auto notes = request_notes_view(ctx, store::request_notes(ctx.db(), r->id), true);
    v.set("has_notes", !notes.is_empty_list());
    v.set("notes", notes);
    v.set("open", store::request_is_open(r->state));
    // The log-in name is the usual identifier; the admin types another when it differs.
    v.set("identifier_value", typed.form == "approve" ? typed.text : r->member_name);
    if (typed.form == "refuse") v.set("reason_value", typed.text);
    if (typed.form == "question") v.set("question_value", typed.text);
    if (!typed.error.empty()) {
        v.set("error", ctx.t(typed.error));
        v.set("error_" + typed.form, true);
    }
    if (auto done = ctx.query.get("done"); done == "approve" || done == "refuse" || done == "question")
        v.set("notice", ctx.t("requests.admin_done_" + done));
    std::string title = ctx.t("requests.admin_request_title",
                              {{"id", std::to_string(r->id)}, {"member", r->member_name}, {"service", r->service_name}});
    v.set("title", title);
    http::render_page(ctx, "admin_request", std::move(v), title, status);
}

int status_of(const std::string& error) {
    if (error == "requests.not_found") return 404;
    if (error == "requests.decided") return 409;
    return 422;
}

// Runs one of the admin's answers and shows the request again (with the error) or redirects.
void answer(http::Ctx& ctx, const std::string& form, const std::string& field,
            std::string (*act)(const actions::Context&, int64_t, const std::string&)) {
    int64_t id = ctx.id_param("id", "requests.not_found");
    auto c = http::action_context(ctx, http::member_actor(ctx));
    std::string text = ctx.form.get(field);
    auto error = act(c, id, text);
    if (error == "requests.not_found") throw http::HttpError(404, error);
    if (!error.empty()) {
        show_request(ctx, id, {form, error, text}, status_of(error));
        return;
    }
    http::redirect(ctx, "/admin/requests/" + std::to_string(id) + "?done=" + form);
}

}  // namespace

void admin_requests(http::Ctx& ctx) {
    auto state = state_filter(ctx);
    // Where the previous page ended: a request id with a state, else the queue's key (below
    // zero for waiting requests).
    int64_t after = 0;
    std::string after_text = ctx.query.get("after");
    bool negative = !state && after_text.rfind('-', 0) == 0;
    if (auto a = text::parse_decimal(negative ? after_text.substr(1) : after_text, 18)) after = negative ? -*a : *a;
    auto rows = store::request_queue(ctx.db(), state, after, kPageSize + 1);
    bool more = rows.size() > static_cast<size_t>(kPageSize);
    if (more) rows.pop_back();
    http::View v;
    http::View list{http::View::type::list};
    for (const auto& r : rows) list.push_back(queue_row(ctx, r));
    v.set("requests", list);
    v.set("has_requests", !list.is_empty_list());
    v.set("options", filter_options(ctx, state));
    if (more) {
        std::string next = state ? "?state=" + *state + "&after=" + std::to_string(rows.back().id)
                                 : "?after=" + std::to_string(rows.back().queue_key);
        v.set("next", next);
    }
    v.set("pending_requests", std::to_string(store::count_requests(ctx.db(), "pending")));
    bool digest = store::request_notify_of(ctx.db(), ctx.user->id) == "digest";
    v.set("notify_each", !digest);
    v.set("notify_digest", digest);
    if (ctx.query.get("done") == "notify") v.set("notice", ctx.t("requests.admin_done_notify"));
    http::render_page(ctx, "admin_requests", std::move(v), ctx.t("requests.admin_title"));
}

void admin_request(http::Ctx& ctx) { show_request(ctx, ctx.id_param("id", "requests.not_found"), {}, 200); }

void admin_request_approve(http::Ctx& ctx) { answer(ctx, "approve", "identifier", actions::approve_request); }

void admin_request_refuse(http::Ctx& ctx) { answer(ctx, "refuse", "reason", actions::refuse_request); }

void admin_request_question(http::Ctx& ctx) { answer(ctx, "question", "question", actions::ask_about_request); }

void admin_requests_notify(http::Ctx& ctx) {
    auto c = http::action_context(ctx, http::member_actor(ctx));
    if (auto error = actions::set_request_notify(c, ctx.user->id, ctx.form.get("notify")); !error.empty())
        throw http::HttpError(422, error);
    http::redirect(ctx, "/admin/requests?done=notify");
}

}  // namespace chatiere::ui
