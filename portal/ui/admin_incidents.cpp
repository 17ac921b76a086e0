#include "ui/handlers.h"
#include "http/errors.h"
namespace chatiere::ui {
void admin_incidents(http::Ctx&) { throw http::HttpError(501); }
void admin_incident_new(http::Ctx&) { throw http::HttpError(501); }
void admin_incident_create(http::Ctx&) { throw http::HttpError(501); }
void admin_incident(http::Ctx&) { throw http::HttpError(501); }
void admin_incident_update(http::Ctx&) { throw http::HttpError(501); }
void admin_incident_postmortem(http::Ctx&) { throw http::HttpError(501); }
void admin_api_tokens(http::Ctx&) { throw http::HttpError(501); }
void admin_api_token_create(http::Ctx&) { throw http::HttpError(501); }
void admin_api_token_revoke(http::Ctx&) { throw http::HttpError(501); }
void admin_webhooks(http::Ctx&) { throw http::HttpError(501); }
void admin_webhook_create(http::Ctx&) { throw http::HttpError(501); }
void admin_webhook_disable(http::Ctx&) { throw http::HttpError(501); }
}
