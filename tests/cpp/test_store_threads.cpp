// The thread contract of a Store: it belongs to the thread that opened it; any other thread
// gets ThreadError before touching the connection; ownership moves only by an explicit
// hand-over outside a transaction. And the guard that keeps a write out of a read.
#include "test_support.hpp"

#include "store/database.hpp"

#include <atomic>
#include <fmt/format.h>
#include <functional>
#include <mutex>
#include <thread>

using namespace iro;
using namespace iro::test;
using Catch::Matchers::Contains;

namespace {
// Runs fn on a new thread and returns the message of the ThreadError it threw ("" if none).
template <class Fn>
std::string thread_error_on_other_thread(Fn fn) {
    std::string message;
    bool other_error = false;
    std::thread t([&] {
        try {
            fn();
        } catch (const ThreadError& e) {
            message = e.what();
        } catch (...) {
            other_error = true;
        }
    });
    t.join();
    CHECK_FALSE(other_error);
    return message;
}
} // namespace

TEST_CASE("every kind of call from a thread that does not own the store is a ThreadError", "[store][threads]") {
    TestStore t(GENERATE(false, true));
    SmallOffice office(t.store);
    const auto agreement = t.store.agreements().add(office.mou(office.jordan));
    const auto before = t.store.logical_dump();

    const std::vector<std::pair<const char*, std::function<void()>>> calls = {
        {"add", [&] { t.store.institutions().add(make_institution("Other Thread University", "FR")); }},
        {"get", [&] { (void)t.store.institutions().get(office.jordan); }},
        {"count", [&] { (void)t.store.institutions().count(); }},
        {"search", [&] { (void)t.store.institutions().search("Jordan"); }},
        {"agreement get", [&] { (void)t.store.agreements().get(agreement); }},
        {"transition",
         [&] { t.store.agreements().transition(agreement, AgreementStatus::InNegotiation, d("2024-02-01")); }},
        {"audit", [&] { (void)t.store.audit().latest(3); }},
        {"actor", [&] { (void)t.store.actor(); }},
        {"set_actor", [&] { t.store.set_actor("intruder"); }},
        {"schema_version", [&] { (void)t.store.schema_version(); }},
        {"logical_dump", [&] { (void)t.store.logical_dump(); }},
    };
    for (const auto& [name, call] : calls) {
        INFO(name);
        const auto message = thread_error_on_other_thread(call);
        CHECK_THAT(message, Contains("belongs to another thread") && Contains("use_from_this_thread"));
    }
    // Nothing changed, and the owner carries on as before.
    CHECK(t.store.logical_dump() == before);
    CHECK(t.store.actor() == "iro");
    t.store.institutions().add(make_institution("Owner Thread University", "FR"));
    CHECK(t.store.institutions().count() == 4);  // partners: the home institution is not counted
}

TEST_CASE("threads racing the owner are refused while the owner's writes all land", "[store][threads]") {
    TestStore t(true);
    SmallOffice office(t.store);
    std::atomic<bool> stop{false};
    std::atomic<int> refused{0};
    std::atomic<int> other_errors{0};
    std::vector<std::thread> intruders;
    for (int k = 0; k < 3; ++k)
        intruders.emplace_back([&] {
            while (!stop.load()) {
                try {
                    t.store.institutions().add(make_institution("Intruder University", "IT"));
                } catch (const ThreadError&) {
                    ++refused;
                } catch (...) {
                    ++other_errors;
                }
            }
        });
    for (int k = 0; k < 200; ++k) t.store.institutions().add(make_institution("Owner University " + std::to_string(k), "ES"));
    stop = true;
    for (auto& th : intruders) th.join();

    CHECK(other_errors == 0);
    CHECK(refused > 0);
    CHECK(t.store.institutions().count() == 3 + 200);
    CHECK(t.store.institutions().count(InstitutionFilter{.country = "IT"}) == 0);
}

TEST_CASE("a store handed over with use_from_this_thread works there and no longer on the old thread",
          "[store][threads]") {
    TestStore t(GENERATE(false, true));
    SmallOffice office(t.store);
    std::string worker_error;
    std::thread worker([&] {
        try {
            t.store.use_from_this_thread();
            t.store.institutions().add(make_institution("Added By The Worker", "NL"));
            t.store.set_actor("worker");
        } catch (const std::exception& e) {
            worker_error = e.what();
        }
    });
    worker.join();
    CHECK(worker_error.empty());

    // The worker owns it now (even though it has ended): this thread must take it back.
    CHECK_THROWS_AS(t.store.institutions().count(), ThreadError);
    CHECK_THROWS_WITH(t.store.institutions().count(), Contains("another thread"));
    t.store.use_from_this_thread();
    CHECK(t.store.institutions().count() == 4);  // partners: the home institution is not counted
    CHECK(t.store.actor() == "worker");
    CHECK(t.store.audit().latest(1).at(0).actor == "iro");
}

TEST_CASE("threads sharing one store under their own mutex take turns by handing it over", "[store][threads]") {
    TestStore t(true);
    SmallOffice office(t.store);
    std::mutex guard;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int w = 0; w < 4; ++w)
        threads.emplace_back([&, w] {
            for (int k = 0; k < 25; ++k) {
                try {
                    std::lock_guard<std::mutex> lock(guard);
                    t.store.use_from_this_thread();
                    t.store.institutions().add(
                        make_institution(fmt::format("Thread {} University {}", w, k), "PT"));
                } catch (...) {
                    ++failures;
                }
            }
        });
    for (auto& th : threads) th.join();
    t.store.use_from_this_thread();
    CHECK(failures == 0);
    CHECK(t.store.institutions().count(InstitutionFilter{.country = "PT"}) == 100);
}

TEST_CASE("a store cannot change threads while a transaction is open", "[store][threads]") {
    TestStore t(true);
    SmallOffice office(t.store);
    auto& db = detail::database_of(t.store);
    std::string message;
    db.write([&] {
        t.store.institutions().add(make_institution("Inside The Transaction", "BE"));
        message = thread_error_on_other_thread([&] { t.store.use_from_this_thread(); });
    });
    CHECK_THAT(message, Contains("cannot change threads while a transaction is open"));
    // The owner kept it and its transaction committed.
    CHECK(t.store.institutions().count(InstitutionFilter{.country = "BE"}) == 1);
}

TEST_CASE("a write cannot start inside a read of the store, and the read is left intact", "[store]") {
    TestStore t(GENERATE(false, true));
    SmallOffice office(t.store);
    const auto before = t.store.logical_dump();
    auto& db = detail::database_of(t.store);
    {
        detail::ReadScope read(db);
        CHECK_THROWS_MATCHES(t.store.institutions().add(make_institution("Written During A Read", "AT")), StorageError, Catch::Message("a write cannot start inside a read of the store"));
        // The read transaction is still usable (three partners; the home institution is not counted).
        CHECK(t.store.institutions().count() == 3);
    }
    CHECK(t.store.logical_dump() == before);
    t.store.institutions().add(make_institution("Written After The Read", "AT"));
    CHECK(t.store.institutions().count() == 4);  // partners: the home institution is not counted
}
