#pragma once
// The 90-day availability bar of a service, drawn as SVG on the server.
#include <string>

#include "i18n/catalog.h"
#include "i18n/time_zone.h"
#include "store/status.h"

namespace chatiere::charts {

// One bar per day with trouble (colour by the day's worst effect, or maintenance) and one
// dashed line per run of quiet days, each with a <title> in `lang`; role="img" and labelled
// by a text alternative, which `summary` receives. Dates are days in `zone`. Text comes only from the catalogue and
// numbers, escaped.
std::string service_history_svg(const store::ServiceHistory& h, const i18n::Catalog& cat, const std::string& lang,
                                const i18n::TimeZone& zone, std::string& summary);

}  // namespace chatiere::charts
