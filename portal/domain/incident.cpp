#include "domain/incident.h"

#include <array>
#include <utility>

namespace chatiere::domain {

namespace {

// One table per type, so that the parse and the format cannot drift apart.
template <typename E, size_t N>
std::optional<E> parse(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view s) {
    for (const auto& [value, name] : table)
        if (name == s) return value;
    return std::nullopt;
}
template <typename E, size_t N>
std::string_view format(const std::array<std::pair<E, std::string_view>, N>& table, E e) {
    for (const auto& [value, name] : table)
        if (value == e) return name;
    return {};
}

constexpr std::array<std::pair<IncidentKind, std::string_view>, 2> kKinds{{
    {IncidentKind::Incident, "incident"},
    {IncidentKind::Maintenance, "maintenance"},
}};
constexpr std::array<std::pair<IncidentState, std::string_view>, 7> kStates{{
    {IncidentState::Investigating, "investigating"},
    {IncidentState::Identified, "identified"},
    {IncidentState::Monitoring, "monitoring"},
    {IncidentState::Resolved, "resolved"},
    {IncidentState::Scheduled, "scheduled"},
    {IncidentState::InProgress, "in_progress"},
    {IncidentState::Completed, "completed"},
}};
constexpr std::array<std::pair<Impact, std::string_view>, 4> kImpacts{{
    {Impact::None, "none"},
    {Impact::Minor, "minor"},
    {Impact::Major, "major"},
    {Impact::Critical, "critical"},
}};

}  // namespace

std::optional<IncidentKind> parse_incident_kind(std::string_view s) { return parse(kKinds, s); }
std::string_view to_string(IncidentKind k) { return format(kKinds, k); }
std::optional<IncidentState> parse_incident_state(std::string_view s) { return parse(kStates, s); }
std::string_view to_string(IncidentState s) { return format(kStates, s); }
std::optional<Impact> parse_impact(std::string_view s) { return parse(kImpacts, s); }
std::string_view to_string(Impact i) { return format(kImpacts, i); }

bool is_closed(IncidentState s) { return s == IncidentState::Resolved || s == IncidentState::Completed; }

bool belongs_to(IncidentState s, IncidentKind k) {
    bool maintenance = s == IncidentState::Scheduled || s == IncidentState::InProgress || s == IncidentState::Completed;
    return maintenance == (k == IncidentKind::Maintenance);
}

}  // namespace chatiere::domain
