#pragma once

namespace chatiere::testing {

// Whether the timing budgets (a page in under 10 ms…) are checked: in the optimised build
// they are; the sanitizer build (Debug, instrumented, several times slower) reports its
// figures only.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kTimingBudgetsChecked = false;
#else
inline constexpr bool kTimingBudgetsChecked = true;
#endif

}  // namespace chatiere::testing
