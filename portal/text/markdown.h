#pragma once
// Markdown to safe HTML, for pages, news and incident updates.
#include <string>
#include <string_view>

namespace chatiere::text {

// Markdown (CommonMark) to HTML that is safe to insert in a page: raw HTML is dropped,
// javascript:/vbscript:/file:/data: links are emptied (cmark's safe mode), and images from
// other sites become plain links, so a page never loads anything from a third party.
// Invalid UTF-8 is replaced. `heading_offset` is the level of the heading the text sits
// under: the text's highest heading becomes level heading_offset + 1 and the others follow,
// so headings never skip a level and an admin's "# Title" never competes with the page's <h1>.
std::string markdown_to_html(std::string_view markdown, int heading_offset = 1);

}  // namespace chatiere::text
