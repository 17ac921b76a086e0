// Markdown written by the admin (pages, news, incidents) rendered to HTML.
#include <algorithm>
#include <cctype>
#include <string>

#include "fuzz_check.h"
#include "text/markdown.h"

using chatiere::text::markdown_to_html;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    int heading_offset = data[0] % 6;  // the pages use 0 (no enclosing heading) to 2
    std::string_view markdown = fuzz_input(data + 1, size - 1);
    std::string html = markdown_to_html(markdown, heading_offset);

    std::string lower = html;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    // Raw HTML is dropped, so the only tags are cmark's own.
    FUZZ_CHECK(lower.find("<script") == std::string::npos);
    FUZZ_CHECK(lower.find("<iframe") == std::string::npos);
    FUZZ_CHECK(lower.find("<style") == std::string::npos);
    FUZZ_CHECK(lower.find("href=\"javascript:") == std::string::npos);
    // Images only from this site.
    for (size_t p = 0; (p = lower.find("<img src=\"", p)) != std::string::npos; ++p) {
        std::string_view src = std::string_view(lower).substr(p + 10);
        FUZZ_CHECK(src.substr(0, 1) == "/" && src.substr(0, 2) != "//" && src.substr(0, 2) != "/\\");
    }
    // Headings never above the level the text sits under.
    for (int level = 1; level <= heading_offset && level <= 6; ++level)
        FUZZ_CHECK(lower.find("<h" + std::to_string(level) + ">") == std::string::npos);
    return 0;
}
