#pragma once
// The hoster's logo: what an uploaded file is (sniffed from its bytes, never its name).
#include <string>
#include <string_view>

namespace chatiere::media::logo {

constexpr size_t kMaxBytes = 512 * 1024;

// "image/png", "image/jpeg", "image/webp", "image/svg+xml", or "" when the bytes are none of
// these. An SVG is accepted only when it holds no script, no event-handler attribute, no
// reference outside itself (href/src/url() other than "#…", stylesheets, entities).
// `problem` gets a catalogue key when refused.
std::string sniff(std::string_view bytes, std::string& problem);

}  // namespace chatiere::media::logo
