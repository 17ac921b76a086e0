#include "chatonsinfos/service_level.h"

#include <algorithm>

#include "status/status.h"
#include "store/incidents.h"
#include "store/services.h"

namespace chatiere::chatonsinfos {

std::map<int64_t, std::string> service_levels(db::Database& db, int64_t now) {
    struct State {
        status::Effect worst = status::Effect::None;
        bool maintenance = false;
    };
    std::map<int64_t, State> states;
    for (const auto& inc : store::active_incidents(db, now, true)) {
        auto state = status::effective_state(inc.kind, inc.state, inc.started_at, inc.closes_at, now);
        if (domain::is_closed(state)) continue;
        for (const auto& s : inc.services) {
            auto& st = states[s.service_id];
            if (inc.kind == domain::IncidentKind::Maintenance) {
                if (state == domain::IncidentState::InProgress) st.maintenance = true;
            } else if (inc.started_at <= now) {
                auto effect = status::parse_effect(s.effect).value_or(status::Effect::None);
                st.worst = std::max(st.worst, effect);
            }
        }
    }
    std::map<int64_t, std::string> out;
    for (const auto& s : store::list_services(db, true, true)) {
        auto it = states.find(s.id);
        State st = it == states.end() ? State{} : it->second;
        out[s.id] = std::string(status::chatonsinfos_level(status::derive(s.admin_state, st.worst, st.maintenance)));
    }
    return out;
}

std::string published_registration(std::string_view registration, std::string_view signup_mode) {
    std::vector<std::string> words;
    size_t pos = 0;
    while (pos <= registration.size()) {
        auto semi = registration.find(';', pos);
        std::string word(registration.substr(pos, semi == std::string_view::npos ? std::string_view::npos : semi - pos));
        word.erase(0, word.find_first_not_of(' '));
        word.erase(word.find_last_not_of(' ') + 1);
        if (word == "Free" && !signup_mode.empty() && signup_mode != "open") word = "Member";
        if ((word == "None" || word == "Free" || word == "Member" || word == "Client") &&
            std::find(words.begin(), words.end(), word) == words.end())
            words.push_back(word);
        if (semi == std::string_view::npos) break;
        pos = semi + 1;
    }
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : ";") + w;
    return out;
}

}  // namespace chatiere::chatonsinfos
