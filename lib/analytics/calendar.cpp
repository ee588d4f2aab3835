#include "iro/calendar.hpp"

#include "iro/error.hpp"
#include "iro/store.hpp"
#include "store/database.hpp"

#include <algorithm>
#include <chrono>
#include <tuple>
#include <fmt/format.h>

namespace iro {

namespace {
constexpr std::string_view kCrlf = "\r\n";

// RFC 5545 3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values.
std::string escape_text(std::string_view text) {
    std::string out;
    for (char c : text) {
        switch (c) {
        case '\\': out += "\\\\"; break;
        case ';': out += "\\;"; break;
        case ',': out += "\\,"; break;
        case '\n': out += "\\n"; break;
        case '\r': break;
        default: out += c;
        }
    }
    return out;
}

// RFC 5545 3.1: lines longer than 75 octets are folded with CRLF + space, never inside a
// UTF-8 sequence.
void append_line(std::string& out, std::string_view line) {
    std::size_t limit = 75;
    while (line.size() > limit) {
        std::size_t cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
        out.append(line.substr(0, cut));
        out.append(kCrlf);
        out.push_back(' ');
        line.remove_prefix(cut);
        limit = 74;  // the leading space counts
    }
    out.append(line);
    out.append(kCrlf);
}

std::string ics_date(Date d) {
    return fmt::format("{:04}{:02}{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

std::string now_stamp() {
    using namespace std::chrono;
    const auto now = floor<seconds>(system_clock::now());
    const auto day = floor<days>(now);
    const year_month_day ymd{day};
    const hh_mm_ss hms{now - day};
    return fmt::format("{}T{:02}{:02}{:02}Z", ics_date(ymd), hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

void check_stamp(const std::string& stamp) {
    const bool ok = stamp.size() == 16 && stamp[8] == 'T' && stamp[15] == 'Z' &&
                    std::all_of(stamp.begin(), stamp.begin() + 8, [](char c) { return c >= '0' && c <= '9'; }) &&
                    std::all_of(stamp.begin() + 9, stamp.begin() + 15, [](char c) { return c >= '0' && c <= '9'; });
    if (!ok) throw ValidationError("stamp", stamp, "a UTC time written YYYYMMDDTHHMMSSZ");
}

struct Event {
    std::string uid;
    Date on;
    std::string summary;
    std::string description;
    bool reminders = false;
};

void append_event(std::string& out, const Event& e, const std::string& stamp) {
    append_line(out, "BEGIN:VEVENT");
    append_line(out, "UID:" + e.uid);
    append_line(out, "DTSTAMP:" + stamp);
    append_line(out, "DTSTART;VALUE=DATE:" + ics_date(e.on));
    append_line(out, "DTEND;VALUE=DATE:" + ics_date(add_days(e.on, 1)));
    append_line(out, "SUMMARY:" + escape_text(e.summary));
    if (!e.description.empty()) append_line(out, "DESCRIPTION:" + escape_text(e.description));
    append_line(out, "TRANSP:TRANSPARENT");
    if (e.reminders) {
        for (int days : {180, 90, 30}) {
            append_line(out, "BEGIN:VALARM");
            append_line(out, "ACTION:DISPLAY");
            append_line(out, fmt::format("TRIGGER:-P{}D", days));
            append_line(out, "DESCRIPTION:" + escape_text(fmt::format("{} days left: {}", days, e.summary)));
            append_line(out, "END:VALARM");
        }
    }
    append_line(out, "END:VEVENT");
}
} // namespace

std::string export_ics(const Store& store, const CalendarOptions& options) {
    const detail::ReadScope snapshot(detail::database_of(store));  // one state of the file throughout
    const bool has_from = options.from.ok(), has_to = options.to.ok();
    if (has_from && has_to && options.to < options.from)
        throw ValidationError("to", format_date(options.to), fmt::format("a date on or after from ({})", format_date(options.from)));
    const auto stamp = options.stamp.empty() ? now_stamp() : options.stamp;
    check_stamp(stamp);
    auto& db = detail::database_of(store);
    const auto uid_suffix = "-" + db.meta("store_uid").value_or("store") + "@iro";
    const auto in_range = [&](Date d) { return (!has_from || options.from <= d) && (!has_to || d <= options.to); };
    const Date reference = has_from ? options.from : today();

    std::vector<Event> events;
    if (options.agreement_expiries) {
        AgreementFilter filter;
        filter.status = AgreementStatus::InForce;
        for (const auto& a : store.agreements().find(filter)) {
            const auto start = a.in_force_from && reference < *a.in_force_from ? *a.in_force_from : reference;
            const auto end = a.period_end(start);
            if (!end || !in_range(*end)) continue;
            std::string description = a.reference.empty() ? "" : "Reference: " + a.reference + "\n";
            if (a.tacit_renewal_years > 0) description += "Renews tacitly unless notice is given";
            if (a.notice_days > 0) description += fmt::format(" by {}", format_date(add_days(*end, -a.notice_days)));
            events.push_back(Event{fmt::format("agreement-expiry-{}{}", a.id.value(), uid_suffix), *end,
                                   "Agreement expires: " + a.title, description, true});
        }
    }
    if (options.call_deadlines) {
        for (const auto& c : store.programs().calls()) {
            if (!in_range(c.deadline)) continue;
            const auto program = store.programs().get(c.program);
            events.push_back(Event{fmt::format("call-deadline-{}{}", c.id.value(), uid_suffix), c.deadline,
                                   "Call deadline: " + c.title, "Program: " + program.name, false});
        }
    }
    if (options.visit_starts) {
        for (const auto& v : store.visits().find()) {
            if (v.status == VisitStatus::Cancelled || !in_range(v.start)) continue;
            // No personal names in a calendar that may be shared: the partner and purpose say enough.
            const auto partner = store.institutions().get(v.direction == VisitDirection::Incoming ? v.home_institution : v.host_institution);
            events.push_back(Event{fmt::format("visit-start-{}{}", v.id.value(), uid_suffix), v.start,
                                   fmt::format("{} {} visit {} {}", v.direction == VisitDirection::Incoming ? "Incoming" : "Outgoing",
                                               to_string(v.purpose), v.direction == VisitDirection::Incoming ? "from" : "to",
                                               partner.display_name()),
                                   fmt::format("{} to {}", format_date(v.start), format_date(v.end)), false});
        }
    }
    if (options.accreditation_deadlines) {
        const auto& acc = store.accreditations();
        for (const auto& c : acc.cases()) {
            const auto framework = acc.get_framework(c.framework);
            const auto body = store.institutions().get(framework.body).display_name();
            const auto what = c.scope.is_institutional() ? std::string("the institution") : c.scope.degree;
            const auto add = [&](const char* kind, std::int64_t id, Date on, std::string summary, bool reminders) {
                if (in_range(on))
                    events.push_back(Event{fmt::format("{}-{}{}", kind, id, uid_suffix), on, std::move(summary),
                                           fmt::format("{}: {} ({} {})", body, what, framework.name, framework.version), reminders});
            };
            if (is_accredited(c.status) && c.decision.valid_until)
                add("accreditation-expiry", c.id.value(), *c.decision.valid_until, "Accreditation expires: " + what, true);
            if (c.decision.interim_report_due)
                add("interim-report", c.id.value(), *c.decision.interim_report_due, "Interim report due: " + what, false);
            if (c.planned_visit && !is_decision(c.status))
                add("site-visit", c.id.value(), *c.planned_visit, "Accreditation site visit: " + what, false);
            for (const auto& f : acc.follow_ups(c.id))
                if (!f.done_on) add("follow-up-due", f.id.value(), f.due, "Follow-up due: " + f.title, false);
            for (const auto& e : acc.evidence(c.id))
                if (e.due && e.required && !is_done(e.status)) add("evidence-due", e.id.value(), *e.due, "Evidence due: " + e.title, false);
        }
    }
    std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
        return std::tie(a.on, a.uid) < std::tie(b.on, b.uid);
    });

    std::string out;
    append_line(out, "BEGIN:VCALENDAR");
    append_line(out, "VERSION:2.0");
    append_line(out, "PRODID:-//iro//International Relations Office//EN");
    append_line(out, "CALSCALE:GREGORIAN");
    append_line(out, "METHOD:PUBLISH");
    append_line(out, "X-WR-CALNAME:" + escape_text("International relations deadlines"));
    for (const auto& e : events) append_event(out, e, stamp);
    append_line(out, "END:VCALENDAR");
    return out;
}

} // namespace iro
