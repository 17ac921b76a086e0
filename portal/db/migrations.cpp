#include "db/migrations.h"

#include <algorithm>
#include <filesystem>

#include "http/embedded.h"

namespace chatiere::db {

std::vector<Migration> embedded_migrations() {
    std::vector<Migration> out;
    for (const auto* f = embedded::files(); f->path; ++f) {
        std::string_view path = f->path;
        if (path.rfind("sql/", 0) != 0) continue;
        std::string name(path.substr(4));
        size_t digits = 0;
        while (digits < name.size() && isdigit(static_cast<unsigned char>(name[digits]))) ++digits;
        if (digits == 0 || digits >= name.size() || name[digits] != '_')
            throw std::runtime_error("migration file name must be NNN_what.sql: " + name);
        out.push_back({std::stoi(name.substr(0, digits)), name, std::string(f->data)});
    }
    std::sort(out.begin(), out.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
    for (size_t i = 0; i < out.size(); ++i)
        if (out[i].version != static_cast<int>(i) + 1)
            throw std::runtime_error("migrations must be numbered 1, 2, 3… without gaps; found " + out[i].name);
    return out;
}

int latest_version(const std::vector<Migration>& migrations) {
    return migrations.empty() ? 0 : migrations.back().version;
}

int migrate(Database& db, const std::vector<Migration>& migrations,
            const std::function<void(const Migration&)>& on_apply) {
    int current = db.user_version();
    int latest = latest_version(migrations);
    if (current > latest)
        throw std::runtime_error("the database " + db.path() + " has schema version " + std::to_string(current) +
                                 ", newer than this chatiere knows (" + std::to_string(latest) +
                                 "): it was written by a newer release; upgrade chatiere instead");
    int applied = 0;
    for (const auto& m : migrations) {
        if (m.version <= current) continue;
        if (on_apply) on_apply(m);
        Transaction tx(db);
        try {
            db.exec(m.sql);
        } catch (const DbError& e) {
            throw DbError(e.code, "migration " + m.name + " failed, the database is left at version " +
                                      std::to_string(m.version - 1) + ": " + e.what());
        }
        db.set_user_version(m.version);
        tx.commit();
        ++applied;
    }
    return applied;
}

std::unique_ptr<Database> open_read_only(const std::string& path) {
    Database::Options options;
    options.read_only = true;
    std::unique_ptr<Database> db;
    int current = 0;
    try {
        db = std::make_unique<Database>(path, options);
        current = db->user_version();
    } catch (const DbError& e) {
        // A WAL database is read through its -shm file, which a folder we may not write to
        // cannot hold. With no -wal file beside it no one is writing: the file is the whole truth.
        std::error_code ec;
        int primary = e.code & 0xff;
        if ((primary != SQLITE_CANTOPEN && primary != SQLITE_READONLY) || std::filesystem::exists(path + "-wal", ec))
            throw;
        db.reset();
        options.immutable = true;
        db = std::make_unique<Database>(path, options);
        current = db->user_version();
    }
    int latest = latest_version(embedded_migrations());
    if (current < latest)
        throw std::runtime_error("the database " + path + " has schema version " + std::to_string(current) +
                                 ", older than this chatiere's (" + std::to_string(latest) +
                                 "); this command does not change it: run chatiere migrate first");
    if (current > latest)
        throw std::runtime_error("the database " + path + " has schema version " + std::to_string(current) +
                                 ", newer than this chatiere knows (" + std::to_string(latest) +
                                 "): it was written by a newer release; upgrade chatiere instead");
    return db;
}

}  // namespace chatiere::db
