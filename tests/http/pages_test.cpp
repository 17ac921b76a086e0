#include <doctest/doctest.h>

#include <chrono>
#include <set>

#include "text/line_diff.h"
#include "store/audit.h"
#include "store/members.h"
#include "store/news.h"
#include "store/settings.h"
#include "store/page_versions.h"
#include "store/pages.h"
#include "store/services.h"
#include "support/auth.h"
#include "media/logo.h"
#include "ui/pages_admin_common.h"

using namespace chatiere;
using testing::Browser;
using testing::TestServer;

namespace {

bool has(const std::string& body, const std::string& what) { return body.find(what) != std::string::npos; }

httplib::MultipartFormDataItems page_fields(const std::string& title, const std::string& body,
                                            const std::string& position = "0") {
    return {{"title", title, "", ""}, {"body", body, "", ""}, {"position", position, "", ""}};
}

std::set<std::string> audit_actions(TestServer& s) {
    auto db = s.app->db->acquire();
    std::set<std::string> out;
    for (const auto& e : store::audit_page(*db, 0, 200)) out.insert(e.action);
    return out;
}

// A minimal PNG header followed by `size` bytes in all.
std::string png_of_size(size_t size) {
    std::string b = "\x89PNG\r\n\x1a\n";
    b += std::string("\0\0\0\rIHDR", 8);
    b.resize(size, '\0');
    return b;
}

}  // namespace

