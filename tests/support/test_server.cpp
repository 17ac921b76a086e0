#include "support/test_server.h"

#include <sodium.h>
#include <unistd.h>

#include "demo/demo.h"

namespace chatiere::testing {

TempDb::TempDb() {
    char buf[32];
    unsigned char rnd[8];
    randombytes_buf(rnd, sizeof rnd);
    std::snprintf(buf, sizeof buf, "%02x%02x%02x%02x%02x%02x", rnd[0], rnd[1], rnd[2], rnd[3], rnd[4], rnd[5]);
    path = (std::filesystem::temp_directory_path() / ("chatiere-test-" + std::to_string(getpid()) + "-" + buf + ".db"))
               .string();
}

TempDb::~TempDb() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

TestServer::TestServer(const std::function<void(Config&)>& configure, bool demo) {
    Config cfg;
    cfg.db = db.path;
    cfg.access_log = false;
    cfg.min_threads = 2;
    cfg.timezone = "Europe/Paris";
    // Tests change the database behind the portal's back; the page cache has its own test.
    cfg.page_cache_seconds = 0;
    if (configure) configure(cfg);
    app = make_app(cfg);
    app->clock = [this] { return now; };
    if (demo) {
        auto lease = app->db->acquire();
        demo::seed_demo(*lease, *app->time_zone(), now);
    }
    server = std::make_unique<http::Server>(*app, http::route_table());
    port = server->bind("127.0.0.1", 0);
    thread = std::thread([this] { server->run(); });
    // Wait until it answers.
    for (int i = 0; i < 200; ++i) {
        httplib::Client c("127.0.0.1", port);
        if (c.Get("/healthz")) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

TestServer::~TestServer() {
    server->stop();
    if (thread.joinable()) thread.join();
}

httplib::Client TestServer::client() const {
    httplib::Client c("127.0.0.1", port);
    c.set_connection_timeout(5);
    c.set_read_timeout(10);
    return c;
}

std::string csrf_from(const std::string& html) {
    auto pos = html.find("name=\"_csrf\" value=\"");
    if (pos == std::string::npos) return {};
    pos += 20;
    return html.substr(pos, html.find('"', pos) - pos);
}

std::string cookie_from(const httplib::Result& res, const std::string& name) {
    if (!res) return {};
    auto range = res->headers.equal_range("Set-Cookie");
    for (auto it = range.first; it != range.second; ++it) {
        const std::string& v = it->second;
        if (v.rfind(name + "=", 0) == 0) return v.substr(name.size() + 1, v.find(';') - name.size() - 1);
    }
    return {};
}

}  // namespace chatiere::testing
