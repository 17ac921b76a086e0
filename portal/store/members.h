#pragma once
// SQL for member accounts.
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "domain/member.h"

namespace chatiere::store {

struct Member {
    int64_t id = 0;
    std::string name, display_name, email;
    bool email_verified = false;
    std::string password_hash;
    domain::MemberRole role = domain::MemberRole::Member;
    domain::MemberStatus status = domain::MemberStatus::Pending;
    std::string locale = "fr";
    std::optional<std::string> totp_secret;
    int64_t totp_last_step = 0;
    bool notify_incidents = true;
    int64_t created_at = 0, updated_at = 0;
    std::optional<int64_t> last_login_at;

    bool admin() const { return role == domain::MemberRole::Admin; }
    const std::string& shown_name() const { return display_name.empty() ? name : display_name; }
};

std::optional<Member> find_member(db::Database& db, int64_t id);
// By log-in name or e-mail (both case-insensitive).
std::optional<Member> find_member_by_login(db::Database& db, std::string_view name_or_email);
std::optional<Member> find_member_by_email(db::Database& db, std::string_view email);
bool member_name_taken(db::Database& db, std::string_view name);
int64_t insert_member(db::Database& db, const Member& m, int64_t now);
// Updates the profile fields (display name, e-mail, locale, notify, email_verified).
void update_member_profile(db::Database& db, const Member& m, int64_t now);
void set_member_password(db::Database& db, int64_t id, std::string_view hash, int64_t now);
void set_member_status(db::Database& db, int64_t id, domain::MemberStatus status, int64_t now);
void set_member_role(db::Database& db, int64_t id, domain::MemberRole role, int64_t now);
void set_member_email_verified(db::Database& db, int64_t id, int64_t now);
// Replaces the address (a confirmed change, or one undone), marked verified: it was proven by a link.
void set_member_email(db::Database& db, int64_t id, std::string_view email, int64_t now);
void set_member_totp(db::Database& db, int64_t id, const std::optional<std::string>& secret, int64_t now);
// Accepts a TOTP time step only if it is newer than the last one used: refuses replays.
bool claim_totp_step(db::Database& db, int64_t id, int64_t step);
void set_member_last_login(db::Database& db, int64_t id, int64_t now);
void delete_member(db::Database& db, int64_t id);
// Of one status and/or role; none: any.
int64_t count_members(db::Database& db, std::optional<domain::MemberStatus> status = {},
                      std::optional<domain::MemberRole> role = {});

// One page of the admin's member list: members whose name or e-mail starts with `search`
// (all when empty), optionally of one status, ordered by id, after `after_id`.
std::vector<Member> list_members(db::Database& db, std::string_view search, std::optional<domain::MemberStatus> status, int64_t after_id,
                                 int limit);

// Recovery codes for the second factor (only hashes are stored).
void replace_recovery_codes(db::Database& db, int64_t member_id, const std::vector<std::string>& code_hashes);
bool use_recovery_code(db::Database& db, int64_t member_id, std::string_view code_hash, int64_t now);
int count_unused_recovery_codes(db::Database& db, int64_t member_id);

struct MemberService {
    int64_t service_id = 0;
    std::string slug, name, website, identifier, visibility;
    int64_t since = 0;
};
std::vector<MemberService> member_services(db::Database& db, int64_t member_id);
void attach_service(db::Database& db, int64_t member_id, int64_t service_id, std::string_view identifier, int64_t now);
void detach_service(db::Database& db, int64_t member_id, int64_t service_id);

}  // namespace chatiere::store
