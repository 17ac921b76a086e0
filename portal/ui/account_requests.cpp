// /account/requests: the member's own requests for accounts, their state, what the admins
// asked or why they refused, and the answer to a question (issue 18). Another member's
// request is a page that does not exist.
#include "actions/requests.h"
#include "app.h"
#include "http/action_context.h"
#include "http/errors.h"
#include "http/response.h"
#include "i18n/format.h"
#include "ui/handlers.h"
#include "ui/requests_common.h"

namespace chatiere::ui {

namespace {

constexpr int kShown = 50;

struct Typed {
    int64_t request_id = 0;
    std::string error, text;
};

http::View request_view(http::Ctx& ctx, const store::ServiceRequest& r, const Typed& typed) {
    http::View item;
    item.set("id", std::to_string(r.id));
    item.set("service", r.service_name);
    item.set("state", request_state_label(ctx, r.state, false));
    item.set("state_class", request_state_class(r.state));
    item.set("created", ctx.format_date(r.created_at));
    item.set("created_iso", i18n::iso_utc(r.created_at));
    if (r.state == "approved") item.set("identifier", r.identifier);
    auto notes = request_notes_view(ctx, store::request_notes(ctx.db(), r.id), false);
    item.set("has_notes", !notes.is_empty_list());
    item.set("notes", notes);
    item.set("answerable", r.state == "question");
    item.set("cancellable", store::request_is_open(r.state));
    if (typed.request_id == r.id) {
        item.set("error", true);
        item.set("typed", typed.text);
    }
    return item;
}

void show(http::Ctx& ctx, std::optional<int64_t> one, const Typed& typed, int status) {
    http::View v;
    http::View list{http::View::type::list};
    if (one) {
        auto r = store::find_request(ctx.db(), *one);
        // Never someone else's: the same answer as a request that does not exist.
        if (!r || r->member_id != ctx.user->id) throw http::HttpError(404, "requests.not_found");
        list.push_back(request_view(ctx, *r, typed));
        v.set("single", true);
        v.set("heading", r->service_name);
    } else {
        for (const auto& r : store::member_requests(ctx.db(), ctx.user->id, kShown)) list.push_back(request_view(ctx, r, typed));
        v.set("heading", ctx.t("requests.mine_title"));
    }
    if (!typed.error.empty()) v.set("page_error", ctx.t(typed.error));
    v.set("has_requests", !list.is_empty_list());
    v.set("requests", list);
    if (auto done = ctx.query.get("done"); done == "asked" || done == "approved" || done == "replied" || done == "cancelled")
        v.set("notice", ctx.t("requests.done_" + done));
    http::render_page(ctx, "account_requests", std::move(v), ctx.t("requests.mine_title"), status);
}

}  // namespace

void account_requests(http::Ctx& ctx) { show(ctx, std::nullopt, {}, 200); }

void account_request(http::Ctx& ctx) { show(ctx, ctx.id_param("id", "requests.not_found"), {}, 200); }

void account_request_cancel(http::Ctx& ctx) {
    int64_t id = ctx.id_param("id", "requests.not_found");
    auto c = http::action_context(ctx, http::member_actor(ctx));
    auto error = actions::cancel_request(c, ctx.user->id, id);
    if (error == "requests.not_found") throw http::HttpError(404, error);
    if (!error.empty()) throw http::HttpError(409, error);
    http::redirect(ctx, "/account/requests/" + std::to_string(id) + "?done=cancelled");
}

void account_request_reply(http::Ctx& ctx) {
    int64_t id = ctx.id_param("id", "requests.not_found");
    auto c = http::action_context(ctx, http::member_actor(ctx));
    std::string text = ctx.form.get("message");
    auto error = actions::reply_to_request(c, ctx.user->id, id, text);
    if (error == "requests.not_found") throw http::HttpError(404, error);
    if (!error.empty()) {
        show(ctx, id, {id, error, text}, error == "requests.decided" || error == "requests.not_asked" ? 409 : 422);
        return;
    }
    http::redirect(ctx, "/account/requests/" + std::to_string(id) + "?done=replied");
}

}  // namespace chatiere::ui
