#include "office.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <random>

namespace iro::python {

namespace {
std::uint64_t next_token() {
    // Unique within the process (the counter) and unlikely to repeat across processes (the
    // random start); 0 is reserved for "not returned by an office".
    static std::atomic<std::uint64_t> counter{(std::uint64_t{std::random_device{}()} << 32) | 1u};
    std::uint64_t t = 0;
    while (t == 0) t = counter.fetch_add(1);
    return t;
}

std::uint64_t origin_token(py::handle h) {
    if (py::isinstance<Stored<Institution>>(h)) return h.cast<const Stored<Institution>&>().origin_token;
    if (py::isinstance<Stored<Agreement>>(h)) return h.cast<const Stored<Agreement>&>().origin_token;
    if (py::isinstance<Stored<OrgUnit>>(h)) return h.cast<const Stored<OrgUnit>&>().origin_token;
    if (py::isinstance<Stored<Contact>>(h)) return h.cast<const Stored<Contact>&>().origin_token;
    if (py::isinstance<Stored<ExpiringAgreement>>(h)) return h.cast<const Stored<ExpiringAgreement>&>().origin_token;
    if (py::isinstance<Stored<Activity>>(h)) return h.cast<const Stored<Activity>&>().origin_token;
    if (py::isinstance<Stored<Person>>(h)) return h.cast<const Stored<Person>&>().origin_token;
    if (py::isinstance<Stored<Visit>>(h)) return h.cast<const Stored<Visit>&>().origin_token;
    if (py::isinstance<Stored<Program>>(h)) return h.cast<const Stored<Program>&>().origin_token;
    if (py::isinstance<Stored<Call>>(h)) return h.cast<const Stored<Call>&>().origin_token;
    if (py::isinstance<Stored<Application>>(h)) return h.cast<const Stored<Application>&>().origin_token;
    return 0;
}
} // namespace

OfficeCore::OfficeCore(Store store, std::string path) : store_(std::move(store)), path_(std::move(path)), token_(next_token()) {}

void OfficeCore::close() {
    py::gil_scoped_release nogil;
    std::lock_guard<std::mutex> lock(mutex_);
    store_.reset();
}

bool OfficeCore::is_open() {
    py::gil_scoped_release nogil;
    std::lock_guard<std::mutex> lock(mutex_);
    return store_.has_value();
}

std::string OfficeCore::closed_message() const {
    return fmt::format("the store is closed ('{}'); open it again with iro.open()", path_);
}

std::string OfficeCore::storage_failure(const std::exception& e) const {
    return fmt::format("database error in '{}': {}", path_, e.what());
}

void OfficeCore::check_origin(py::handle h) const {
    if (PyList_Check(h.ptr()) || PyTuple_Check(h.ptr())) {
        for (auto item : h) check_origin(item);
        return;
    }
    if (PyDict_Check(h.ptr())) {
        for (auto item : py::reinterpret_borrow<py::dict>(h)) check_origin(item.second);
        return;
    }
    const auto token = origin_token(h);
    if (token != 0 && token != token_)
        throw ConflictError(fmt::format("this {} (id {}) was returned by another office; objects can only be given back to "
                                        "the office they came from (use its id, or copy its fields, to use it with '{}')",
                                        type_name(h), text_of(py::getattr(h, "id", py::none())), path_));
}

std::shared_ptr<OfficeCore> office_of(std::uint64_t token, const std::weak_ptr<OfficeCore>& origin, const char* what,
                                      const char* collection) {
    if (token == 0)
        throw ConflictError(fmt::format("this {} was not returned by an office (it was built in Python or unpickled); "
                                        "call the method on office.{} with its id instead",
                                        what, collection));
    auto core = origin.lock();
    if (!core) throw StorageError(fmt::format("the store this {} came from is closed; open it again with iro.open()", what));
    return core;
}

void check_keywords(const py::kwargs& kwargs, std::initializer_list<const char*> allowed, const char* where) {
    for (auto item : kwargs) {
        const auto key = py::str(item.first).cast<std::string>();
        const bool known = std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return key == a; });
        if (!known) {
            std::string choices;
            for (const char* a : allowed) choices += (choices.empty() ? "" : ", ") + std::string(a);
            throw ArgumentTypeError(key, text_of(item.second), fmt::format("a keyword of {}: {}", where, choices));
        }
    }
}

py::object keyword(const py::kwargs& kwargs, const char* name) {
    return kwargs.contains(name) ? py::object(kwargs[name]) : py::none();
}

} // namespace iro::python
