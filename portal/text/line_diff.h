#pragma once
// A line diff of two texts, for "what changed since version N" of the hoster's pages.
#include <string>
#include <string_view>
#include <vector>

namespace chatiere::text {

// A line diff: each line of the new text kept (' '), added ('+'), or each line of the old
// text removed ('-'), in reading order. Longest common subsequence on lines, after the
// common head and tail are set aside; very long, very different texts fall back to
// "everything removed, everything added".
struct DiffLine {
    char op;  // ' ', '+', '-'
    std::string text;
};
std::vector<DiffLine> line_diff(std::string_view old_text, std::string_view new_text);

}  // namespace chatiere::text
