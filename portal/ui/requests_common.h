#pragma once
// View helpers shared by the member's and the admin's pages about service requests (issue 18).
#include <string>
#include <vector>

#include "http/context.h"
#include "http/views.h"
#include "store/requests.h"

namespace chatiere::ui {

// The state's words for the reader ("requests.state.*" for the member, "requests.admin_state.*"
// for admins) and its badge class.
std::string request_state_label(const http::Ctx& ctx, const std::string& state, bool admin);
std::string request_state_class(const std::string& state);
// The conversation: each note with who wrote it, its kind, when, and its text as lines.
http::View request_notes_view(http::Ctx& ctx, const std::vector<store::RequestNote>& notes, bool admin);

}  // namespace chatiere::ui
