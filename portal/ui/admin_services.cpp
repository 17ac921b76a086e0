#include "ui/handlers.h"
#include "http/errors.h"
namespace chatiere::ui {
void admin_services(http::Ctx&) { throw http::HttpError(501); }
void admin_service_form(http::Ctx&) { throw http::HttpError(501); }
void admin_service_submit(http::Ctx&) { throw http::HttpError(501); }
}
