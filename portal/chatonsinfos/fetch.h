#pragma once
// Fetching a URL for `profile check` (bounded time and size).
#include <string>

#include "chatonsinfos/checker.h"

namespace chatiere::chatonsinfos {

// Fetches an http(s) URL with httplib: 5 s to connect, 10 s to read, up to 3 redirects,
// at most `max_bytes` of body. Never throws.
Fetched fetch_url(const std::string& url, size_t max_bytes = 1 << 20);

}  // namespace chatiere::chatonsinfos
