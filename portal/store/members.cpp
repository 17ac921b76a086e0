#include "store/members.h"

namespace chatiere::store {

namespace {
#define MEMBER_COLUMNS                                                                                           \
    "id, name, display_name, email, email_verified, password_hash, role, status, locale, totp_secret, "          \
    "totp_last_step, notify_incidents, created_at, updated_at, last_login_at"

Member read_member(db::Query& q) {
    Member m;
    m.id = q.i64(0);
    m.name = q.text(1);
    m.display_name = q.text(2);
    m.email = q.text(3);
    m.email_verified = q.integer(4) != 0;
    m.password_hash = q.text(5);
    // The table's CHECK constraints keep these to the known values.
    m.role = domain::parse_member_role(q.text(6)).value_or(domain::MemberRole::Member);
    m.status = domain::parse_member_status(q.text(7)).value_or(domain::MemberStatus::Suspended);
    m.locale = q.text(8);
    m.totp_secret = q.opt_text(9);
    m.totp_last_step = q.i64(10);
    m.notify_incidents = q.integer(11) != 0;
    m.created_at = q.i64(12);
    m.updated_at = q.i64(13);
    m.last_login_at = q.opt_i64(14);
    return m;
}
}  // namespace

std::optional<Member> find_member(db::Database& db, int64_t id) {
    auto q = db.prepare("SELECT " MEMBER_COLUMNS " FROM members WHERE id = ?");
    q.bind(id);
    if (q.step()) return read_member(q);
    return std::nullopt;
}

std::optional<Member> find_member_by_login(db::Database& db, std::string_view login) {
    auto q = db.prepare("SELECT " MEMBER_COLUMNS " FROM members WHERE name = ?1 UNION ALL SELECT " MEMBER_COLUMNS
                        " FROM members WHERE email = ?1 LIMIT 1");
    q.bind(login);
    if (q.step()) return read_member(q);
    return std::nullopt;
}

std::optional<Member> find_member_by_email(db::Database& db, std::string_view email) {
    auto q = db.prepare("SELECT " MEMBER_COLUMNS " FROM members WHERE email = ?");
    q.bind(email);
    if (q.step()) return read_member(q);
    return std::nullopt;
}

bool member_name_taken(db::Database& db, std::string_view name) {
    auto q = db.prepare("SELECT 1 FROM members WHERE name = ?");
    q.bind(name);
    return q.step();
}

int64_t insert_member(db::Database& db, const Member& m, int64_t now) {
    db.prepare(
          "INSERT INTO members (name, display_name, email, email_verified, password_hash, role, status, locale, "
          "notify_incidents, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(m.name, m.display_name, m.email, m.email_verified, m.password_hash, domain::to_string(m.role), domain::to_string(m.status), m.locale,
              m.notify_incidents, now, now)
        .run();
    return db.last_insert_id();
}

void update_member_profile(db::Database& db, const Member& m, int64_t now) {
    db.prepare(
          "UPDATE members SET display_name = ?, email = ?, email_verified = ?, locale = ?, notify_incidents = ?, "
          "updated_at = ? WHERE id = ?")
        .bind(m.display_name, m.email, m.email_verified, m.locale, m.notify_incidents, now, m.id)
        .run();
}

void set_member_password(db::Database& db, int64_t id, std::string_view hash, int64_t now) {
    db.prepare("UPDATE members SET password_hash = ?, updated_at = ? WHERE id = ?").bind(hash, now, id).run();
}

void set_member_status(db::Database& db, int64_t id, domain::MemberStatus status, int64_t now) {
    db.prepare("UPDATE members SET status = ?, updated_at = ? WHERE id = ?").bind(domain::to_string(status), now, id).run();
}

void set_member_role(db::Database& db, int64_t id, domain::MemberRole role, int64_t now) {
    db.prepare("UPDATE members SET role = ?, updated_at = ? WHERE id = ?").bind(domain::to_string(role), now, id).run();
}

void set_member_email_verified(db::Database& db, int64_t id, int64_t now) {
    db.prepare("UPDATE members SET email_verified = 1, updated_at = ? WHERE id = ?").bind(now, id).run();
}

void set_member_email(db::Database& db, int64_t id, std::string_view email, int64_t now) {
    db.prepare("UPDATE members SET email = ?, email_verified = 1, updated_at = ? WHERE id = ?").bind(email, now, id).run();
}

void set_member_totp(db::Database& db, int64_t id, const std::optional<std::string>& secret, int64_t now) {
    db.prepare("UPDATE members SET totp_secret = ?, totp_last_step = 0, updated_at = ? WHERE id = ?")
        .bind(secret, now, id)
        .run();
}

bool claim_totp_step(db::Database& db, int64_t id, int64_t step) {
    db.prepare("UPDATE members SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?").bind(step, id, step).run();
    return db.changes() == 1;
}

void set_member_last_login(db::Database& db, int64_t id, int64_t now) {
    db.prepare("UPDATE members SET last_login_at = ? WHERE id = ?").bind(now, id).run();
}

void delete_member(db::Database& db, int64_t id) { db.prepare("DELETE FROM members WHERE id = ?").bind(id).run(); }

int64_t count_members(db::Database& db, std::optional<domain::MemberStatus> status,
                      std::optional<domain::MemberRole> role) {
    // One statement per case, with the filters written out, so that each reads an index
    // (members_by_status; members_admins, whose partial WHERE must appear literally): an
    // "?1 = '' OR status = ?1" form read all 100,000 members on every admin page.
    auto count = [&](const char* sql, auto... values) {
        auto q = db.prepare(sql);
        if constexpr (sizeof...(values) > 0) q.bind(values...);
        return q.step() ? q.i64(0) : int64_t{0};
    };
    const bool admins = role == domain::MemberRole::Admin;
    if (status && admins)
        return count("SELECT count(*) FROM members WHERE role = 'admin' AND status = ?1", domain::to_string(*status));
    if (admins) return count("SELECT count(*) FROM members WHERE role = 'admin'");
    if (status && role)
        return count("SELECT count(*) FROM members WHERE status = ?1 AND role = ?2", domain::to_string(*status),
                     domain::to_string(*role));
    if (status) return count("SELECT count(*) FROM members WHERE status = ?1", domain::to_string(*status));
    if (role) return count("SELECT count(*) FROM members WHERE role = ?1", domain::to_string(*role));
    return count("SELECT count(*) FROM members");
}

std::vector<Member> list_members(db::Database& db, std::string_view search,
                                 std::optional<domain::MemberStatus> status_filter, int64_t after_id, int limit) {
    std::vector<Member> out;
    std::string_view status = status_filter ? domain::to_string(*status_filter) : "";
    if (search.empty()) {
        auto q = db.prepare("SELECT " MEMBER_COLUMNS
                            " FROM members WHERE id > ?1 AND (?2 = '' OR status = ?2) ORDER BY id LIMIT ?3");
        q.bind(after_id, status, limit);
        while (q.step()) out.push_back(read_member(q));
        return out;
    }
    // Prefix search on the two unique (NOCASE) indexes: name >= 'abc' AND name < 'abd'.
    std::string upper(search);
    upper += "\xf4\x8f\xbf\xbf";
    auto q = db.prepare("SELECT " MEMBER_COLUMNS " FROM members WHERE id IN ("
                        "SELECT id FROM members WHERE name >= ?1 AND name < ?2 UNION "
                        "SELECT id FROM members WHERE email >= ?1 AND email < ?2) "
                        "AND id > ?3 AND (?4 = '' OR status = ?4) ORDER BY id LIMIT ?5");
    q.bind(search, upper, after_id, status, limit);
    while (q.step()) out.push_back(read_member(q));
    return out;
}

void replace_recovery_codes(db::Database& db, int64_t member_id, const std::vector<std::string>& hashes) {
    db.prepare("DELETE FROM recovery_codes WHERE member_id = ?").bind(member_id).run();
    for (const auto& h : hashes)
        db.prepare("INSERT INTO recovery_codes (member_id, code_hash) VALUES (?, ?)").bind(member_id, h).run();
}

bool use_recovery_code(db::Database& db, int64_t member_id, std::string_view code_hash, int64_t now) {
    db.prepare("UPDATE recovery_codes SET used_at = ? WHERE member_id = ? AND code_hash = ? AND used_at IS NULL")
        .bind(now, member_id, code_hash)
        .run();
    return db.changes() == 1;
}

int count_unused_recovery_codes(db::Database& db, int64_t member_id) {
    auto q = db.prepare("SELECT count(*) FROM recovery_codes WHERE member_id = ? AND used_at IS NULL");
    q.bind(member_id);
    return q.step() ? q.integer(0) : 0;
}

std::vector<MemberService> member_services(db::Database& db, int64_t member_id) {
    auto q = db.prepare(
        "SELECT s.id, s.slug, s.name, s.website, ms.identifier, s.visibility, ms.since FROM member_services ms "
        "JOIN services s ON s.id = ms.service_id WHERE ms.member_id = ? ORDER BY s.position, s.id");
    q.bind(member_id);
    std::vector<MemberService> out;
    while (q.step()) out.push_back({q.i64(0), q.text(1), q.text(2), q.text(3), q.text(4), q.text(5), q.i64(6)});
    return out;
}

void attach_service(db::Database& db, int64_t member_id, int64_t service_id, std::string_view identifier,
                    int64_t now) {
    db.prepare(
          "INSERT INTO member_services (member_id, service_id, identifier, since) VALUES (?, ?, ?, ?) "
          "ON CONFLICT (member_id, service_id) DO UPDATE SET identifier = excluded.identifier")
        .bind(member_id, service_id, identifier, now)
        .run();
}

void detach_service(db::Database& db, int64_t member_id, int64_t service_id) {
    db.prepare("DELETE FROM member_services WHERE member_id = ? AND service_id = ?").bind(member_id, service_id).run();
}

}  // namespace chatiere::store
