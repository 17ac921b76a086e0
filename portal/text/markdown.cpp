#include "text/markdown.h"

#include <cmark.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace chatiere::text {

namespace {
bool is_local_url(const char* url) {
    if (!url) return false;
    std::string_view u(url);
    return !u.empty() && u[0] == '/' && (u.size() == 1 || (u[1] != '/' && u[1] != '\\'));
}

// The text of a node's descendants, as cmark writes an image's alt attribute.
std::string plain_text(cmark_node* node) {
    std::string out;
    cmark_iter* iter = cmark_iter_new(node);
    for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
        if (ev != CMARK_EVENT_ENTER) continue;
        cmark_node* n = cmark_iter_get_node(iter);
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE:
                if (const char* literal = cmark_node_get_literal(n)) out += literal;
                break;
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK: out += ' '; break;
            default: break;
        }
    }
    cmark_iter_free(iter);
    return out;
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
    int image_depth = 0;  // an image inside an image is only its text (the outer one's alt)
    for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
        cmark_node* node = cmark_iter_get_node(iter);
        if (cmark_node_get_type(node) == CMARK_NODE_IMAGE) {
            if (ev == CMARK_EVENT_ENTER && image_depth++ == 0 && !is_local_url(cmark_node_get_url(node)))
                remote_images.push_back(node);
            if (ev == CMARK_EVENT_EXIT) --image_depth;
        }
        if (ev != CMARK_EVENT_ENTER) continue;
        if (cmark_node_get_type(node) == CMARK_NODE_HEADING) {
            int level = cmark_node_get_heading_level(node) + shift;
            cmark_node_set_heading_level(node, std::clamp(level, 1, 6));
        }
    }
    cmark_iter_free(iter);

    // An image from another site becomes a link to it, with the image's description (its
    // alt text) as text. The link goes in empty and gets one text node: cmark checks that a
    // node with children is not put inside itself by walking up to the root, which made the
    // older way (moving the image's children) quadratic for many images deep in quotes.
    for (cmark_node* image : remote_images) {
        std::string description = plain_text(image);
        const char* url = cmark_node_get_url(image);
        cmark_node* link = cmark_node_new(CMARK_NODE_LINK);
        cmark_node_set_url(link, url);
        const char* title = cmark_node_get_title(image);
        if (title && *title) cmark_node_set_title(link, title);
        cmark_node_insert_before(image, link);
        cmark_node* text = cmark_node_new(CMARK_NODE_TEXT);
        cmark_node_set_literal(text, description.empty() && url ? url : description.c_str());
        cmark_node_append_child(link, text);
        cmark_node_free(image);
    }

    char* html = cmark_render_html(doc.get(), options);
    std::string out = html ? html : "";
    std::free(html);
    return out;
}

}  // namespace chatiere::text
