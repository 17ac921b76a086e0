#pragma once
// The access log: one line per request, on standard error with the rest of the log (journald
// under systemd), but written in batches — when 32 KiB have gathered, and at least every
// second — so that a busy portal does not make one write(2) per request. A line can thus
// appear up to a second after the error lines logged around it.
#include <spdlog/logger.h>

#include <memory>

namespace chatiere::http {

std::shared_ptr<spdlog::logger> access_logger();

}  // namespace chatiere::http
