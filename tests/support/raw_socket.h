#pragma once
// Raw TCP to a test portal, for what an HTTP client library will not send (smuggling,
// half requests, slow uploads).
#include <string>

namespace chatiere::testing {

// A connection to 127.0.0.1:PORT whose reads give up after TIMEOUT_MS; -1 if refused.
int connect_loopback(int port, int timeout_ms = 3000);
// Sends all of DATA; false if the server closed first.
bool send_all(int fd, const std::string& data);
// Everything the server sends until it closes (or the read timeout); closes FD.
std::string read_until_closed(int fd);
// Sends REQUEST on a new connection and returns everything the server answers until it closes.
std::string raw_exchange(int port, const std::string& request, int timeout_ms = 3000);

}  // namespace chatiere::testing
