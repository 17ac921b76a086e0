#pragma once
// Whole-database checks and settings used by `chatiere backup` on its copy.
#include <string>

#include "db/database.h"

namespace chatiere::store {

// What PRAGMA integrity_check reports, "; "-joined (at most 500 characters); "" when ok.
std::string integrity_problems(db::Database& db);
// Leaves WAL mode (journal_mode DELETE): the file stands alone, without -wal/-shm beside it.
void make_self_contained(db::Database& db);

}  // namespace chatiere::store
