#pragma once
// SQL for the profile signing key pair and each published file's last hash.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

// Storage of the published profile: the signing key pair and each file's last content hash.
namespace chatiere::store {

struct SigningKey {
    int64_t id = 0;
    std::string public_key;               // base64
    std::vector<unsigned char> secret_key;  // 64 bytes (libsodium crypto_sign secret key)
    int64_t created_at = 0;
};

// The current key (newest not retired), if any.
std::optional<SigningKey> current_signing_key(db::Database& db);
int64_t insert_signing_key(db::Database& db, const std::string& public_key, const std::vector<unsigned char>& secret_key,
                           int64_t now);

struct ProfileFileState {
    std::string content_hash;
    int64_t changed_at = 0;
};
std::optional<ProfileFileState> profile_file_state(db::Database& db, std::string_view name);
void save_profile_file_state(db::Database& db, std::string_view name, std::string_view content_hash, int64_t changed_at);
// When the profile was first published: the earliest first publication of any file (each
// file's is set when it is first saved above). nullopt before anything was published.
std::optional<int64_t> profile_first_published_at(db::Database& db);

}  // namespace chatiere::store
