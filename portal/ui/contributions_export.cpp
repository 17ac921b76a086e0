// /contributions.csv and /contributions.json: every entry with its public fields only, and
// the hashes, so that anyone can re-check the chain (see the README, "Open books").
// Streamed in batches: a log of a million entries is never held in memory.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>
#include <string_view>

#include "app.h"
#include "http/response.h"
#include "ledger/chain.h"
#include "ledger/csv.h"
#include "store/ledger.h"
#include "ui/handlers.h"

namespace chatiere::ui {

namespace {

constexpr int kBatch = 2000;

// The columns of both CSV exports, in order.
constexpr std::string_view kColumns[] = {"id",       "date",     "kind",        "amount_minor", "amount",    "currency",
                                         "public_name", "category", "reverses", "recorded_at", "prev_hash", "hash"};

// One entry as CSV cells: text cells (public name, category) neutralised for spreadsheets
// (ledger::csv_text_cell); amounts as numbers, with `decimal` as decimal mark.
std::string csv_line(const ledger::Entry& e, char separator, char decimal) {
    using ledger::csv_field;
    std::string amount = ledger::amount_text(e.amount);
    if (decimal != '.') std::replace(amount.begin(), amount.end(), '.', decimal);
    const std::string cells[] = {std::to_string(e.id),
                                 e.date,
                                 e.kind,
                                 std::to_string(e.amount),
                                 amount,
                                 e.currency,
                                 ledger::csv_text_cell(e.public_name.value_or("")),
                                 ledger::csv_text_cell(e.category),
                                 e.reverses_id ? std::to_string(*e.reverses_id) : "",
                                 std::to_string(e.recorded_at),
                                 e.prev_hash,
                                 e.hash};
    std::string out;
    for (const auto& c : cells) {
        if (!out.empty()) out += separator;
        out += csv_field(c, separator);
    }
    return out + "\r\n";
}

std::string csv_header(char separator) {
    std::string out;
    for (auto c : kColumns) {
        if (!out.empty()) out += separator;
        out += c;
    }
    return out + "\r\n";
}

nlohmann::json json_entry(const ledger::Entry& e) {
    nlohmann::json j = {{"id", e.id},
                        {"date", e.date},
                        {"kind", e.kind},
                        {"amount_minor", e.amount},
                        {"amount", ledger::amount_text(e.amount)},
                        {"currency", e.currency},
                        {"public_name", e.public_name ? nlohmann::json(*e.public_name) : nlohmann::json(nullptr)},
                        {"category", e.category},
                        {"reverses", e.reverses_id ? nlohmann::json(*e.reverses_id) : nlohmann::json(nullptr)},
                        {"recorded_at", e.recorded_at},
                        {"prev_hash", e.prev_hash},
                        {"hash", e.hash}};
    return j;
}

// Streams `header`, then every entry up to the head at the time of the request (formatted by
// `line`, separated by `separator`), then `footer`.
template <typename Line>
void stream(http::Ctx& ctx, std::string content_type, std::string header, Line line, std::string separator,
            std::string footer) {
    App* app = &ctx.app;
    int64_t up_to = store::entry_count(ctx.db());
    struct State {
        int64_t after = 0;
        bool started = false, first = true;
    };
    auto st = std::make_shared<State>();
    ctx.res.set_chunked_content_provider(content_type, [=](size_t, httplib::DataSink& sink) {
        std::string out;
        if (!st->started) {
            out = header;
            st->started = true;
        }
        std::vector<ledger::Entry> batch;
        {
            auto lease = app->db->acquire();
            batch = store::entries_after(*lease, st->after, kBatch, up_to);
        }
        for (const auto& e : batch) {
            if (!st->first) out += separator;
            st->first = false;
            out += line(e);
        }
        if (batch.empty()) {
            out += footer;
            if (!sink.write(out.data(), out.size())) return false;
            sink.done();
            return true;
        }
        st->after = batch.back().id;
        return sink.write(out.data(), out.size());
    });
}

}  // namespace

void contributions_csv(http::Ctx& ctx) {
    ctx.res.set_header("Content-Disposition", "inline; filename=\"contributions.csv\"");
    stream(ctx, "text/csv; charset=utf-8", csv_header(','),
           [](const ledger::Entry& e) { return csv_line(e, ',', '.'); }, "", "");
}

// The same columns for a spreadsheet opened by double-click, as French spreadsheets expect:
// UTF-8 with a byte order mark, ';' between cells, a decimal comma in amounts.
void contributions_spreadsheet_csv(http::Ctx& ctx) {
    ctx.res.set_header("Content-Disposition", "attachment; filename=\"contributions-spreadsheet.csv\"");
    stream(ctx, "text/csv; charset=utf-8", "\xef\xbb\xbf" + csv_header(';'),
           [](const ledger::Entry& e) { return csv_line(e, ';', ','); }, "", "");
}

void contributions_json(http::Ctx& ctx) {
    nlohmann::json head = {{"format", "chatiere-ledger-v1"},
                           {"hash", "BLAKE2b-256(prev_hash || canonical), see the README section \"Open books\""},
                           {"genesis_prev_hash", ledger::kGenesis}};
    std::string h = head.dump();
    h.pop_back();  // reopen the object to append the entries
    stream(
        ctx, "application/json; charset=utf-8", h + ",\"entries\":[",
        [](const ledger::Entry& e) { return json_entry(e).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); },
        ",", "]}\n");
}

}  // namespace chatiere::ui
