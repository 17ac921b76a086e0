// Link-time companions of properties_fuzz. portal/chatonsinfos/checker.cpp also holds check_own
// (our published files, read from the database and signed) and describe (wording from the
// catalogue); linking their real dependencies would mean compiling most of the portal for
// this one target. properties_fuzz only calls parse_properties and check_text, so the
// functions those two need are defined here to stop the run loudly if they are ever reached.
#include <cstdio>
#include <cstdlib>

#include "i18n/catalog.h"
#include "chatonsinfos/publisher.h"
#include "chatonsinfos/publishing_checks.h"
#include "chatonsinfos/signing.h"
#include "chatonsinfos/writer.h"

namespace {
[[noreturn]] void unreachable(const char* what) {
    std::fprintf(stderr, "properties_fuzz: %s is not linked in this fuzz target\n", what);
    std::abort();
}
}  // namespace

namespace chatiere::chatonsinfos {
std::string ensure_signing_key(db::Database&, int64_t) { unreachable("ensure_signing_key"); }
std::vector<std::string> published_files(db::Database&) { unreachable("published_files"); }
std::optional<FileContent> metrics_content(db::Database&, const Site&, std::string_view, int64_t) {
    unreachable("metrics_content");
}
std::optional<Published> publish(db::Database&, const Site&, std::string_view, int64_t) { unreachable("publish"); }
bool verify_signature(std::string_view, std::string_view, std::string_view) { unreachable("verify_signature"); }
void check_publishing(db::Database&, const Site&, const std::vector<std::pair<std::string, std::string>>&, Report&) {
    unreachable("check_publishing");
}
}  // namespace chatiere::chatonsinfos

namespace chatiere::i18n {
const std::string& Catalog::t(std::string_view, std::string_view) const { unreachable("Catalog::t"); }
std::string Catalog::t(std::string_view, std::string_view, const Params&) const { unreachable("Catalog::t"); }
}  // namespace chatiere::i18n
