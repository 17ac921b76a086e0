#include "text/markdown.h"

#include <cmark.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <vector>

namespace chatiere::text {

namespace {
bool is_local_url(const char* url) {
    if (!url) return false;
    std::string_view u(url);
    return !u.empty() && u[0] == '/' && (u.size() == 1 || (u[1] != '/' && u[1] != '\\'));
}
}  // namespace

std::string markdown_to_html(std::string_view markdown, int heading_offset) {
    const int options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SMART;
    std::unique_ptr<cmark_node, decltype(&cmark_node_free)> doc(
        cmark_parse_document(markdown.data(), markdown.size(), options), &cmark_node_free);
    if (!doc) return {};

    // The highest heading of the text becomes level heading_offset + 1, the others keep
    // their distance to it: "## A" then "### B" under a page's <h1> become <h2> and <h3>.
    int top = 7;
    cmark_iter* scan = cmark_iter_new(doc.get());
    for (cmark_event_type ev; (ev = cmark_iter_next(scan)) != CMARK_EVENT_DONE;) {
        cmark_node* node = cmark_iter_get_node(scan);
        if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING)
            top = std::min(top, cmark_node_get_heading_level(node));
    }
    cmark_iter_free(scan);
    int shift = top == 7 ? 0 : heading_offset + 1 - top;

    cmark_iter* iter = cmark_iter_new(doc.get());
    std::vector<cmark_node*> remote_images;
    for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
        cmark_node* node = cmark_iter_get_node(iter);
        if (ev != CMARK_EVENT_ENTER) continue;
        if (cmark_node_get_type(node) == CMARK_NODE_IMAGE && !is_local_url(cmark_node_get_url(node)))
            remote_images.push_back(node);
        if (cmark_node_get_type(node) == CMARK_NODE_HEADING) {
            int level = cmark_node_get_heading_level(node) + shift;
            cmark_node_set_heading_level(node, std::clamp(level, 1, 6));
        }
    }
    cmark_iter_free(iter);

    // An image from another site becomes a link to it, with the image's description as text.
    for (cmark_node* image : remote_images) {
        cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
        cmark_node_set_url(link, cmark_node_get_url(image));
        const char* title = cmark_node_get_title(image);
        if (title) cmark_node_set_title(link, title);
        while (cmark_node* child = cmark_node_first_child(image)) {
            cmark_node_unlink(child);
            cmark_node_append_child(link, child);
        }
        if (!cmark_node_first_child(link)) {
            cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
            cmark_node_set_literal(text, cmark_node_get_url(image));
            cmark_node_append_child(link, text);
        }
        cmark_node_replace(image, link);
        cmark_node_free(image);
    }

    char* html = cmark_render_html(doc.get(), options);
    std::string out = html ? html : "";
    std::free(html);
    return out;
}

}  // namespace chatiere::text
