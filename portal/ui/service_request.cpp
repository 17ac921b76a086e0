// GET/POST /services/:slug/request: a member asks for an account on a service, with an
// optional message and the service's terms accepted (issue 18).
#include "actions/requests.h"
#include "app.h"
#include "http/action_context.h"
#include "http/errors.h"
#include "http/response.h"
#include "store/members.h"
#include "ui/handlers.h"

namespace chatiere::ui {

std::optional<store::Service> visible_service(http::Ctx& ctx, const std::string& slug);  // status_service.cpp

namespace {

store::Service requested_service(http::Ctx& ctx) {
    auto s = visible_service(ctx, ctx.param("slug"));
    if (!s) throw http::HttpError(404);
    return *s;
}

// The answer's status for each reason a member may not ask.
int status_of(const std::string& error) {
    if (error == "requests.not_open") return 403;
    if (error == "requests.terms_needed" || error == "requests.too_long") return 422;
    return 409;
}

void show(http::Ctx& ctx, const store::Service& s, const std::string& error, const std::string& message) {
    auto c = http::action_context(ctx, http::member_actor(ctx));
    http::View v;
    v.set("service", s.name);
    v.set("slug", s.slug);
    if (!s.legal_url.empty()) v.set("terms_url", s.legal_url);
    v.set("message", message);
    v.set("automatic", actions::request_would_be_automatic(c, ctx.user->id, s.id));
    if (!error.empty()) {
        v.set("error", ctx.t(error));
        v.set("error_terms", error == "requests.terms_needed");
        v.set("error_message", error == "requests.too_long");
        // Nothing to fill in when the service cannot be asked for at all.
        v.set("blocked", error != "requests.terms_needed" && error != "requests.too_long");
    }
    http::render_page(ctx, "service_request", std::move(v), ctx.t("requests.ask_title", {{"service", s.name}}),
                      error.empty() ? 200 : status_of(error));
}

}  // namespace

void service_request_form(http::Ctx& ctx) {
    auto s = requested_service(ctx);
    auto c = http::action_context(ctx, http::member_actor(ctx));
    show(ctx, s, actions::why_not_ask(c, ctx.user->id, s), "");
}

void service_request_submit(http::Ctx& ctx) {
    auto s = requested_service(ctx);
    auto m = store::find_member(ctx.db(), ctx.user->id);
    if (!m) throw http::HttpError(404);
    auto c = http::action_context(ctx, http::member_actor(ctx));
    std::string message = ctx.form.get("message");
    auto out = actions::ask_for_service(c, *m, s, message, ctx.form.get("accept_terms") == "1");
    if (!out.error.empty()) {
        show(ctx, s, out.error, message);
        return;
    }
    http::redirect(ctx, out.approved ? "/account/requests?done=approved" : "/account/requests?done=asked");
}

}  // namespace chatiere::ui
