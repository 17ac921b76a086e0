#include "http/telemetry.h"

#include "net/ip.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <unistd.h>

#include <array>
#include <charconv>
#include <iterator>
#include <atomic>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <tuple>

namespace chatiere::http::telemetry {

namespace {

// Label values: backslash, double quote and line feed escaped (text format 0.0.4).
std::string label(std::string_view v) {
    std::string out;
    for (char c : v) {
        if (c == '\\') out += "\\\\";
        else if (c == '"') out += "\\\"";
        else if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

// The shortest text that reads back as `v` ("0.0025", not "0.0025000000000000001").
std::string number(double v) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    return ec == std::errc() ? std::string(buf, end) : std::string("0");
}

void header(std::string& out, std::string_view name, std::string_view type, std::string_view help) {
    out += "# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type;
    out += '\n';
}

void sample(std::string& out, std::string_view name, std::string_view labels, const std::string& value) {
    out += name;
    if (!labels.empty()) {
        out += '{';
        out += labels;
        out += '}';
    }
    out += ' ';
    out += value;
    out += '\n';
}

// The standard process_* metrics.
void append_process(std::string& out, const ProcessStats& p) {
    auto u = [](auto v) { return std::to_string(v); };
    header(out, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
    sample(out, "process_resident_memory_bytes", "", u(p.resident_bytes));
    header(out, "process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.");
    sample(out, "process_virtual_memory_bytes", "", u(p.virtual_bytes));
    header(out, "process_threads", "gauge", "Threads of the process.");
    sample(out, "process_threads", "", u(p.threads));
    header(out, "process_open_fds", "gauge", "Open file descriptors.");
    sample(out, "process_open_fds", "", u(p.open_fds));
    header(out, "process_cpu_seconds_total", "counter", "User and system CPU time spent, in seconds.");
    sample(out, "process_cpu_seconds_total", "", number(p.cpu_seconds));
    header(out, "process_start_time_seconds", "gauge", "Start time of the process since the Unix epoch, in seconds.");
    sample(out, "process_start_time_seconds", "", number(p.start_time_seconds));
}

}  // namespace

void Registry::record_request(std::string_view method, std::string_view route, int status, double seconds) {
    size_t bucket = 0;
    while (bucket < std::size(kLatencyBuckets) && seconds > kLatencyBuckets[bucket]) ++bucket;
    std::lock_guard lock(mutex_);
    auto key = std::make_tuple(std::string(route), std::string(method), status);
    auto it = requests_.find(key);
    if (it == requests_.end()) requests_.emplace(std::move(key), 1);
    else ++it->second;
    ++buckets_[bucket];
    sum_ += seconds;
    ++count_;
}

Snapshot Registry::snapshot() const {
    Snapshot s;
    s.cache_hits = cache_hits_.load();
    s.cache_misses = cache_misses_.load();
    std::lock_guard lock(mutex_);
    for (const auto& [key, count] : requests_)
        s.requests.push_back({std::get<1>(key), std::get<0>(key), std::get<2>(key), count});
    uint64_t cumulative = 0;
    for (uint64_t b : buckets_) s.latency_buckets.push_back(cumulative += b);
    s.latency_sum = sum_;
    s.latency_count = count_;
    return s;
}

void Registry::reset() {
    std::lock_guard lock(mutex_);
    requests_.clear();
    buckets_.fill(0);
    sum_ = 0;
    count_ = 0;
    cache_hits_ = 0;
    cache_misses_ = 0;
}

std::string exposition(const Snapshot& s, const Gauges& g) {
    std::string out;
    auto u = [](auto v) { return std::to_string(v); };

    header(out, "chatiere_http_requests_total", "counter", "Requests answered, by route pattern, method and status.");
    uint64_t throttled = 0;
    for (const auto& r : s.requests) {
        sample(out, "chatiere_http_requests_total",
               "route=\"" + label(r.route) + "\",method=\"" + label(r.method) + "\",status=\"" + u(r.status) + "\"",
               u(r.count));
        if (r.status == 429 && r.method == "POST" && (r.route == "/login" || r.route == "/login/second-factor"))
            throttled += r.count;
    }

    header(out, "chatiere_http_request_duration_seconds", "histogram",
           "Time from reading a request to logging its answer.");
    for (size_t i = 0; i < s.latency_buckets.size(); ++i)
        sample(out, "chatiere_http_request_duration_seconds_bucket",
               "le=\"" + (i < std::size(kLatencyBuckets) ? number(kLatencyBuckets[i]) : std::string("+Inf")) + "\"",
               u(s.latency_buckets[i]));
    sample(out, "chatiere_http_request_duration_seconds_sum", "", number(s.latency_sum));
    sample(out, "chatiere_http_request_duration_seconds_count", "", u(s.latency_count));

    header(out, "chatiere_page_cache_hits_total", "counter", "Public pages served from the page cache.");
    sample(out, "chatiere_page_cache_hits_total", "", u(s.cache_hits));
    header(out, "chatiere_page_cache_misses_total", "counter", "Public pages rendered because the cache had no fresh copy.");
    sample(out, "chatiere_page_cache_misses_total", "", u(s.cache_misses));

    header(out, "chatiere_login_throttled_total", "counter",
           "Log-in attempts refused by the throttle (429 answers to the log-in and second-factor forms).");
    sample(out, "chatiere_login_throttled_total", "", u(throttled));

    header(out, "chatiere_db_pool_waits_total", "counter", "Database connection acquisitions that had to wait.");
    sample(out, "chatiere_db_pool_waits_total", "", u(g.db_pool_waits));
    header(out, "chatiere_db_pool_wait_seconds_total", "counter", "Time spent waiting for a database connection.");
    sample(out, "chatiere_db_pool_wait_seconds_total", "", number(g.db_pool_wait_seconds));

    header(out, "chatiere_outbox_messages", "gauge", "Mail messages waiting to be sent (including retries).");
    sample(out, "chatiere_outbox_messages", "", u(g.outbox_pending));
    header(out, "chatiere_outbox_oldest_age_seconds", "gauge", "Age of the oldest message waiting to be sent (0: none).");
    sample(out, "chatiere_outbox_oldest_age_seconds", "", u(g.outbox_oldest_age_seconds));

    header(out, "chatiere_members", "gauge", "Active member accounts; recent: logged in during the last 30 days.");
    sample(out, "chatiere_members", "state=\"active\"", u(g.members_active));
    sample(out, "chatiere_members", "state=\"recent\"", u(g.members_recent));

    header(out, "chatiere_open_incidents", "gauge", "Incidents not resolved and maintenances not completed.");
    sample(out, "chatiere_open_incidents", "kind=\"incident\"", u(g.open_incidents));
    sample(out, "chatiere_open_incidents", "kind=\"maintenance\"", u(g.open_maintenances));

    append_process(out, process_stats());

    header(out, "chatiere_build_info", "gauge", "Always 1; the version as a label.");
    sample(out, "chatiere_build_info", "version=\"" + label(g.version) + "\"", "1");
    return out;
}

ProcessStats process_stats() {
    ProcessStats p;
    const long page = sysconf(_SC_PAGESIZE);
    const long ticks = sysconf(_SC_CLK_TCK);
    if (std::ifstream statm("/proc/self/statm"); statm) {
        int64_t size = 0, resident = 0;
        if (statm >> size >> resident) {
            p.virtual_bytes = size * page;
            p.resident_bytes = resident * page;
        }
    }
    if (std::ifstream stat("/proc/self/stat"); stat) {
        std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
        // Fields after the command name (which may hold spaces): field 3 onwards.
        auto close = text.rfind(')');
        if (close != std::string::npos) {
            std::istringstream in(text.substr(close + 2));
            std::vector<std::string> f;
            for (std::string w; in >> w;) f.push_back(w);
            // f[0] is field 3 (state): utime 14, stime 15, num_threads 20, starttime 22.
            auto field = [&](size_t n) -> double { return n - 3 < f.size() ? std::stod(f[n - 3]) : 0; };
            if (ticks > 0) p.cpu_seconds = (field(14) + field(15)) / static_cast<double>(ticks);
            p.threads = static_cast<int64_t>(field(20));
            double boot = 0;
            if (std::ifstream s("/proc/stat"); s)
                for (std::string line; std::getline(s, line);)
                    if (line.rfind("btime ", 0) == 0) boot = std::stod(line.substr(6));
            if (ticks > 0 && boot > 0) p.start_time_seconds = boot + field(22) / static_cast<double>(ticks);
        }
    }
    if (DIR* d = opendir("/proc/self/fd")) {
        while (dirent* e = readdir(d))
            if (e->d_name[0] != '.') ++p.open_fds;
        closedir(d);
        if (p.open_fds > 0) --p.open_fds;  // the directory being read
    }
    return p;
}

bool address_allowed(std::string_view address, std::string_view list) {
    auto a = net::parse_ip(address);
    if (!a) return false;
    try {
        return net::in_any(net::parse_networks(list), *a);
    } catch (const std::invalid_argument&) {
        return false;  // refused when the configuration was loaded; never open on a bad list
    }
}

void check_address_list(std::string_view list) { net::parse_networks(list); }

}  // namespace chatiere::http::telemetry