TEST_SUITE("pages") {
    TEST_CASE("line diff marks added and removed lines around common ones") {
        auto d = text::line_diff("a\nb\nc\nd\n", "a\nc\nd\ne\n");
        std::string out;
        for (const auto& l : d) out += std::string(1, l.op) + l.text + "|";
        CHECK(out == " a|-b| c| d|+e|");
        CHECK(text::line_diff("same\n", "same").size() == 1);
        auto all_new = text::line_diff("", "x\ny");
        REQUIRE(all_new.size() == 2);
        CHECK(all_new[0].op == '+');
    }

    TEST_CASE("page slugs: bad characters and reserved names") {
        CHECK(ui::pages::valid_slug("how-to-join"));
        CHECK_FALSE(ui::pages::valid_slug("Bad Slug"));
        CHECK_FALSE(ui::pages::valid_slug("-dash"));
        CHECK_FALSE(ui::pages::valid_slug("a/b"));
        CHECK_FALSE(ui::pages::valid_slug(""));
        CHECK(ui::pages::reserved_slug("new"));
        CHECK(ui::pages::reserved_slug("terms"));
        CHECK_FALSE(ui::pages::reserved_slug("how-to-join"));
    }

    TEST_CASE("Markdown on a real page is rendered harmless") {
        TestServer s;
        auto admin = testing::login_admin(s);
        std::string md =
            "# Hello\n\n<script>alert('x')</script>\n\n"
            "[click](javascript:alert(1)) and [ok](https://example.org/ok)\n\n"
            "<b onclick=\"steal()\">raw html</b> <iframe src=\"https://evil.example/\"></iframe>\n\n"
            "![tracker](https://evil.example/pixel.png)\n\n![local](/static/logo.svg)\n";
        auto items = page_fields("Harmless", md);
        items.push_back({"slug", "harmless", "", ""});
        items.push_back({"lang", "en", "", ""});
        auto r = admin.post_multipart("/admin/pages/new", items);
        REQUIRE(r);
        CHECK(r->status == 303);
        CHECK(r->get_header_value("Location") == "/admin/pages/harmless/en?done=saved");

        auto page = s.client().Get("/pages/harmless?lang=en");
        REQUIRE(page);
        CHECK(page->status == 200);
        const std::string& b = page->body;
        auto main_start = b.find("<main");
        REQUIRE(main_start != std::string::npos);
        std::string main = b.substr(main_start, b.find("</main>") - main_start);
        CHECK_FALSE(has(main, "<script"));
        CHECK_FALSE(has(main, "javascript:"));
        CHECK_FALSE(has(main, "onclick"));
        CHECK_FALSE(has(main, "<iframe"));
        CHECK_FALSE(has(main, "<b "));
        CHECK_FALSE(has(main, "<img src=\"https://evil.example"));
        CHECK(has(main, "<a href=\"https://evil.example/pixel.png\">tracker</a>"));  // a link instead
        CHECK(has(main, "<img src=\"/static/logo.svg\""));                         // our own images stay
        CHECK(has(main, "<a href=\"https://example.org/ok\">ok</a>"));
        CHECK(has(main, "<h2>Hello</h2>"));  // the page keeps one h1
    }

    TEST_CASE("each content page round-trips in both languages, with history") {
        TestServer s;
        auto admin = testing::login_admin(s);
        for (std::string slug : {"about", "terms", "privacy", "legal"}) {
            for (std::string lang : {"fr", "en"}) {
                CAPTURE(slug);
                CAPTURE(lang);
                std::string title = "Title " + slug + " " + lang;
                std::string body = "Body of " + slug + " in " + lang + " with **bold** & ampersand";
                auto form = admin.get("/admin/pages/" + slug + "/" + lang);
                REQUIRE(form);
                CHECK(form->status == 200);
                CHECK(has(form->body, "enctype=\"multipart/form-data\""));
                auto r = admin.post_multipart("/admin/pages/" + slug + "/" + lang, page_fields(title, body));
                REQUIRE(r);
                CHECK(r->status == 303);
                auto page = s.client().Get(("/" + slug + "?lang=" + lang).c_str());
                REQUIRE(page);
                CHECK(page->status == 200);
                CHECK(has(page->body, "<h1>" + title + "</h1>"));
                CHECK(has(page->body, "Body of " + slug + " in " + lang + " with <strong>bold</strong> &amp; ampersand"));
                CHECK(has(page->body, "Last changed on") == (lang == "en"));
                // The edit form shows what was saved.
                auto again = admin.get("/admin/pages/" + slug + "/" + lang);
                REQUIRE(again);
                CHECK(has(again->body, "value=\"" + title + "\""));
            }
            auto history = s.client().Get(("/pages/" + slug + "/history?lang=en").c_str());
            REQUIRE(history);
            CHECK(history->status == 200);
            CHECK(has(history->body, "Title " + slug + " fr"));
            CHECK(has(history->body, "changes?since="));  // older versions link to their diff
        }
        auto actions = audit_actions(s);
        CHECK(actions.count("page.update"));
        // Saving the same text again does not add a version.
        auto db = s.app->db->acquire();
        int64_t before = store::latest_page_version(*db, "legal");
        admin.post_multipart("/admin/pages/legal/en", page_fields("Title legal en",
                                                                  "Body of legal in en with **bold** & ampersand"));
        CHECK(store::latest_page_version(*db, "legal") == before);
    }

    TEST_CASE("terms: what changed since a version, and since the one a member accepted") {
        TestServer s;
        // The demo keeps a previous version of the terms (1 = fr, 2 = en), then the current (3, 4).
        auto diff = s.client().Get("/terms/changes?since=2&lang=en");
        REQUIRE(diff);
        CHECK(diff->status == 200);
        CHECK(has(diff->body, "<del>- - Backups every week.</del>"));
        CHECK(has(diff->body, "<ins>+ - Encrypted backups every night.</ins>"));
        CHECK(has(diff->body, "\n  ## Purpose\n"));  // unchanged lines are shown plain, once
        CHECK_FALSE(has(diff->body, "<ins>+ ## Purpose</ins>"));
        CHECK_FALSE(has(diff->body, "<del>- - Encrypted backups every night."));
        CHECK(has(diff->body, "2 lines added, 2 lines removed"));
        auto bad = s.client().Get("/terms/changes?since=99");
        REQUIRE(bad);
        CHECK(bad->status == 404);
        auto missing = s.client().Get("/terms/changes");
        REQUIRE(missing);
        CHECK(missing->status == 400);

        testing::make_member(s, "alice");
        auto alice = testing::login(s, "alice");
        auto terms = alice.get("/terms?lang=en");
        REQUIRE(terms);
        CHECK(has(terms->body, "action=\"/terms/accept\""));
        auto stale = alice.post("/terms/accept", {{"version", "1"}}, "");
        REQUIRE(stale);
        CHECK(stale->status == 409);
        auto ok = alice.post("/terms/accept", {{"version", "4"}}, "");
        REQUIRE(ok);
        CHECK(ok->status == 303);
        terms = alice.get("/terms?lang=en");
        CHECK(has(terms->body, "You have accepted this version of the terms."));
        CHECK_FALSE(has(terms->body, "/terms/changes?since="));

        auto admin = testing::login_admin(s);
        auto r = admin.post_multipart("/admin/pages/terms/en",
                                      page_fields("Terms of service", "## Purpose\n\nNew rule: be kind.", "1"));
        REQUIRE(r);
        CHECK(r->status == 303);
        terms = alice.get("/terms?lang=en");
        CHECK(has(terms->body, "/terms/changes?since=4"));
        CHECK(has(terms->body, "version you accepted (version 4)"));
        auto changes = alice.get("/terms/changes?since=4&lang=en");
        REQUIRE(changes);
        CHECK(has(changes->body, "<ins>+ New rule: be kind.</ins>"));
        CHECK(audit_actions(s).count("terms.accept"));
        // The public sees no acceptance form and gets no CSRF cookie from reading the terms.
        auto anon = s.client().Get("/terms");
        REQUIRE(anon);
        CHECK_FALSE(has(anon->body, "/terms/accept"));
        CHECK(testing::cookie_from(anon, "csrf").empty());
    }

    TEST_CASE("the transparency page lists exactly the public services with their software and host") {
        TestServer s;
        std::vector<store::Service> pub, all;
        {
            auto db = s.app->db->acquire();
            pub = store::list_services(*db, false);
            all = store::list_services(*db, true, true);
        }
        REQUIRE(!pub.empty());
        REQUIRE(all.size() > pub.size());  // the demo has members-only services or drafts
        auto r = s.client().Get("/transparency?lang=en");
        REQUIRE(r);
        CHECK(r->status == 200);
        const std::string& b = r->body;
        size_t cards = 0;
        for (size_t p = b.find("id=\"service-"); p != std::string::npos; p = b.find("id=\"service-", p + 1)) ++cards;
        CHECK(cards == pub.size());
        for (const auto& sv : all) {
            CAPTURE(sv.slug);
            bool is_public = std::any_of(pub.begin(), pub.end(), [&](const auto& p) { return p.id == sv.id; });
            CHECK(has(b, "id=\"service-" + sv.slug + "\"") == is_public);
        }
        for (const auto& sv : pub) {
            auto start = b.find("id=\"service-" + sv.slug + "\"");
            REQUIRE(start != std::string::npos);
            std::string card = b.substr(start, b.find("</li>", start) - start);
            CAPTURE(card);
            if (!sv.software_name.empty()) CHECK(has(card, sv.software_name));
            if (!sv.software_license_name.empty()) CHECK(has(card, sv.software_license_name));
            if (!sv.host_name.empty()) CHECK(has(card, sv.host_name));
            if (!sv.host_country_name.empty()) CHECK(has(card, sv.host_country_name));
        }
        CHECK(has(b, "href=\"/contributions\""));
        CHECK(has(b, "href=\"/.well-known/chatonsinfos/organization.properties\""));
        CHECK(has(b, "what you read is what runs"));  // the admin's intro (demo)

        // A logged-in member also sees the members-only services.
        testing::make_member(s, "bob");
        auto bob = testing::login(s, "bob");
        auto mine = bob.get("/transparency");
        REQUIRE(mine);
        for (const auto& sv : all)
            if (sv.visibility == "members" && sv.admin_state != "draft") CHECK(has(mine->body, "id=\"service-" + sv.slug + "\""));
    }

    TEST_CASE("admin pages refuse members and send the public to log in") {
        TestServer s;
        testing::make_member(s, "carol");
        auto carol = testing::login(s, "carol");
        for (std::string url : {"/admin/pages", "/admin/pages/new", "/admin/pages/terms/fr", "/admin/news",
                                "/admin/news/new", "/admin/settings/logo"}) {
            CAPTURE(url);
            auto m = carol.get(url);
            REQUIRE(m);
            CHECK(m->status == 403);
            auto p = s.client().Get(url.c_str());
            REQUIRE(p);
            CHECK(p->status == 303);
            CHECK(p->get_header_value("Location").rfind("/login?next=", 0) == 0);
        }
        auto post = carol.post_multipart("/admin/pages/terms/fr", page_fields("Hacked", "x"), "");
        REQUIRE(post);
        CHECK(post->status == 403);
    }

    TEST_CASE("admin forms give translated errors and keep what was typed") {
        TestServer s;
        auto admin = testing::login_admin(s);
        auto items = page_fields("Mon joli titre", "Un texte **gardé**", "abc");
        items.push_back({"slug", "Bad Slug!", "", ""});
        items.push_back({"lang", "fr", "", ""});
        auto r = admin.post_multipart("/admin/pages/new?lang=fr", items);
        REQUIRE(r);
        CHECK(r->status == 422);
        CHECK(has(r->body, "value=\"Mon joli titre\""));
        CHECK(has(r->body, "Un texte **gardé**</textarea>"));
        CHECK(has(r->body, "value=\"Bad Slug!\""));
        CHECK(has(r->body, "L&apos;adresse ne peut contenir que des minuscules"));
        CHECK(has(r->body, "La position dans le menu est un nombre entier"));

        items = page_fields("Title", "text");
        items.push_back({"slug", "new", "", ""});
        items.push_back({"lang", "en", "", ""});
        r = admin.post_multipart("/admin/pages/new?lang=en", items);
        REQUIRE(r);
        CHECK(r->status == 422);
        CHECK(has(r->body, "This address is used by the portal itself"));

        r = admin.post_multipart("/admin/pages/about/en?lang=en", page_fields("", "kept body"));
        REQUIRE(r);
        CHECK(r->status == 422);
        CHECK(has(r->body, "Give a title."));
        CHECK(has(r->body, "kept body</textarea>"));

        r = admin.post_multipart("/admin/news/new?lang=en", {{"title_fr", "", "", ""}, {"body_fr", "Texte sans titre", "", ""},
                                                             {"title_en", "", "", ""}, {"body_en", "", "", ""}});
        REQUIRE(r);
        CHECK(r->status == 422);
        CHECK(has(r->body, "Give a title to the text in this language."));
        CHECK(has(r->body, "Texte sans titre</textarea>"));
    }

    TEST_CASE("news: post, list, homepage, Atom feed, delete with confirmation") {
        TestServer s;
        auto admin = testing::login_admin(s);
        s.now += 60;
        auto r = admin.post_multipart("/admin/news/new", {{"title_fr", "Panne <réglée> & \"fini\"", "", ""},
                                                          {"body_fr", "Tout **remarche**.", "", ""},
                                                          {"title_en", "", "", ""},
                                                          {"body_en", "", "", ""}});
        REQUIRE(r);
        CHECK(r->status == 303);
        std::string loc = r->get_header_value("Location");
        REQUIRE(loc.rfind("/admin/news/", 0) == 0);
        std::string id = loc.substr(12, loc.find('?') - 12);

        auto en = s.client().Get(("/news/" + id + "?lang=en").c_str());
        REQUIRE(en);
        CHECK(en->status == 200);
        CHECK(has(en->body, "Panne &lt;réglée&gt; &amp; &quot;fini&quot;"));
        CHECK(has(en->body, "has not been translated"));
        CHECK(has(en->body, "<strong>remarche</strong>"));

        auto home = s.client().Get("/?lang=fr");
        REQUIRE(home);
        CHECK(has(home->body, "Dernières actualités"));
        CHECK(has(home->body, "Panne &lt;réglée&gt;"));
        CHECK(has(home->body, "href=\"/transparency\""));
        CHECK(has(home->body, "href=\"/news\""));

        auto list = s.client().Get("/news");
        REQUIRE(list);
        CHECK(list->status == 200);
        CHECK(has(list->body, "Assemblée générale"));  // the demo's

        auto feed = s.client().Get("/news/feed.atom?lang=fr");
        REQUIRE(feed);
        CHECK(feed->status == 200);
        CHECK(feed->get_header_value("Content-Type") == "application/atom+xml; charset=utf-8");
        const std::string& f = feed->body;
        CHECK(f.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"", 0) == 0);
        CHECK(has(f, "<title>Panne &lt;réglée&gt; &amp; &quot;fini&quot;</title>"));
        CHECK(has(f, ":news-" + id + "</id>"));
        CHECK(has(f, "<id>tag:"));
        // Newest first: the new item, then the demo's two.
        auto p_new = f.find("Panne"), p_ag = f.find("Assemblée"), p_cal = f.find("agenda partagé");
        CHECK(p_new < p_ag);
        CHECK(p_ag < p_cal);
        CHECK_FALSE(has(f, "<strong>"));  // HTML content is escaped inside the XML
        auto etag = feed->get_header_value("ETag");
        CHECK(!etag.empty());
        auto again = s.client().Get("/news/feed.atom?lang=fr", {{"If-None-Match", etag}});
        REQUIRE(again);
        CHECK(again->status == 304);

        auto confirm = admin.get("/admin/news/" + id + "/delete");
        REQUIRE(confirm);
        CHECK(confirm->status == 200);
        CHECK(has(confirm->body, "method=\"post\""));
        auto del = admin.post("/admin/news/" + id + "/delete", {}, "");
        REQUIRE(del);
        CHECK(del->status == 303);
        auto gone = s.client().Get(("/news/" + id).c_str());
        REQUIRE(gone);
        CHECK(gone->status == 404);
        auto actions = audit_actions(s);
        CHECK(actions.count("news.create"));
        CHECK(actions.count("news.delete"));
    }

    TEST_CASE("logo: sniffed type, size limit, served with an ETag, shown in the layout") {
        std::string problem;
        CHECK(media::logo::sniff(png_of_size(100), problem) == "image/png");
        CHECK(media::logo::sniff("\xff\xd8\xff\xe0 rest", problem) == "image/jpeg");
        CHECK(media::logo::sniff(std::string("RIFF\0\0\0\0WEBPVP8 ", 16), problem) == "image/webp");
        CHECK(media::logo::sniff("<svg xmlns=\"http://www.w3.org/2000/svg\"><circle r=\"4\" fill=\"url(#g)\"/></svg>", problem) ==
              "image/svg+xml");
        CHECK(media::logo::sniff("<svg><script>alert(1)</script></svg>", problem).empty());
        CHECK(problem == "pages.logo.error_svg_unsafe");
        CHECK(media::logo::sniff("<svg onload=\"alert(1)\"></svg>", problem).empty());
        CHECK(problem == "pages.logo.error_svg_unsafe");
        CHECK(media::logo::sniff("<svg><image href=\"https://evil.example/t.png\"/></svg>", problem).empty());
        CHECK(problem == "pages.logo.error_svg_external");
        CHECK(media::logo::sniff("<svg><rect style=\"fill:url(https://x.example/a)\"/></svg>", problem).empty());
        CHECK(media::logo::sniff("GIF89a", problem).empty());
        CHECK(problem == "pages.logo.error_type");

        TestServer s;
        auto admin = testing::login_admin(s);
        // Not an image, whatever its name says.
        auto r = admin.post_multipart("/admin/settings/logo?lang=en", {{"logo", "just some text", "logo.png", "image/png"}});
        REQUIRE(r);
        CHECK(r->status == 415);
        CHECK(has(r->body, "This file is not a PNG, JPEG, WebP or SVG image."));
        // Too large.
        r = admin.post_multipart("/admin/settings/logo?lang=en",
                                 {{"logo", png_of_size(media::logo::kMaxBytes + 1), "logo.png", "image/png"}});
        REQUIRE(r);
        CHECK(r->status == 413);
        CHECK(has(r->body, "This file is too large: the logo may be at most 512 KiB."));
        r = admin.post_multipart("/admin/settings/logo?lang=fr", {{"logo", "<svg onload=\"x()\"/>", "l.svg", "image/svg+xml"}});
        REQUIRE(r);
        CHECK(r->status == 415);
        CHECK(has(r->body, "gestionnaire d&#39;événement"));
        CHECK(s.client().Get("/logo")->status == 404);

        std::string png = png_of_size(2000);
        r = admin.post_multipart("/admin/settings/logo", {{"logo", png, "whatever.bin", "application/octet-stream"}});
        REQUIRE(r);
        CHECK(r->status == 303);
        auto logo = s.client().Get("/logo");
        REQUIRE(logo);
        CHECK(logo->status == 200);
        CHECK(logo->get_header_value("Content-Type") == "image/png");
        CHECK(logo->body == png);
        auto etag = logo->get_header_value("ETag");
        REQUIRE(!etag.empty());
        auto cached = s.client().Get("/logo", {{"If-None-Match", etag}});
        REQUIRE(cached);
        CHECK(cached->status == 304);
        auto home = s.client().Get("/");
        REQUIRE(home);
        CHECK(has(home->body, "<img src=\"/logo\""));
        CHECK(audit_actions(s).count("logo.upload"));

        r = admin.post("/admin/settings/logo/remove", {}, "");
        REQUIRE(r);
        CHECK(r->status == 303);
        CHECK(s.client().Get("/logo")->status == 404);
        CHECK_FALSE(has(s.client().Get("/")->body, "<img src=\"/logo\""));
    }

    TEST_CASE("an added page with a menu position shows in the menu") {
        TestServer s;
        auto admin = testing::login_admin(s);
        auto items = page_fields("How to join", "Come along.", "5");
        items.push_back({"slug", "how-to-join", "", ""});
        items.push_back({"lang", "en", "", ""});
        auto r = admin.post_multipart("/admin/pages/new", items);
        REQUIRE(r);
        CHECK(r->status == 303);
        auto home = s.client().Get("/?lang=en");
        REQUIRE(home);
        {
            auto db = s.app->db->acquire();
            auto menu = store::menu_pages(*db, "en");
            CHECK(std::any_of(menu.begin(), menu.end(), [](const auto& p) { return p.slug == "how-to-join" && p.position == 5; }));
        }
        CHECK(has(home->body, "<a href=\"/pages/how-to-join\">How to join</a>"));
        // French readers see it too, with the note that it is not translated.
        auto fr = s.client().Get("/pages/how-to-join?lang=fr");
        REQUIRE(fr);
        CHECK(fr->status == 200);
        CHECK(has(fr->body, "pas encore traduite"));
        // The same slug again is refused.
        r = admin.post_multipart("/admin/pages/new?lang=en", items);
        REQUIRE(r);
        CHECK(r->status == 422);
        CHECK(has(r->body, "A page already has this address"));
    }
}

