// A first iro program: record the home institution and one partner, take a memorandum of
// understanding through its lifecycle, and ask which agreements need attention soon.
//
//   iro_first_program [database]      default ":memory:", which keeps nothing

#include <iro/iro.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
    try {
        // One store is one SQLite file; ":memory:" is handy for trying things out.
        auto store = iro::Store::open(argc > 1 ? argv[1] : ":memory:");
        if (store.institutions().has_home()) {
            std::cerr << "iro_first_program: " << store.path() << " already holds an office; give a new file name\n";
            return 1;
        }

        // Every store has exactly one home institution: partners are local, regional or
        // international relative to it, and it is a party to every agreement.
        iro::Institution home;
        home.names = {{"Palestine Polytechnic University", "en", iro::NameKind::Display},
                      {"جامعة بوليتكنك فلسطين", "ar", iro::NameKind::Label}};
        home.country = "PS";
        home.city = "Hebron";
        home.is_home = true;
        const auto home_id = store.institutions().add(home);

        // A partner. Identifiers are optional; a ROR id lets later imports recognise it.
        iro::Institution padua;
        padua.names = {{"University of Padua", "en", iro::NameKind::Display},
                       {"Università degli Studi di Padova", "it", iro::NameKind::Label}};
        padua.country = "IT";
        padua.city = "Padua";
        padua.identifiers.ror = "https://ror.org/00240q980";
        const auto padua_id = store.institutions().add(padua);

        // A one-year pilot agreement, proposed 400 days ago, so that it is about to expire today.
        const auto today = iro::today();
        const auto day = [&](int offset) { return iro::add_days(today, offset); };
        iro::Agreement mou;
        mou.kind = iro::AgreementKind::Mou;
        mou.title = "Memorandum of Understanding with the University of Padua";
        mou.reference = "MOU-PILOT-001";
        iro::Party us;
        us.institution = home_id;
        iro::Party them;
        them.institution = padua_id;
        mou.parties = {us, them};  // the home institution is always a party
        mou.areas = {iro::Area::Education, iro::Area::Research};
        mou.proposed_on = day(-400);
        mou.valid_until = day(-330 + 364);  // one year from entry into force
        mou.notice_days = 30;
        auto& agreements = store.agreements();
        const auto id = agreements.add(mou);  // recorded as "proposed"

        // Each move is checked against the lifecycle and recorded with its date and note;
        // a move the lifecycle does not allow throws ConflictError and changes nothing.
        agreements.transition(id, iro::AgreementStatus::InNegotiation, day(-380), "First draft sent to Padua");
        agreements.transition(id, iro::AgreementStatus::UnderReview, day(-350), "Legal office review");
        agreements.transition(id, iro::AgreementStatus::AwaitingSignature, day(-340), "Final text agreed");

        // Every party signs before the agreement can enter into force.
        agreements.sign(id, home_id, day(-336), "President");
        agreements.sign(id, padua_id, day(-331), "Rector");
        agreements.enter_into_force(id, day(-330));

        const auto stored = agreements.get(id);
        std::cout << stored.title << "\n  status: " << iro::to_string(stored.status)
                  << "\n  in force from " << iro::format_date(*stored.in_force_from) << " until "
                  << iro::format_date(*stored.valid_until) << "\n\nHistory:\n";
        for (const auto& t : agreements.history(id))
            std::cout << "  " << iro::format_date(t.on) << "  " << (t.from ? iro::to_string(*t.from) : "(added)") << " -> "
                      << iro::to_string(t.to) << (t.note.empty() ? "" : "  (" + t.note + ")") << "\n";

        // The question an office asks every week: what ends soon, and by when must we act?
        std::cout << "\nExpiring within 90 days of " << iro::format_date(today) << ":\n";
        for (const auto& e : agreements.expiring(today, 90)) {
            std::cout << "  " << e.agreement.reference << "  " << e.agreement.title << "\n    ends "
                      << iro::format_date(e.ends_on) << " (" << e.days_left << " days left)";
            if (e.notice_by) std::cout << ", notice by " << iro::format_date(*e.notice_by);
            std::cout << "\n";
        }

        std::cout << "\nPadua is " << iro::to_string(store.institutions().scope_of(store.institutions().get(padua_id)))
                  << " for " << store.institutions().home().display_name() << ".\n";
        return 0;
    } catch (const iro::Error& e) {
        // Every iro failure is an iro::Error; its message says what was wrong and what is expected.
        std::cerr << "iro_first_program: " << e.what() << "\n";
        return 1;
    }
}
