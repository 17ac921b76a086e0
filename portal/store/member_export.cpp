#include "store/member_export.h"

#include <set>

namespace chatiere::store {

namespace {

const std::set<std::string> kSecretColumns = {"password_hash", "totp_secret", "token_hash", "code_hash", "csrf_token",
                                              "secret", "prev_hash_secret"};

nlohmann::json row_to_json(sqlite3_stmt* st) {
    nlohmann::json row = nlohmann::json::object();
    int n = sqlite3_column_count(st);
    for (int i = 0; i < n; ++i) {
        std::string name = sqlite3_column_name(st, i);
        if (kSecretColumns.count(name)) continue;
        switch (sqlite3_column_type(st, i)) {
            case SQLITE_INTEGER: row[name] = sqlite3_column_int64(st, i); break;
            case SQLITE_FLOAT: row[name] = sqlite3_column_double(st, i); break;
            case SQLITE_NULL: row[name] = nullptr; break;
            case SQLITE_BLOB: row[name] = "(binary)"; break;
            default: {
                auto p = reinterpret_cast<const char*>(sqlite3_column_text(st, i));
                row[name] = std::string(p, static_cast<size_t>(sqlite3_column_bytes(st, i)));
            }
        }
    }
    return row;
}

// Runs SQL built only from our own schema's table names, never from input.
nlohmann::json rows(db::Database& db, const std::string& sql, int64_t id, const std::string* text = nullptr) {
    nlohmann::json out = nlohmann::json::array();
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db.raw(), sql.c_str(), -1, &st, nullptr) != SQLITE_OK) db.fail(sqlite3_errcode(db.raw()), sql);
    sqlite3_bind_int64(st, 1, id);
    if (text) sqlite3_bind_text(st, 2, text->c_str(), -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW) out.push_back(row_to_json(st));
    sqlite3_finalize(st);
    return out;
}

}  // namespace

nlohmann::json member_export(db::Database& db, int64_t member_id) {
    nlohmann::json out;
    auto member = rows(db, "SELECT * FROM members WHERE id = ?1", member_id);
    out["member"] = member.empty() ? nlohmann::json() : member[0];
    std::string email = member.empty() ? "" : member[0].value("email", "");
    nlohmann::json tables = nlohmann::json::object();
    auto q = db.prepare(
        "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND EXISTS "
        "(SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'member_id') ORDER BY m.name");
    std::vector<std::string> names;
    while (q.step()) names.push_back(q.text(0));
    for (const auto& table : names)
        tables[table] = rows(db, "SELECT * FROM \"" + table + "\" WHERE member_id = ?1", member_id);
    std::string target = "member:" + std::to_string(member_id);
    tables["audit_log"] = rows(db, "SELECT * FROM audit_log WHERE actor_id = ?1 OR target = ?2", member_id, &target);
    tables["outbox"] = rows(db, "SELECT * FROM outbox WHERE to_addr = ?2 AND ?1 = ?1", member_id, &email);
    // A status subscription with the same address (issue 19) is theirs too.
    tables["subscribers"] = rows(db, "SELECT * FROM subscribers WHERE email = ?2 AND ?1 = ?1", member_id, &email);
    out["tables"] = tables;
    return out;
}

}  // namespace chatiere::store