TEST_SUITE("pages") {
    TEST_CASE("performance: 2,000 news items and 500 versions of the terms") {
        TestServer s;
        {
            auto db = s.app->db->acquire();
            db::Transaction tx(*db);
            for (int i = 0; i < 2000; ++i) {
                store::News n;
                n.title_fr = "Annonce " + std::to_string(i);
                n.body_fr = "Texte de l'annonce **" + std::to_string(i) + "**.";
                n.title_en = "Announcement " + std::to_string(i);
                n.published_at = s.now - 86400 * 700 + i * 3600;
                store::save_news(*db, n, n.published_at);
            }
            std::string body;
            for (int v = 0; v < 500; ++v) {
                body += "- Rule " + std::to_string(v) + "\n";
                store::save_page(*db, store::Page{"terms", v % 2 ? "en" : "fr", "Terms", body, 1, 0}, s.now + v);
            }
            tx.commit();
        }
        auto cli = s.client();
        for (std::string url : {"/", "/news", "/news?page=150", "/news/feed.atom", "/transparency", "/terms",
                                "/pages/terms/history", "/terms/changes?since=3"}) {
            CAPTURE(url);
            auto first = cli.Get(url.c_str());
            REQUIRE(first);
            CHECK(first->status == 200);
            auto t0 = std::chrono::steady_clock::now();
            for (int i = 0; i < 20; ++i) cli.Get(url.c_str());
            double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / 20;
            MESSAGE(url << ": " << ms << " ms per request (mean of 20)");
            CHECK(ms < 250);
        }
        auto last = cli.Get("/news?page=201");  // 2,002 items with the demo's two
        REQUIRE(last);
        CHECK(last->status == 200);
        CHECK(has(last->body, "Annonce 0<"));
        CHECK(cli.Get("/news?page=202")->status == 404);
    }
}

