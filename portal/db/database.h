#pragma once
// SQLite connections, prepared statements, transactions and the pool.
#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chatiere::db {

// A failed SQLite call; what() carries SQLite's message and the SQL.
struct DbError : std::runtime_error {
    int code;
    DbError(int code, const std::string& msg) : std::runtime_error(msg), code(code) {}
    // The disk is full, or the file is read-only: the caller can tell the user to come back later.
    bool unavailable() const {
        int primary = code & 0xff;
        return primary == SQLITE_FULL || primary == SQLITE_READONLY || primary == SQLITE_IOERR ||
               primary == SQLITE_BUSY || primary == SQLITE_CANTOPEN;
    }
};

class Database;
class Query;

// A prepared statement with positional binding. Reset automatically when a new bind() starts
// or the statement is released, so cached statements can be reused safely.
class Statement {
public:
    Statement(Database& db, sqlite3_stmt* stmt, std::string_view sql);
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    // Binds all parameters in order (1-based in SQLite). Accepts integers, doubles, strings,
    // string_views, const char*, std::nullopt / std::optional<T>, and blobs as std::vector<unsigned char>.
    template <typename... Args>
    Statement& bind(const Args&... args) {
        reset();
        int i = 1;
        (bind_one(i++, args), ...);
        return *this;
    }
    Statement& bind_named(const char* name, std::string_view value);

    // Steps once; returns true when a row is available.
    bool step();
    // Runs to completion (for INSERT/UPDATE/DELETE).
    void run();
    void reset();

    bool is_null(int col) const;
    int64_t i64(int col) const;
    int integer(int col) const { return static_cast<int>(i64(col)); }
    double real(int col) const;
    std::string text(int col) const;
    std::optional<std::string> opt_text(int col) const;
    std::optional<int64_t> opt_i64(int col) const;
    std::vector<unsigned char> blob(int col) const;

    sqlite3_stmt* raw() { return stmt_; }

private:
    friend class Query;
    void bind_one(int i, int64_t v);
    void bind_one(int i, int v) { bind_one(i, static_cast<int64_t>(v)); }
    void bind_one(int i, long long v) { bind_one(i, static_cast<int64_t>(v)); }
    void bind_one(int i, unsigned v) { bind_one(i, static_cast<int64_t>(v)); }
    void bind_one(int i, bool v) { bind_one(i, static_cast<int64_t>(v ? 1 : 0)); }
    void bind_one(int i, double v);
    void bind_one(int i, std::string_view v);
    void bind_one(int i, const std::string& v) { bind_one(i, std::string_view(v)); }
    void bind_one(int i, const char* v) { bind_one(i, std::string_view(v)); }
    void bind_one(int i, std::nullopt_t);
    void bind_one(int i, const std::vector<unsigned char>& blob);
    template <typename T>
    void bind_one(int i, const std::optional<T>& v) {
        if (v) bind_one(i, *v);
        else bind_one(i, std::nullopt);
    }
    void check(int rc);

    Database& db_;
    sqlite3_stmt* stmt_;
    std::string_view sql_;
};

// One use of a cached statement. Resets it when it goes out of scope, so that no statement
// left mid-iteration keeps the connection's read snapshot open for the next request.
class Query {
public:
    explicit Query(Statement& st) : st_(&st) {}
    Query(Query&& o) noexcept : st_(o.st_) { o.st_ = nullptr; }
    Query(const Query&) = delete;
    ~Query() {
        if (st_) st_->reset();
    }
    template <typename... Args>
    Query& bind(const Args&... args) {
        st_->bind(args...);
        return *this;
    }
    bool step() { return st_->step(); }
    void run() { st_->run(); }
    bool is_null(int col) const { return st_->is_null(col); }
    int64_t i64(int col) const { return st_->i64(col); }
    int integer(int col) const { return st_->integer(col); }
    double real(int col) const { return st_->real(col); }
    std::string text(int col) const { return st_->text(col); }
    std::optional<std::string> opt_text(int col) const { return st_->opt_text(col); }
    std::optional<int64_t> opt_i64(int col) const { return st_->opt_i64(col); }
    std::vector<unsigned char> blob(int col) const { return st_->blob(col); }

private:
    Statement* st_;
};

