#pragma once
// Log-in sessions: cookie, lookup, creation and end.
#include <optional>

#include "http/context.h"
#include "store/members.h"
#include "store/sessions.h"

namespace chatiere::auth {

// Reads the session cookie and, for a live session of an active member, fills ctx.user and
// ctx.csrf_token. An idle, expired or orphaned session is deleted and its cookie cleared.
void load_session(http::Ctx& ctx);

// After a good password: a new random session id (never reuse one from before log-in), its
// hash stored, the cookie set. With `second_factor_pending`, the session only allows the
// second-factor step.
void start_session(http::Ctx& ctx, const store::Member& member, bool remember, bool second_factor_pending);

// The session that waits for its second factor, if the cookie holds one.
std::optional<store::SessionWithMember> pending_second_factor(http::Ctx& ctx);

// Ends the current session on the server and clears the cookie.
void end_session(http::Ctx& ctx);

}  // namespace chatiere::auth
