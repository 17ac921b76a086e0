// The member's typed values (role, status): one parse/format pair each; the database keeps
// their text.
#pragma once
#include <optional>
#include <string_view>

namespace chatiere::domain {

enum class MemberRole { Member, Admin };
std::optional<MemberRole> parse_member_role(std::string_view s);  // member | admin
std::string_view to_string(MemberRole r);

// pending (signed up, e-mail or approval to come) → active ⇄ suspended
enum class MemberStatus { Pending, Active, Suspended };
std::optional<MemberStatus> parse_member_status(std::string_view s);  // pending | active | suspended
std::string_view to_string(MemberStatus s);

}  // namespace chatiere::domain
