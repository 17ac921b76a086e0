#pragma once
// SQL for the hoster's logo.
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

// The hoster's uploaded logo (one), served at /logo.
namespace chatiere::store {

struct Logo {
    std::string content_type;
    std::vector<unsigned char> bytes;
    std::string sha256;  // hex, the ETag
    int64_t uploaded_at = 0;
};

std::optional<Logo> find_logo(db::Database& db);
void save_logo(db::Database& db, const Logo& logo, std::optional<int64_t> uploaded_by);
void delete_logo(db::Database& db);

}  // namespace chatiere::store
