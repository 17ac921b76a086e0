#include "http/access_log.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <mutex>
#include <string>

namespace chatiere::http {

namespace {

constexpr const char* kPattern = "%Y-%m-%d %H:%M:%S.%e %l %v";

// Lines are formatted by each request thread on its own, outside the lock; the lock only
// covers appending to the batch.
class BatchedStderrSink final : public spdlog::sinks::sink {
public:
    ~BatchedStderrSink() override {
        std::lock_guard lock(mutex_);
        write_out();
    }
    void log(const spdlog::details::log_msg& msg) override {
        thread_local spdlog::pattern_formatter formatter(kPattern);
        spdlog::memory_buf_t line;
        formatter.format(msg, line);
        std::lock_guard lock(mutex_);
        buffer_.append(line.data(), line.size());
        if (buffer_.size() >= kBatchBytes) write_out();
    }
    void flush() override {
        std::lock_guard lock(mutex_);
        write_out();
    }
    // The pattern is fixed (kPattern).
    void set_pattern(const std::string&) override {}
    void set_formatter(std::unique_ptr<spdlog::formatter>) override {}

private:
    static constexpr size_t kBatchBytes = 32 * 1024;

    void write_out() {
        size_t done = 0;
        while (done < buffer_.size()) {
            ssize_t n = ::write(STDERR_FILENO, buffer_.data() + done, buffer_.size() - done);
            if (n <= 0) break;  // nowhere to log to: drop the batch rather than block requests
            done += static_cast<size_t>(n);
        }
        buffer_.clear();
    }

    std::mutex mutex_;
    std::string buffer_;
};

}  // namespace

std::shared_ptr<spdlog::logger> access_logger() {
    static std::shared_ptr<spdlog::logger> logger = [] {
        auto l = std::make_shared<spdlog::logger>("access", std::make_shared<BatchedStderrSink>());
        spdlog::register_logger(l);
        spdlog::flush_every(std::chrono::seconds(1));  // flushes every registered logger
        return l;
    }();
    return logger;
}

}  // namespace chatiere::http
