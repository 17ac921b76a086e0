#include "domain/membership.h"

namespace chatiere::domain {

std::optional<MembershipState> parse_membership_state(std::string_view s) {
    if (s == "member") return MembershipState::Member;
    if (s == "renewal_due") return MembershipState::RenewalDue;
    if (s == "grace") return MembershipState::Grace;
    if (s == "lapsed") return MembershipState::Lapsed;
    if (s == "honorary") return MembershipState::Honorary;
    if (s == "none") return MembershipState::None;
    return std::nullopt;
}

std::string_view to_string(MembershipState s) {
    switch (s) {
        case MembershipState::Member: return "member";
        case MembershipState::RenewalDue: return "renewal_due";
        case MembershipState::Grace: return "grace";
        case MembershipState::Lapsed: return "lapsed";
        case MembershipState::Honorary: return "honorary";
        case MembershipState::None: return "none";
    }
    return {};
}

std::optional<MembershipPolicy> parse_membership_policy(std::string_view s) {
    if (s == "year_from_payment") return MembershipPolicy::YearFromPayment;
    if (s == "calendar_year") return MembershipPolicy::CalendarYear;
    if (s == "association_year") return MembershipPolicy::AssociationYear;
    return std::nullopt;
}

std::string_view to_string(MembershipPolicy p) {
    switch (p) {
        case MembershipPolicy::YearFromPayment: return "year_from_payment";
        case MembershipPolicy::CalendarYear: return "calendar_year";
        case MembershipPolicy::AssociationYear: return "association_year";
    }
    return {};
}

}  // namespace chatiere::domain
