#pragma once
// The membership block of the admin's page of one member (issue 18).
#include <cstdint>

#include "http/context.h"
#include "http/views.h"

namespace chatiere::ui {

// Sets "membership" (state, member-until date, honorary toggle) on `v`; nothing when
// membership is off.
void add_member_membership_view(http::Ctx& ctx, http::View& v, int64_t member_id);

}  // namespace chatiere::ui
