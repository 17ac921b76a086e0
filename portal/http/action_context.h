// What a handler hands to an action (actions/context.h): the request's database connection,
// the app's clock, configuration and catalogue, and who acts.
#pragma once
#include "actions/context.h"
#include "app.h"
#include "http/context.h"

namespace chatiere::http {

inline actions::Context action_context(Ctx& ctx, actions::Actor actor) {
    return {ctx.db(), ctx.now(), ctx.app.config, ctx.app.catalog, ctx.zone(), std::move(actor)};
}

// The logged-in member as the audit log names them: log-in name, else display name.
inline actions::Actor member_actor(const Ctx& ctx) {
    return {ctx.user->id, ctx.user->login.empty() ? ctx.user->name : ctx.user->login};
}

}  // namespace chatiere::http
