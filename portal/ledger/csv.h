#pragma once
// Importing ledger entries from CSV, and the public CSV export.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/entry.h"

// Reading entries from CSV files (bank or HelloAsso exports) and writing the public CSV.
//
// Two input formats, told apart by the first line:
//  - plain: `date;kind;amount;currency;public_name;note` (a header line starting with
//    "date;" is optional; public_name and note may be left out). date is YYYY-MM-DD or
//    DD/MM/YYYY, amount like 25.00 or 25,00 (positive), currency EUR… or HOUR for
//    volunteer_time. For an expense the fifth column holds its category (servers…).
//  - HelloAsso-like: a header line with (case-insensitive) columns "Date", "Montant" and
//    optionally "Type", "Statut", "Nom", "Prénom", "Référence", "Devise" (also accepted:
//    "Date de la commande", "Date du paiement", "Montant total", "Type de formulaire",
//    "Statut de la commande", "Nom payeur", "Prénom payeur", "Référence commande",
//    "Numéro"). Type containing "adhésion"/"adhesion"/"cotisation" → membership_fee,
//    otherwise donation. Statut, when present, must be "Validé", "Payé" or "Autorisé".
//    Payers' names go to the private note only: a HelloAsso export says nothing about
//    consent to be named, so imported entries are anonymous.
// Fields are separated by ';' (or ',' when the first line has no ';'), may be quoted with
// '"' ("" inside quotes is one quote); a UTF-8 byte order mark and CRLF are accepted.
namespace chatiere::ledger {

struct ImportLine {
    int line = 0;                 // 1-based line number in the file
    std::string text;             // the line as read (for the preview)
    std::optional<Draft> draft;   // set when the line is accepted
    std::string reason;           // else why not: message key ledger.import.reason.<reason>
};

struct ImportParse {
    std::string format;  // "plain" or "helloasso"
    std::vector<ImportLine> lines;  // data lines, in order (header and blank lines left out)
};

// Parses a whole file. Every accepted draft is validated and carries its import_key: the
// BLAKE2b hash of the normalised line and of how many identical lines came before it in
// the file, so that the same file imported twice adds nothing the second time while two
// equal gifts on the same day in one file are both kept.
ImportParse parse_import(std::string_view text);
// The reason in English, for the command line.
std::string describe_reason(std::string_view reason);

// Splits CSV text into records of fields, with the line number where each record starts.
struct CsvRecord {
    int line = 0;
    std::string text;
    std::vector<std::string> fields;
};
std::vector<CsvRecord> read_csv(std::string_view text, char separator);

// One CSV field, quoted when needed (RFC 4180): when it holds `separator`, a double quote or
// a line break (with ',' as separator, a ';' as well).
std::string csv_field(std::string_view value, char separator = ',');

// A *text* cell (a name, a note, a category — never an amount) made safe to open in a
// spreadsheet (OWASP, CSV injection): a value that starts with = + - @ tab or carriage return
// — which a spreadsheet would take for a formula — or with an apostrophe gets one leading
// apostrophe ('). Reading back: drop the first character of a cell that starts with an
// apostrophe (`csv_text_value`). The hash chain covers the stored value, not the cell.
std::string csv_text_cell(std::string_view value);
std::string csv_text_value(std::string_view cell);

}  // namespace chatiere::ledger
