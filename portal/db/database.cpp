#include "db/database.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <thread>

namespace chatiere::db {

Statement::Statement(Database& db, sqlite3_stmt* stmt, std::string_view sql) : db_(db), stmt_(stmt), sql_(sql) {}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::check(int rc) {
    if (rc != SQLITE_OK) db_.fail(rc, sql_);
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

void Statement::bind_one(int i, int64_t v) { check(sqlite3_bind_int64(stmt_, i, v)); }
void Statement::bind_one(int i, double v) { check(sqlite3_bind_double(stmt_, i, v)); }
void Statement::bind_one(int i, std::string_view v) {
    // An empty view may have no data pointer, which SQLite would take for NULL: text is text.
    check(sqlite3_bind_text(stmt_, i, v.data() ? v.data() : "", static_cast<int>(v.size()), SQLITE_TRANSIENT));
}
void Statement::bind_one(int i, std::nullopt_t) { check(sqlite3_bind_null(stmt_, i)); }
void Statement::bind_one(int i, const std::vector<unsigned char>& blob) {
    check(sqlite3_bind_blob(stmt_, i, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT));
}

Statement& Statement::bind_named(const char* name, std::string_view value) {
    int i = sqlite3_bind_parameter_index(stmt_, name);
    if (i == 0) db_.fail(SQLITE_RANGE, sql_);
    bind_one(i, value);
    return *this;
}

bool Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3_reset(stmt_);
    db_.fail(rc, sql_);
}

void Statement::run() {
    while (step()) {
    }
    sqlite3_reset(stmt_);
}

bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
int64_t Statement::i64(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::real(int col) const { return sqlite3_column_double(stmt_, col); }
std::string Statement::text(int col) const {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
    return p ? std::string(p, sqlite3_column_bytes(stmt_, col)) : std::string();
}
std::optional<std::string> Statement::opt_text(int col) const {
    if (is_null(col)) return std::nullopt;
    return text(col);
}
std::optional<int64_t> Statement::opt_i64(int col) const {
    if (is_null(col)) return std::nullopt;
    return i64(col);
}
std::vector<unsigned char> Statement::blob(int col) const {
    auto p = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_, col));
    int n = sqlite3_column_bytes(stmt_, col);
    return p ? std::vector<unsigned char>(p, p + n) : std::vector<unsigned char>();
}

Database::Database(const std::string& path) : Database(path, Options{}) {}

Database::Database(const std::string& path, const Options& options) : path_(path) {
    int flags = options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    flags |= SQLITE_OPEN_NOMUTEX;  // one thread uses a connection at a time (see Pool)
    std::string name = path;
    if (options.read_only && options.immutable) {
        static const char hex[] = "0123456789ABCDEF";
        name = "file:";
        for (unsigned char ch : path) {
            if (ch == '%' || ch == '?' || ch == '#') name += {'%', hex[ch >> 4], hex[ch & 15]};
            else name += static_cast<char>(ch);
        }
        name += "?immutable=1";
        flags |= SQLITE_OPEN_URI;
    }
    int rc = sqlite3_open_v2(name.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = "cannot open database " + path + ": " + (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
        sqlite3_close(db_);
        db_ = nullptr;
        throw DbError(rc, msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, options.busy_timeout_ms);
    // A pragma can still fail (a WAL file that a read-only folder cannot hold): the destructor
    // does not run for a constructor that throws, so the connection is closed here.
    try {
        configure(options);
    } catch (...) {
        statements_.clear();
        sqlite3_close_v2(db_);
        db_ = nullptr;
        throw;
    }
}

void Database::configure(const Options& options) {
    exec("PRAGMA foreign_keys = ON");
    if (!options.read_only) {
        exec("PRAGMA journal_mode = WAL");
        // FULL: the WAL is synced at every commit, so a write the portal acknowledged survives
        // a power cut. NORMAL would only survive a crash of the process (a power cut could drop
        // the last transactions, though never corrupt the file).
        exec(options.synchronous_full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    }
    exec("PRAGMA cache_size = -" + std::to_string(options.cache_kib));
    exec("PRAGMA temp_store = MEMORY");
}

Database::~Database() {
    statements_.clear();
    if (db_) sqlite3_close_v2(db_);
}

void Database::fail(int rc, std::string_view sql) const {
    std::string msg = std::string(sqlite3_errmsg(db_)) + " (" + std::to_string(rc) + ")";
    if (!sql.empty()) msg += " in: " + std::string(sql.substr(0, 300));
    throw DbError(rc, msg);
}

Query Database::prepare(std::string_view sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) return Query(*it->second);
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                                nullptr);
    if (rc != SQLITE_OK) fail(rc, sql);
    auto [pos, inserted] = statements_.emplace(std::string(sql), nullptr);
    pos->second = std::make_unique<Statement>(*this, stmt, pos->first);
    return Query(*pos->second);
}

void Database::exec(const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw DbError(rc, msg + " in: " + sql.substr(0, 300));
    }
}

