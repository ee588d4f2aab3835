#pragma once
// Deadlines as an iCalendar file (RFC 5545): agreement expiries with reminders, call
// deadlines and visit starts, for import into any calendar program.

#include "iro/date.hpp"

#include <string>

namespace iro {

class Store;

struct CalendarOptions {
    Date from{};  // events on or after this date (default: no lower bound)
    Date to{};    // events on or before this date (default: no upper bound)
    bool agreement_expiries = true;  // with reminders 180, 90 and 30 days before
    bool call_deadlines = true;
    bool visit_starts = true;
    // DTSTAMP of every event, "YYYYMMDDTHHMMSSZ"; empty means the current UTC time. Fixed
    // values make the output byte-for-byte reproducible.
    std::string stamp;
    // Accreditation: evidence and follow-up due dates (not yet done), interim reports,
    // planned site visits, and accreditation expiries with reminders 180, 90 and 30 days before.
    bool accreditation_deadlines = true;
};

// UTF-8 text with CRLF line endings, lines folded at 75 octets, text values escaped.
// UIDs are stable across exports: "<kind>-<id>@iro" with the store's id for the record.
std::string export_ics(const Store& store, const CalendarOptions& options = {});

} // namespace iro
