// chatiere incident …: open, update and resolve incidents and maintenance from the host, the
// day the web side is in trouble or from a monitoring script. The same actions as the admin
// pages (actions/incidents.h): same checks, members' mail, webhooks and audit line.
#include <pwd.h>
#include <unistd.h>

#include <ctime>
#include <iostream>

#include "actions/incidents.h"
#include "app.h"
#include "cli/common.h"
#include "store/incidents.h"
#include "store/services.h"

namespace chatiere::cli {

namespace {

struct Options {
    std::string kind = "incident", title, impact = "minor", state, body, start, end;
    std::vector<std::string> services;
    int64_t id = 0;
};

// The audit log's name for whoever runs the command: "cli:<unix user>" (the effective user,
// who is the database's owner once prepare_database has switched to it).
actions::Actor cli_actor() {
    const passwd* pw = getpwuid(geteuid());
    return {std::nullopt, "cli:" + (pw ? std::string(pw->pw_name) : std::to_string(geteuid()))};
}

// The option each field of the action comes from, for the error message.
std::string option_of(const std::string& field) {
    if (field == "window_start") return "--start";
    if (field == "window_end") return "--end";
    if (field == "services") return "--service";
    return "--" + field;
}

// ISO 8601: "2026-12-01T21:00" (or with ":SS"), in the portal's time zone, or followed by "Z" or
// "+02:00" for another offset. A space may stand for the "T".
std::optional<int64_t> parse_iso(const i18n::TimeZone& zone, const std::string& v) {
    std::tm tm{};
    int sec = 0, used = 0;
    if (std::sscanf(v.c_str(), "%4d-%2d-%2d%*1[T ]%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                    &tm.tm_min, &used) != 5 || used != 16)
        return std::nullopt;
    std::string rest = v.substr(used);
    if (rest.size() >= 3 && rest[0] == ':') {
        if (!std::isdigit(static_cast<unsigned char>(rest[1])) || !std::isdigit(static_cast<unsigned char>(rest[2])))
            return std::nullopt;
        sec = (rest[1] - '0') * 10 + (rest[2] - '0');
        rest = rest.substr(3);
    }
    if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
        sec > 59)
        return std::nullopt;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_sec = sec;
    if (rest.empty()) {
        return zone.to_utc(tm);
    }
    int64_t offset = 0;
    if (rest != "Z") {
        int h = 0, m = 0;
        if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':' ||
            std::sscanf(rest.c_str() + 1, "%2d:%2d", &h, &m) != 2 || h > 23 || m > 59)
            return std::nullopt;
        offset = (h * 3600 + m * 60) * (rest[0] == '-' ? -1 : 1);
    }
    return static_cast<int64_t>(timegm(&tm)) - offset;
}

struct Refused {
    std::string message;
};

// SLUG=EFFECT (EFFECT as the write API takes it; degraded_performance is our "degraded"), or
// SLUG alone with `default_effect`. `allowed` judges the effect.
std::pair<int64_t, std::string> service_of(db::Database& db, const std::string& arg, const std::string& default_effect,
                                           bool (*allowed)(std::string_view)) {
    auto eq = arg.find('=');
    std::string slug = arg.substr(0, eq);
    std::string effect = eq == std::string::npos ? default_effect : arg.substr(eq + 1);
    if (effect == "degraded_performance") effect = "degraded";
    auto s = store::find_service_by_slug(db, slug);
    if (!s) throw Refused{"--service \"" + arg + "\": no service has the slug \"" + slug + "\""};
    if (effect.empty() || !allowed(effect))
        throw Refused{"--service \"" + arg + "\": the effect must be degraded_performance, partial_outage or major_outage" +
                      std::string(allowed == actions::is_update_effect ? " (or operational)" : "")};
    return {s->id, effect};
}

bool is_open_effect(std::string_view e) { return e != "operational" && actions::is_update_effect(e); }

// Runs `command` over the portal's database and prints the incident's id alone on the last line.
int run_command(const Config& cfg, const std::function<std::string(const actions::Context&, int64_t&)>& command) {
    auto app = open_app(cfg, Missing::Refuse);
    auto db = app->db->acquire();
    auto zone = app->time_zone();
    actions::Context c{*db, app->now(), app->config, app->catalog, *zone, cli_actor()};
    int64_t id = 0;
    std::string error;
    try {
        error = command(c, id);
    } catch (const Refused& r) {
        error = r.message;
    }
    if (!error.empty()) {
        std::cerr << "chatiere: " << error << "\nchatiere: nothing was written\n";
        return 1;
    }
    std::cout << id << "\n";
    return 0;
}

std::string text_of(const actions::Context& c, const std::string& key) { return c.catalog.t("en", key); }

std::string cmd_open(const actions::Context& c, const Options& o, int64_t& id) {
    auto kind = domain::parse_incident_kind(o.kind);
    if (!kind) return "--kind \"" + o.kind + "\": must be incident or maintenance";
    bool maintenance = *kind == domain::IncidentKind::Maintenance;
    actions::IncidentInput in;
    in.kind = *kind;
    in.title = o.title;
    in.impact = o.impact;
    in.state = o.state.empty() ? "investigating" : o.state;
    in.body = o.body;
    for (const auto& s : o.services)
        in.services.push_back(service_of(c.db, s, maintenance ? "major_outage" : "", is_open_effect));
    if (maintenance) {
        if (!o.start.empty() && !(in.scheduled_start = parse_iso(c.zone, o.start)))
            return "--start \"" + o.start + "\": not a date and time like 2026-12-01T21:00 (local) or 2026-12-01T20:00Z";
        if (!o.end.empty() && !(in.scheduled_end = parse_iso(c.zone, o.end)))
            return "--end \"" + o.end + "\": not a date and time like 2026-12-01T23:00 (local) or 2026-12-01T22:00Z";
    } else if (!o.start.empty() || !o.end.empty()) {
        return "--start and --end are for --kind maintenance";
    }
    if (in.title.find_first_of("\r\n") != std::string::npos) return "--title: one line only";
    auto opened = actions::open_incident(c, in);
    if (!opened.errors.empty()) {
        std::string out;
        for (const auto& [field, key] : opened.errors)
            out += (out.empty() ? "" : "\nchatiere: ") + option_of(field) + ": " +
                   (key == "front.incident.no_service_chosen" ? "name at least one affected service (SLUG=EFFECT)"
                                                              : text_of(c, key));
        return out;
    }
    id = opened.id;
    return "";
}

std::string refusal(const actions::Context& c, int64_t id, const std::string& key) {
    if (key == "status.api.not_found") return "no incident has the id " + std::to_string(id);
    std::string option = key == "front.incident.update_body_needed" || key == "status.error.too_long" ? "--body"
                         : key == "status.error.choice" ? "--service"
                                                       : "--state";
    return option + ": " + text_of(c, key);
}

std::string cmd_update(const actions::Context& c, const Options& o, int64_t& id) {
    id = o.id;
    actions::UpdateInput in;
    if (!o.state.empty()) in.state = o.state;
    in.body = o.body;
    for (const auto& s : o.services) in.effects.push_back(service_of(c.db, s, "", actions::is_update_effect));
    auto err = actions::update_incident(c, o.id, in);
    return err.empty() ? "" : refusal(c, o.id, err);
}

std::string cmd_resolve(const actions::Context& c, const Options& o, int64_t& id) {
    id = o.id;
    auto err = actions::resolve_incident(c, o.id, o.body);
    return err.empty() ? "" : refusal(c, o.id, err);
}

}  // namespace

void add_incident_commands(CLI::App& cli, Globals& g, Action& run) {
    auto o = std::make_shared<Options>();
    auto* incident = cli.add_subcommand(
        "incident", "Open, update and resolve incidents and maintenance, as the admin pages do (members' mail, "
                    "webhooks, audit line as cli:<unix user>); prints the incident's id on the last line");
    incident->require_subcommand(1);
    const char* effects = "degraded_performance, partial_outage or major_outage";

    auto* open = incident->add_subcommand("open", "Open an incident, or schedule a maintenance with --kind maintenance");
    open->add_option("--kind", o->kind, "incident (default) or maintenance");
    open->add_option("--title", o->title, "what the public sees, one line (required)");
    open->add_option("--service", o->services,
                     std::string("SLUG=EFFECT, once per affected service; EFFECT: ") + effects +
                         " (a maintenance takes SLUG alone: major_outage)")
        ->allow_extra_args(false);
    open->add_option("--impact", o->impact, "incident: none, minor (default), major or critical");
    open->add_option("--state", o->state, "incident: investigating (default), identified or monitoring");
    open->add_option("--body", o->body, "the first update (Markdown)");
    open->add_option("--start", o->start,
                     "maintenance: start, ISO 8601 (2026-12-01T21:00 in the portal's time zone, or with Z or +01:00)");
    open->add_option("--end", o->end, "maintenance: end, ISO 8601 like --start");

    auto* update = incident->add_subcommand("update", "Post an update to an incident or maintenance");
    update->add_option("ID", o->id, "the incident's id")->required();
    update->add_option("--state", o->state,
                       "new state (default: unchanged): identified, monitoring, resolved; for a maintenance "
                       "in_progress, completed");
    update->add_option("--body", o->body, "the update (Markdown; required)");
    update->add_option("--service", o->services,
                       std::string("SLUG=EFFECT, how a service is affected from now on; EFFECT: operational, ") +
                           effects)
        ->allow_extra_args(false);

    auto* resolve = incident->add_subcommand("resolve", "Resolve an incident (complete a maintenance)");
    resolve->add_option("ID", o->id, "the incident's id")->required();
    resolve->add_option("--body", o->body, "a last word (Markdown)");

    auto run_with = [&g, &run, o](auto command) {
        return [&g, &run, o, command] {
            run = [&g, o, command] {
                Config cfg = load_config(g);
                return run_command(cfg, [o, command](const actions::Context& c, int64_t& id) {
                    return command(c, *o, id);
                });
            };
        };
    };
    open->callback(run_with(cmd_open));
    update->callback(run_with(cmd_update));
    resolve->callback(run_with(cmd_resolve));
}

}  // namespace chatiere::cli