int64_t Database::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }
int64_t Database::total_changes() const { return sqlite3_total_changes64(db_); }

bool Database::answers() {
    auto q = prepare("SELECT 1");
    return q.step() && q.integer(0) == 1;
}

int Database::user_version() {
    auto q = prepare("PRAGMA user_version");
    return q.step() ? q.integer(0) : 0;
}

void Database::set_user_version(int v) { exec("PRAGMA user_version = " + std::to_string(v)); }

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
    // After some errors (disk full, I/O error on COMMIT) SQLite has already rolled back:
    // there is nothing left to undo.
    if (!done_ && !sqlite3_get_autocommit(db_.raw())) {
        try {
            db_.exec("ROLLBACK");
        } catch (const std::exception& e) {
            spdlog::error("rollback failed: {}", e.what());
        }
    }
}

void Transaction::commit() {
    db_.exec("COMMIT");
    done_ = true;
}

Pool::Pool(const std::string& path, int size, const Database::Options& options)
    : path_(path), options_(options), size_(static_cast<size_t>(size)) {
    for (int i = 0; i < size; ++i) {
        all_.push_back(std::make_unique<Database>(path, options));
        free_.push_back(all_.back().get());
    }
}

Pool::Lease Pool::acquire() {
    std::unique_lock lock(mutex_);
    if (all_.empty()) reopen_all_locked();  // a reopening failed: try again
    if (free_.empty()) {
        auto since = std::chrono::steady_clock::now();
        available_.wait(lock, [&] { return !free_.empty(); });
        waits_.fetch_add(1, std::memory_order_relaxed);
        wait_ns_.fetch_add(static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                               std::chrono::steady_clock::now() - since).count()),
                           std::memory_order_relaxed);
    }
    Database* db = free_.back();
    // A connection SQLite opened read-only (the file was not writable then) stays so: once
    // the file is writable again, the connections are opened anew, so that the portal takes
    // writes again without a restart (looked at no more than every 2 s). SQLite shares one
    // WAL index per file among a process's connections, read-only while any connection that
    // opened it so is left: all are closed at once, when none is in use.
    auto now = std::chrono::steady_clock::now();
    if (!options_.read_only && free_.size() == all_.size() && now - last_writable_check_ > std::chrono::seconds(2) &&
        sqlite3_db_readonly(db->raw(), "main") == 1) {
        last_writable_check_ = now;
        if (::access(path_.c_str(), W_OK) == 0) {
            reopen_all_locked();
            db = free_.back();
            spdlog::info("database {} is writable again: connections reopened", path_);
        }
    }
    free_.pop_back();
    return Lease(*this, db);
}

void Pool::reopen_all_locked() {
    size_t size = std::max(all_.size(), size_);
    free_.clear();
    all_.clear();
    for (size_t i = 0; i < size; ++i) {
        try {
            all_.push_back(std::make_unique<Database>(path_, options_));
            free_.push_back(all_.back().get());
        } catch (const DbError& e) {
            spdlog::error("database {}: cannot reopen a connection: {}", path_, e.what());
            if (all_.empty()) throw;  // the next acquire() tries again
            break;                    // fewer connections until the next restart
        }
    }
}

void Pool::release(Database* db) {
    {
        std::lock_guard lock(mutex_);
        free_.push_back(db);
    }
    available_.notify_one();
}

void backup(Database& source, const std::string& destination, const std::function<void(int, int)>& progress) {
    sqlite3* dest = nullptr;
    int rc = sqlite3_open(destination.c_str(), &dest);
    if (rc != SQLITE_OK) {
        std::string msg = "cannot create " + destination + ": " + sqlite3_errmsg(dest);
        sqlite3_close(dest);
        throw DbError(rc, msg);
    }
    sqlite3_backup* b = sqlite3_backup_init(dest, "main", source.raw(), "main");
    if (!b) {
        std::string msg = std::string("backup failed: ") + sqlite3_errmsg(dest);
        sqlite3_close(dest);
        throw DbError(SQLITE_ERROR, msg);
    }
    // One step copies every page inside one read transaction (a WAL snapshot): writers go on,
    // and no commit can restart the copy. Only a lock on the destination is worth a retry.
    for (int attempt = 0; attempt < 100; ++attempt) {
        rc = sqlite3_backup_step(b, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (progress) progress(sqlite3_backup_pagecount(b) - sqlite3_backup_remaining(b), sqlite3_backup_pagecount(b));
    int step_rc = rc;
    sqlite3_backup_finish(b);
    rc = sqlite3_errcode(dest);
    std::string msg = sqlite3_errmsg(dest);
    sqlite3_close(dest);
    if (step_rc != SQLITE_DONE && rc == SQLITE_OK) {
        rc = step_rc;
        msg = sqlite3_errstr(step_rc);
    }
    if (rc != SQLITE_OK) throw DbError(rc, "backup to " + destination + " failed: " + msg);
}

}  // namespace chatiere::db
