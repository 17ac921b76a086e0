#pragma once
#include "db/database.h"

namespace chatiere::testing {

// `n` active accounts "member0"… with stored membership dates, for the timing cases: one in
// ten never paid (no dates), one in 97 honorary, the others' last day spread over 800 days
// from 2025-01-01, so that every state has thousands of rows on any day of 2025–2027.
void insert_members_with_dates(db::Database& db, int n);

}  // namespace chatiere::testing
