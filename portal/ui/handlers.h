#pragma once
#include <string>

#include "http/context.h"
#include "http/router.h"

// Page handlers, one small file per page or action (portal/ui/*.cpp). Each reads the
// request, calls store/, and renders a template; none writes SQL.
namespace chatiere::ui {

// public pages
void home(http::Ctx& ctx);                           // home.cpp
http::Handler content_page(std::string slug);        // content_page.cpp: /about, /terms…
void extra_page(http::Ctx& ctx);                     // content_page.cpp: /pages/:slug

// infrastructure
void healthz(http::Ctx& ctx);                        // health.cpp
void static_file(http::Ctx& ctx);                    // static_file.cpp
void robots_txt(http::Ctx& ctx);                     // static_file.cpp

}  // namespace chatiere::ui
