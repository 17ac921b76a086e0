#include "domain/member.h"

namespace chatiere::domain {

std::optional<MemberRole> parse_member_role(std::string_view s) {
    if (s == "member") return MemberRole::Member;
    if (s == "admin") return MemberRole::Admin;
    return std::nullopt;
}

std::string_view to_string(MemberRole r) { return r == MemberRole::Admin ? "admin" : "member"; }

std::optional<MemberStatus> parse_member_status(std::string_view s) {
    if (s == "pending") return MemberStatus::Pending;
    if (s == "active") return MemberStatus::Active;
    if (s == "suspended") return MemberStatus::Suspended;
    return std::nullopt;
}

std::string_view to_string(MemberStatus s) {
    switch (s) {
        case MemberStatus::Pending: return "pending";
        case MemberStatus::Active: return "active";
        case MemberStatus::Suspended: return "suspended";
    }
    return {};
}

}  // namespace chatiere::domain
