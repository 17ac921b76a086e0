#pragma once
// Bulk SQL for `chatiere seed`.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"
#include "ledger/entry.h"

// Bulk writes for `chatiere seed`, which fills a database with fictional data at a chosen
// scale (benchmarks, trying the portal at the size of a large hoster). The caller holds one
// transaction per batch; the row-by-row functions of the other stores are used where they
// exist, these cover what they do not do quickly.
namespace chatiere::store {

// Members who look like real people: not admins, and with an e-mail address outside the
// reserved example domains (RFC 2606: *.example, example.org/com/net). Fictional data is only added to a
// database where this is 0, so a real hoster's database is never filled by mistake.
int64_t count_real_members(db::Database& db);
// Members a previous seed made (e-mail under seed.example), so that a second run numbers on.
int64_t count_seeded_members(db::Database& db);
// Services a previous seed made (website under seed.example).
int64_t count_seeded_services(db::Database& db);

// Appends entries to the contribution log in order, chaining them after the current head:
// fills each entry's id, prev_hash and hash (as record_entry does) and inserts it. The
// entries must already be valid (ledger::validate); a correcting entry's reverses_id must
// name an uncorrected entry with the same public fields. The caller holds the transaction.
void append_entries(db::Database& db, std::vector<ledger::Entry>& entries);

// Fresh statistics for the query planner after a bulk load, as a long-lived database has.
void refresh_planner_statistics(db::Database& db);

}  // namespace chatiere::store
