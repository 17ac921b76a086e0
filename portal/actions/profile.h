// Publishing the ChatonsInfos profile: where the directory is told of each change.
#pragma once
#include <string>

#include "actions/context.h"

namespace chatiere::actions {

// Sets the directory's address to notify when the profile changes ("" turns it off) and has
// the current profile pushed there once; audited. Returns "" when done, else
// "profile.form.bad_url" (nothing written).
std::string set_profile_push_url(const Context& c, std::string url);

}  // namespace chatiere::actions
