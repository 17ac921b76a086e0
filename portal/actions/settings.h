// Changing the hoster's settings: each changed value written and audited ("settings.change"),
// in one transaction; unchanged ones leave no trace.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "actions/context.h"

namespace chatiere::actions {

// (setting, value) pairs, already validated by the form that knows their types. Returns how
// many changed.
int change_settings(const Context& c, const std::vector<std::pair<std::string, std::string>>& values);

}  // namespace chatiere::actions