// One SQLite connection in WAL mode, with foreign keys on, a busy timeout, and a cache of
// prepared statements keyed by their SQL text.
class Database {
public:
    struct Options {
        int busy_timeout_ms = 5000;
        int cache_kib = 4096;
        bool read_only = false;
        // With read_only: read the file as it is, without the WAL's shared-memory file (which
        // cannot be made in a folder the process may not write to). Only safe when no one
        // writes it: no -wal file beside it.
        bool immutable = false;
        // FULL: a committed transaction survives a power cut (the WAL is synced at each
        // commit). NORMAL (false) only survives a crash of the process.
        bool synchronous_full = true;
    };
    explicit Database(const std::string& path);
    Database(const std::string& path, const Options& options);
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    // A cached prepared statement, keyed by its SQL text. Do not hold two uses of the same
    // SQL at once (nested loops over one query).
    Query prepare(std::string_view sql);
    // Runs one or more statements without results (migrations, pragmas).
    void exec(const std::string& sql);

    int64_t last_insert_id() const;
    int changes() const;
    // Rows written through this connection since it opened (tells whether a request wrote).
    int64_t total_changes() const;
    // Whether the database answers a trivial query (health check).
    bool answers();
    int user_version();
    void set_user_version(int v);
    const std::string& path() const { return path_; }
    sqlite3* raw() { return db_; }

    [[noreturn]] void fail(int rc, std::string_view sql) const;

private:
    // The pragmas every connection gets.
    void configure(const Options& options);
    sqlite3* db_ = nullptr;
    std::string path_;
    struct TextHash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::unordered_map<std::string, std::unique_ptr<Statement>, TextHash, std::equal_to<>> statements_;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back if not committed. Immediate so that two writers
// wait on the busy timeout instead of deadlocking on a read-to-write upgrade.
class Transaction {
public:
    explicit Transaction(Database& db);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

// A fixed set of connections shared by the request threads.
class Pool {
public:
    Pool(const std::string& path, int size, const Database::Options& options);

    class Lease {
    public:
        Lease(Pool& pool, Database* db) : pool_(&pool), db_(db) {}
        Lease(Lease&& other) noexcept : pool_(other.pool_), db_(other.db_) { other.db_ = nullptr; }
        Lease(const Lease&) = delete;
        ~Lease() {
            if (db_) pool_->release(db_);
        }
        Database& operator*() { return *db_; }
        Database* operator->() { return db_; }

    private:
        Pool* pool_;
        Database* db_;
    };

    Lease acquire();
    const std::string& path() const { return path_; }
    // Acquisitions that found no free connection and waited, and the time they waited (/metrics).
    uint64_t waits() const { return waits_.load(std::memory_order_relaxed); }
    double wait_seconds() const { return static_cast<double>(wait_ns_.load(std::memory_order_relaxed)) / 1e9; }

private:
    void release(Database* db);
    // Closes every connection and opens them anew; the mutex is held and none is in use.
    void reopen_all_locked();
    std::string path_;
    Database::Options options_;
    size_t size_;
    std::chrono::steady_clock::time_point last_writable_check_{};
    std::vector<std::unique_ptr<Database>> all_;
    std::vector<Database*> free_;
    std::mutex mutex_;
    std::condition_variable available_;
    std::atomic<uint64_t> waits_{0}, wait_ns_{0};
};

// Copies the live database to `destination` with SQLite's online backup API, in one step:
// one read transaction sees one snapshot, so under WAL the portal keeps writing meanwhile and
// the copy never restarts (a copy in small steps restarts at every commit of another
// connection and may never finish). `progress(done_pages, total_pages)` is called at the end.
void backup(Database& source, const std::string& destination,
            const std::function<void(int, int)>& progress = {});

}  // namespace chatiere::db
