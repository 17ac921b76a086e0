#pragma once
// The error a handler throws, rendered centrally as a page or JSON.
#include <stdexcept>
#include <string>

#include "i18n/catalog.h"

namespace chatiere::http {

// Thrown by handlers; rendered in one place as a translated error page or JSON error.
// `message_key` is a catalogue key (empty: the status's default message); `params` fill it.
struct HttpError : std::runtime_error {
    int status;
    std::string message_key;
    i18n::Params params;
    HttpError(int status, std::string message_key = {}, i18n::Params params = {})
        : std::runtime_error("HTTP " + std::to_string(status) + " " + message_key),
          status(status),
          message_key(std::move(message_key)),
          params(std::move(params)) {}
};

}  // namespace chatiere::http
