// Demo: a year of open books for "Le Chaton des Collines": donations, membership fees, a
// grant, a gift in kind, volunteer time, the monthly costs, and one corrected mistake.
#include <algorithm>

#include "demo/demo.h"
#include "i18n/format.h"
#include "store/ledger.h"
#include "store/members.h"

namespace chatiere::demo {

namespace {

std::string month_back(const std::string& month, int n) {
    std::string m = month;
    for (int i = 0; i < n; ++i) m = ledger::previous_month(m);
    return m;
}

}  // namespace

void seed_ledger(db::Database& db, const i18n::TimeZone& zone, int64_t now) {
    std::string today = i18n::iso_date_local(zone, now);
    std::string this_month = today.substr(0, 7);
    int today_day = std::stoi(today.substr(8, 2));
    // Demo members, if the accounts demo created some before us; otherwise entries stay unlinked.
    std::vector<int64_t> members;
    for (const auto& m : store::list_members(db, "", domain::MemberStatus::Active, 0, 6))
        if (!m.admin()) members.push_back(m.id);
    auto member = [&](size_t i) -> std::optional<int64_t> {
        if (members.empty()) return std::nullopt;
        return members[i % members.size()];
    };

    auto add = [&](int months_ago, int day, const char* kind, int64_t amount, const char* currency,
                   const char* category, std::optional<std::string> public_name, std::optional<int64_t> member_id,
                   const char* note) {
        std::string month = month_back(this_month, months_ago);
        if (months_ago == 0) day = std::min(day, today_day);
        char date[16];
        std::snprintf(date, sizeof date, "%s-%02d", month.c_str(), day);
        ledger::Draft d;
        d.date = date;
        d.kind = kind;
        d.amount = amount;
        d.currency = currency;
        d.category = category;
        d.public_name = std::move(public_name);
        d.member_id = member_id;
        d.private_note = note;
        return store::record_entry(db, d, now, "demo");
    };
    using std::nullopt;

    store::FundingGoal goal;
    goal.period = "monthly";
    goal.amount = 25000;
    goal.currency = "EUR";
    goal.valid_from = month_back(this_month, 11) + "-01";
    goal.created_by = "demo";
    store::add_goal(db, goal, now);

    for (int ago = 11; ago >= 0; --ago) {
        size_t k = static_cast<size_t>(ago);
        add(ago, 2, "expense", 4500, "EUR", "servers", nullopt, nullopt, "Location baie + transit, facture mensuelle");
        add(ago, 3, "donation", 1000, "EUR", "", nullopt, member(k), "Virement mensuel");
        add(ago, 8, "donation", 500 + static_cast<int64_t>(k % 4) * 500, "EUR", "", nullopt, nullopt, "Liberapay");
        if (ago % 3 == 0) add(ago, 12, "donation", 3000, "EUR", "", std::string("Camille D."), member(k + 1), "Chèque");
        add(ago, 15, "expense", 1850 + static_cast<int64_t>(k % 3) * 120, "EUR", "electricity", nullopt, nullopt,
            "Part de la facture d'électricité du local");
        add(ago, 20, "donation", 2000, "EUR", "", nullopt, nullopt, "HelloAsso");
    }
    // Membership fees, mostly at the start of the season.
    for (int i = 0; i < 6; ++i)
        add(10, 5 + i, "membership_fee", i % 2 ? 2000 : 1000, "EUR", "", nullopt, member(static_cast<size_t>(i)),
            "Adhésion annuelle");
    add(9, 14, "grant", 150000, "EUR", "", std::string("Région Auvergne-Rhône-Alpes"), nullopt,
        "Appel à projets numérique solidaire");
    add(7, 9, "in_kind", 60000, "EUR", "", std::string("La Ressourcerie des Collines"), nullopt,
        "Serveur reconditionné (valeur estimée)");
    add(8, 21, "expense", 3600, "EUR", "domains", nullopt, nullopt, "Renouvellement chaton-collines.example");
    add(2, 21, "expense", 1200, "EUR", "domains", nullopt, nullopt, "Nom de domaine du pad");
    add(6, 17, "expense", 12990, "EUR", "hardware", nullopt, nullopt, "Disques pour les sauvegardes");
    add(5, 10, "volunteer_time", 600, "HOUR", "", nullopt, member(2), "Install party");
    add(3, 4, "volunteer_time", 350, "HOUR", "", nullopt, nullopt, "Migration de Nextcloud");
    add(1, 25, "volunteer_time", 250, "HOUR", "", std::string("Dominique"), member(3), "Permanence d'accueil");
    // A donation typed twice by mistake, then corrected.
    add(4, 11, "donation", 5000, "EUR", "", nullopt, nullopt, "Virement");
    auto twice = add(4, 11, "donation", 5000, "EUR", "", nullopt, nullopt, "Saisi deux fois par erreur");
    store::reverse_entry(db, twice.id, "Doublon de la saisie précédente", now, "demo");
}

}  // namespace chatiere::demo
