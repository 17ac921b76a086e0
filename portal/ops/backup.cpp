#include "ops/backup.h"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "db/database.h"
#include "store/ledger.h"
#include "store/maintenance.h"

namespace chatiere::ops {

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void remove_with_companions(const std::string& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ec);
}

void sync_path(const std::string& path, bool directory) {
    int fd = ::open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0) throw BackupError("cannot open " + path + " to sync it");
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) throw BackupError("cannot sync " + path + " to disk");
}

}  // namespace

BackupReport backup_database(const std::string& source, const std::string& destination) {
    auto start = std::chrono::steady_clock::now();
    if (!std::filesystem::exists(source)) throw BackupError("no database at " + source);
    if (std::filesystem::exists(destination))
        throw BackupError(destination + " already exists; choose a new file name");
    std::string partial = destination + ".partial";
    remove_with_companions(partial);
    BackupReport report;
    report.destination = destination;
    try {
        {
            db::Database live(source);
            db::backup(live, partial);
        }
        report.copy_seconds = seconds_since(start);
        auto verify_start = std::chrono::steady_clock::now();
        {
            db::Database copy(partial);
            store::make_self_contained(copy);
            if (auto problems = store::integrity_problems(copy); !problems.empty())
                throw BackupError("the copy fails integrity_check: " + problems);
            if (auto broken = store::verify_chain(copy, &report.ledger_entries))
                throw BackupError("the copy's ledger chain breaks at entry " + std::to_string(broken->id) + " (" +
                                  std::string(ledger::to_string(broken->reason)) + ")");
        }
        report.verify_seconds = seconds_since(verify_start);
        sync_path(partial, false);
        if (std::filesystem::exists(destination))
            throw BackupError(destination + " appeared meanwhile; choose a new file name");
        std::filesystem::rename(partial, destination);
        auto dir = std::filesystem::absolute(destination).parent_path();
        sync_path(dir.string(), true);
    } catch (const BackupError&) {
        remove_with_companions(partial);
        throw;
    } catch (const std::exception& e) {
        remove_with_companions(partial);
        throw BackupError(std::string("backup failed: ") + e.what());
    }
    report.bytes = static_cast<int64_t>(std::filesystem::file_size(destination));
    report.total_seconds = seconds_since(start);
    return report;
}

}  // namespace chatiere::ops
