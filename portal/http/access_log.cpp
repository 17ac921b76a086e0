#include "http/access_log.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <mutex>
#include <string>

namespace chatiere::http {

namespace {

class BatchedStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    ~BatchedStderrSink() override {
        std::lock_guard lock(mutex_);
        write_out();
    }

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        spdlog::memory_buf_t line;
        formatter_->format(msg, line);
        buffer_.append(line.data(), line.size());
        if (buffer_.size() >= kBatchBytes) write_out();
    }
    void flush_() override { write_out(); }

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

    std::string buffer_;
};

}  // namespace

std::shared_ptr<spdlog::logger> access_logger() {
    static std::shared_ptr<spdlog::logger> logger = [] {
        auto l = std::make_shared<spdlog::logger>("access", std::make_shared<BatchedStderrSink>());
        l->set_pattern("%Y-%m-%d %H:%M:%S.%e %l %v");
        spdlog::register_logger(l);
        spdlog::flush_every(std::chrono::seconds(1));  // flushes every registered logger
        return l;
    }();
    return logger;
}

}  // namespace chatiere::http
