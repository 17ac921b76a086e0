#include "text/line_diff.h"

#include <algorithm>
#include <cstdint>

namespace chatiere::text {

namespace {
std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> out;
    if (text.empty()) return out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        out.push_back(line);
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    if (!out.empty() && out.back().empty()) out.pop_back();  // a final newline ends the last line
    return out;
}
}  // namespace

std::vector<DiffLine> line_diff(std::string_view old_text, std::string_view new_text) {
    auto a = split_lines(old_text), b = split_lines(new_text);
    size_t head = 0;
    while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
    size_t tail = 0;
    while (tail < a.size() - head && tail < b.size() - head && a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) ++tail;
    const size_t n = a.size() - head - tail, m = b.size() - head - tail;

    std::vector<DiffLine> out;
    for (size_t i = 0; i < head; ++i) out.push_back({' ', std::string(a[i])});
    constexpr size_t kMaxCells = 4'000'000;  // 16 MB of table at most
    if (n > 0 && m > 0 && (n + 1) * (m + 1) <= kMaxCells) {
        // lcs[i][j] = length of the LCS of a[head+i..] and b[head+j..]
        std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);
        auto at = [&](size_t i, size_t j) -> uint32_t& { return lcs[i * (m + 1) + j]; };
        for (size_t i = n; i-- > 0;)
            for (size_t j = m; j-- > 0;)
                at(i, j) = a[head + i] == b[head + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
        size_t i = 0, j = 0;
        while (i < n && j < m) {
            if (a[head + i] == b[head + j]) {
                out.push_back({' ', std::string(a[head + i])});
                ++i, ++j;
            } else if (at(i + 1, j) >= at(i, j + 1)) {
                out.push_back({'-', std::string(a[head + i++])});
            } else {
                out.push_back({'+', std::string(b[head + j++])});
            }
        }
        while (i < n) out.push_back({'-', std::string(a[head + i++])});
        while (j < m) out.push_back({'+', std::string(b[head + j++])});
    } else {
        for (size_t i = 0; i < n; ++i) out.push_back({'-', std::string(a[head + i])});
        for (size_t j = 0; j < m; ++j) out.push_back({'+', std::string(b[head + j])});
    }
    for (size_t i = a.size() - tail; i < a.size(); ++i) out.push_back({' ', std::string(a[i])});
    return out;
}

}  // namespace chatiere::text
