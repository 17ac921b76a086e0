#include "demo/demo.h"
#include "store/members.h"
#include "store/services.h"

namespace chatiere::demo {

// Ten fictional members with their services. None has a password: the demo holds no account
// anyone can log in with (the admin makes theirs with `chatiere user add`).
void seed_members(db::Database& db, int64_t now) {
    struct Person {
        const char* name;
        const char* display;
        const char* locale;
        const char* status;
        std::initializer_list<const char*> services;
    };
    const Person people[] = {
        {"camille", "Camille Roux", "fr", "active", {"cloud", "mail", "discussion"}},
        {"yannick", "Yannick Le Goff", "fr", "active", {"cloud", "mail"}},
        {"amina", "Amina Diallo", "fr", "active", {"mail", "videos"}},
        {"lucas", "Lucas Martin", "fr", "active", {"cloud"}},
        {"ines", "Inès Garcia", "fr", "active", {"discussion", "cloud"}},
        {"thomas", "Thomas Bernard", "fr", "active", {"mail"}},
        {"sarah", "Sarah Cohen", "en", "active", {"cloud", "videos"}},
        {"paul", "Paul Fontaine", "fr", "suspended", {"cloud"}},
        {"lea", "Léa Petit", "fr", "pending", {}},
        {"assoc-jardins", "Les Jardins partagés", "fr", "active", {"cloud", "discussion", "mail"}},
    };
    int i = 0;
    for (const auto& p : people) {
        store::Member m;
        m.name = p.name;
        m.display_name = p.display;
        m.email = std::string(p.name) + "@chaton-collines.example";
        m.status = *domain::parse_member_status(p.status);
        m.email_verified = m.status != domain::MemberStatus::Pending;
        m.locale = p.locale;
        int64_t joined = now - (400 - 35 * i++) * 86400LL;
        int64_t id = store::insert_member(db, m, joined);
        for (const char* slug : p.services)
            if (auto s = store::find_service_by_slug(db, slug))
                store::attach_service(db, id, s->id, std::string(p.name) + (std::string(slug) == "mail" ? "@chaton-collines.example" : ""),
                                      joined);
    }
}

}  // namespace chatiere::demo
