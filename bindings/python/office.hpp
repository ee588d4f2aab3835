#pragma once
// The Python-side office: an iro::Store behind a mutex, shared by the Office object, its
// collection views and (weakly) by every object it returned.
//
// Locking rule: a call releases the GIL first and then takes the store mutex, and never
// touches a Python object while it holds the mutex. Arguments are converted before and
// results after. So a thread waiting for the mutex never holds the GIL that the mutex holder
// would need, and Python code (a finaliser, another thread) never runs under the mutex.

#include "convert.hpp"

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace iro::python {

class OfficeCore : public std::enable_shared_from_this<OfficeCore> {
public:
    OfficeCore(Store store, std::string path);

    // Runs fn(Store&) without the GIL and under the store mutex; StorageError when closed.
    // Reads that the library does not wrap let SQLite's own exceptions out (a locked or
    // damaged file); they are storage failures, so they leave as StorageError.
    template <class Fn>
    auto run(Fn&& fn) -> std::invoke_result_t<Fn, Store&> {
        py::gil_scoped_release nogil;
        std::lock_guard<std::mutex> lock(mutex_);  // released before the GIL is taken back
        if (!store_) throw StorageError(closed_message());
        try {
            // The mutex makes this thread the only user, so it may take the store over.
            store_->use_from_this_thread();
            return std::forward<Fn>(fn)(*store_);
        } catch (const Error&) {
            throw;
        } catch (const std::exception& e) {
            throw StorageError(storage_failure(e));
        }
    }

    void close();
    bool is_open();
    const std::string& path() const { return path_; }
    std::string closed_message() const;
    std::string storage_failure(const std::exception& e) const;

    // ConflictError when `h` (or an item of a list, tuple or dict value in it) is an object
    // that another office returned.
    void check_origin(py::handle h) const;

    template <class T>
    Stored<T> stored(T value) {
        return Stored<T>(std::move(value), token_, weak_from_this());
    }
    template <class T>
    py::object to_py_stored(T value) {
        return py::cast(stored(std::move(value)));
    }
    template <class T>
    py::list to_py_stored(std::vector<T> values) {
        py::list out(values.size());
        for (std::size_t i = 0; i < values.size(); ++i) out[i] = py::cast(stored(std::move(values[i])));
        return out;
    }

private:
    std::mutex mutex_;
    std::optional<Store> store_;
    std::string path_;
    std::uint64_t token_;
};

// The office a stored object came from; StorageError when that office is closed or gone,
// ConflictError when the object was not returned by an office at all.
std::shared_ptr<OfficeCore> office_of(std::uint64_t token, const std::weak_ptr<OfficeCore>& origin, const char* what,
                                      const char* collection);

// Collections are thin handles on the shared core.
struct InstitutionsView {
    std::shared_ptr<OfficeCore> core;
};
struct UnitsView {
    std::shared_ptr<OfficeCore> core;
};
struct ContactsView {
    std::shared_ptr<OfficeCore> core;
};
struct AgreementsView {
    std::shared_ptr<OfficeCore> core;
};
struct AuditView {
    std::shared_ptr<OfficeCore> core;
};

struct Office {
    explicit Office(std::shared_ptr<OfficeCore> c)
        : core(c), institutions{c}, units{c}, contacts{c}, agreements{c}, audit{c} {}

    std::shared_ptr<OfficeCore> core;
    InstitutionsView institutions;
    UnitsView units;
    ContactsView contacts;
    AgreementsView agreements;
    AuditView audit;
};

// Reads filter keyword arguments; shared by find(), count() and to_frame().
InstitutionFilter institution_filter(const OfficeCore& core, const py::kwargs& kwargs);
AgreementFilter agreement_filter(const OfficeCore& core, const py::kwargs& kwargs);

// Raises ArgumentTypeError (also a TypeError) for a keyword that is not in `allowed`.
void check_keywords(const py::kwargs& kwargs, std::initializer_list<const char*> allowed, const char* where);

// The value for add(value, **fields): either the given object or one built from the keywords
// by the Python class itself, so that the keywords mean exactly what the constructor's do.
template <class T>
T value_from_call(const OfficeCore& core, py::handle value, const py::kwargs& fields, const char* argument) {
    core.check_origin(value);
    core.check_origin(fields);
    if (!value.is_none()) {
        if (!fields.empty())
            throw ArgumentTypeError(argument, text_of(value),
                                    std::string("either an iro.") + BoundAs<T>::name + " or keyword fields, not both");
        return from_py<T>(value, argument);
    }
    py::object cls = py::type::of<typename BoundAs<T>::type>();
    return from_py<T>(cls(**fields), argument);
}

// For py::class_::def: offices come from iro.open() and collections from an office, so
// calling the class is refused with ArgumentTypeError instead of pybind11's bare TypeError.
template <class T>
auto refused_constructor(const char* what, const char* instead) {
    return py::init([what, instead](py::args, py::kwargs) -> T* {
        throw ArgumentTypeError(what, std::string(what) + "()", std::string("no direct construction: use ") + instead);
    });
}

// The keyword argument `name`, or None when absent.
py::object keyword(const py::kwargs& kwargs, const char* name);

} // namespace iro::python
