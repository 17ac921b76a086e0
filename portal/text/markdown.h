#pragma once
#include <string>
#include <string_view>

namespace chatiere::text {

// Markdown (CommonMark) to HTML that is safe to insert in a page: raw HTML is dropped,
// javascript:/vbscript:/file:/data: links are emptied (cmark's safe mode), and images from
// other sites become plain links, so a page never loads anything from a third party.
// Invalid UTF-8 is replaced. Headings are shifted down by `heading_offset` levels so that
// an admin's "# Title" does not compete with the page's own <h1>.
std::string markdown_to_html(std::string_view markdown, int heading_offset = 1);

}  // namespace chatiere::text