TEST_SUITE("pages") {
    TEST_CASE("sign-up records the version of the terms the new member accepted") {
        TestServer s;
        {
            auto db = s.app->db->acquire();
            store::put_setting(*db, "signup.mode", "open", s.now);
        }
        Browser b(s);
        auto r = b.post("/signup",
                        {{"name", "gus"}, {"email", "gus@example.org"}, {"password", "a long enough passphrase"},
                         {"password_confirm", "a long enough passphrase"}, {"accept_terms", "1"}},
                        "/signup");
        REQUIRE(r);
        CHECK(r->status == 200);
        auto db = s.app->db->acquire();
        auto gus = store::find_member_by_login(*db, "gus");
        REQUIRE(gus.has_value());
        int64_t id = gus->id;
        auto accepted = store::accepted_terms_version(*db, id);
        REQUIRE(accepted.has_value());
        CHECK(*accepted == store::latest_page_version(*db, "terms"));
    }
}

TEST_SUITE("pages") {
    TEST_CASE("transparency: a service with nothing stated says so") {
        TestServer s;
        {
            auto db = s.app->db->acquire();
            store::Service bare;
            bare.slug = "bare";
            bare.name = "Bare service";
            bare.registration = "Free";
            store::save_service(*db, bare, s.now);
        }
        auto r = s.client().Get("/transparency?lang=en");
        REQUIRE(r);
        auto start = r->body.find("id=\"service-bare\"");
        REQUIRE(start != std::string::npos);
        std::string card = r->body.substr(start, r->body.find("</li>", start) - start);
        CAPTURE(card);
        CHECK(has(card, "<dd>not stated</dd>"));  // software: none, and not the page's software list
        CHECK_FALSE(has(card, "<tr>"));
        CHECK(has(card, "<dd>anyone</dd>"));
    }
}
