#pragma once
// `chatiere backup`: a copy of the live database that finishes whatever the portal writes
// meanwhile, and is only given its name once it is complete and checked.
#include <cstdint>
#include <stdexcept>
#include <string>

namespace chatiere::ops {

struct BackupReport {
    std::string destination;
    int64_t bytes = 0;
    int64_t ledger_entries = 0;  // checked in the copy's chain
    double copy_seconds = 0, verify_seconds = 0, total_seconds = 0;
};

struct BackupError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Copies `source` (path of the live database) to `destination`, which must not exist:
//   1. into "<destination>.partial" (a leftover of a killed run is removed first), in one
//      backup step under one read snapshot, so commits by the portal never restart it;
//   2. the copy is switched to a single self-contained file (journal_mode DELETE), then
//      checked: PRAGMA integrity_check and the whole ledger hash chain;
//   3. synced to disk and renamed to `destination` (and the directory synced).
// On any failure the partial file is removed and BackupError says why; `destination` is
// never left half-written.
BackupReport backup_database(const std::string& source, const std::string& destination);

}  // namespace chatiere::ops
