#pragma once
#include <httplib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "app.h"
#include "http/server.h"

namespace chatiere::testing {

// A unique temporary file path, removed (with its -wal/-shm) when destroyed.
struct TempDb {
    std::string path;
    TempDb();
    ~TempDb();
};

// A real portal on 127.0.0.1 and an ephemeral port, on a fresh database, with a clock the
// test can move. `configure` may change the config before start (base_url, limits…).
struct TestServer {
    TempDb db;
    std::unique_ptr<App> app;
    std::unique_ptr<http::Server> server;
    std::thread thread;
    int port = 0;
    int64_t now = 1764000000;  // 2025-11-24T16:00:00Z; tests move it

    explicit TestServer(const std::function<void(Config&)>& configure = {}, bool demo = true);
    ~TestServer();

    httplib::Client client() const;
    std::string base() const { return "http://127.0.0.1:" + std::to_string(port); }
};

// Pulls the value of the hidden _csrf field out of a page.
std::string csrf_from(const std::string& html);
// The Set-Cookie value for cookie `name` in a response ("" if none).
std::string cookie_from(const httplib::Result& res, const std::string& name);

}  // namespace chatiere::testing
