#include "api/status_json.h"

#include "app.h"

namespace chatiere::api {

JsonContext make_json_context(http::Ctx& ctx, std::optional<bool> members) {
    return status::make_json_context(ctx.db(), ctx.now(), members.value_or(ctx.user.has_value()),
                                     ctx.app.config.base_url, ctx.app.config.timezone, ctx.app.catalog, ctx.lang);
}

}  // namespace chatiere::api
