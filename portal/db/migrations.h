#pragma once
// Applying the numbered schema migrations of sql/.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "db/database.h"

namespace chatiere::db {

struct Migration {
    int version;       // the NNN of sql/NNN_what.sql
    std::string name;  // the file name
    std::string sql;
};

// The migrations compiled into the binary, in order. Throws if the numbering has a gap or
// a duplicate (a build mistake).
std::vector<Migration> embedded_migrations();

// The newest schema version this binary knows.
int latest_version(const std::vector<Migration>& migrations);

// Applies every migration newer than the database's PRAGMA user_version, each in its own
// transaction (a failing one rolls back and stops the run, earlier ones stay). Refuses a
// database newer than the binary. Returns how many were applied.
int migrate(Database& db, const std::vector<Migration>& migrations,
            const std::function<void(const Migration&)>& on_apply = {});

// Opens the database read-only and without migrating it, for checks that must leave the file
// as it is (`chatiere ledger verify`), even in a folder the process may not write to. Throws,
// saying what to do, when its schema is older or newer than this binary's.
std::unique_ptr<Database> open_read_only(const std::string& path);

}  // namespace chatiere::db
