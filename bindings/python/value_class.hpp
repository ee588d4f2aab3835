#pragma once
// Binds a C++ value type as a Python class whose fields are declared once. Each field becomes
// a read/write property, a keyword of the constructor and a key of _asdict(), and is assigned
// through convert.hpp, so `inst.city = 5` raises iro.ArgumentTypeError like a wrong argument
// does. Every value class pickles as the text archive of its C++ value (value_archive.hpp): a
// type bound here must be listed there, or this does not compile.
//
// List fields (names, parties, quotas...) read as new lists: change them by assigning a list.
// A nested value field (Institution.identifiers) reads as a live view into its owner.

#include "convert.hpp"

#include "iro/value_archive.hpp"

#include <fmt/format.h>

#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace iro::python {

// The C++ value a bound class pickles through: the value itself, or T for Stored<T>.
template <class Bound>
struct ArchiveValueOf {
    using type = Bound;
};
template <class T>
struct ArchiveValueOf<Stored<T>> {
    using type = T;
};

template <class Bound>
class ValueClass {
    using ArchiveValue = typename ArchiveValueOf<Bound>::type;
    static_assert(is_archivable_v<ArchiveValue>,
                  "a value class pickles through its archive: give the C++ type a serialize() in "
                  "lib/snapshot/value_serialization.hpp and list it in include/iro/value_archive.hpp");

public:
    using Value = std::function<py::object(const Bound&)>;
    using Setter = std::function<void(Bound&, py::handle)>;
    using Equal = std::function<bool(const Bound&, const Bound&)>;
    using Repr = std::function<std::string(const Bound&)>;

    ValueClass(py::handle scope, const char* name, const char* doc) : cls_(scope, name, doc), name_(name) {}

    template <class M, class Owner>
    ValueClass& field(const char* name, M Owner::*member, const char* doc) {
        static_assert(std::is_base_of_v<Owner, Bound>);
        Value value = [member](const Bound& b) { return to_py(b.*member); };
        Setter set = [member, name](Bound& b, py::handle v) { b.*member = field_from_py<M>(v, name); };
        if constexpr (PlainBoundValue<M>) {
            cls_.def_property(
                name,
                [member](py::object self) {
                    Bound& b = self.cast<Bound&>();
                    return py::cast(&(b.*member), py::return_value_policy::reference_internal, self);
                },
                [set](Bound& b, py::object v) { set(b, v); }, doc);
        } else {
            cls_.def_property(
                name, [value](const Bound& b) { return value(b); }, [set](Bound& b, py::object v) { set(b, v); }, doc);
        }
        fields().push_back({name, std::move(value), std::move(set)});
        return *this;
    }

    // A field whose reading needs more than the member (a stored object inside another).
    ValueClass& field(const char* name, Value value, Setter set, const char* doc) {
        cls_.def_property(
            name, [value](const Bound& b) { return value(b); }, [set](Bound& b, py::object v) { set(b, v); }, doc);
        fields().push_back({name, std::move(value), std::move(set)});
        return *this;
    }

    // A keyword the constructor accepts besides the fields, applied after them
    // (Institution(name=...) adds the display name).
    ValueClass& keyword(const char* name, Setter set) {
        keywords().push_back({name, {}, std::move(set)});
        return *this;
    }

    // Constructor, equality, copying, pickling and repr; call once, after the fields.
    py::class_<Bound>& finish(Repr repr, Equal equal) {
        const std::string cls_name = name_;
        cls_.def(py::init([cls_name](py::args args, py::kwargs kwargs) {
                     if (!args.empty())
                         throw ArgumentTypeError("arguments", text_of(args), fmt::format("keyword arguments only, e.g. {}({}=...)",
                                                                                          cls_name, fields().empty() ? "x" : fields().front().name));
                     Bound b;
                     apply(b, kwargs, cls_name);
                     return b;
                 }),
                 "Builds the value from keyword arguments, one per field; missing fields keep their defaults.");
        cls_.def("__eq__", [equal](const Bound& a, py::object other) -> py::object {
            if (!py::isinstance<Bound>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
            return py::bool_(equal(a, other.cast<const Bound&>()));
        });
        cls_.def("__repr__", [repr](const Bound& b) { return repr(b); });
        cls_.def("__copy__", [](const Bound& b) { return Bound(b); });
        cls_.def("__deepcopy__", [](const Bound& b, py::object) { return Bound(b); }, py::arg("memo"));
        cls_.def("_asdict", [](const Bound& b) { return state(b); }, "The fields as a dict (copies).");
        // Pickled as the text archive of the C++ value (value_archive.hpp): portable, and a
        // damaged state raises FormatError. A dict of fields (older pickles) still loads.
        cls_.def(py::pickle(
            [](const Bound& b) -> py::object {
                return py::bytes(to_archive<ArchiveValue>(static_cast<const ArchiveValue&>(b), ArchiveFormat::Text));
            },
            [cls_name](py::object state) {
                Bound b;
                if (py::isinstance<py::dict>(state)) {
                    apply(b, state.cast<py::dict>(), cls_name);
                } else if (py::isinstance<py::bytes>(state)) {
                    const auto bytes = state.cast<std::string>();
                    static_cast<ArchiveValue&>(b) = from_archive<ArchiveValue>(bytes);
                } else {
                    throw FormatError(fmt::format("cannot unpickle {}: the state is a {}, not the bytes of an archive",
                                                  cls_name, type_name(state)));
                }
                return b;
            }));
        py::list names;
        for (const auto& f : fields()) names.append(f.name);
        cls_.attr("_fields") = py::tuple(names);
        return cls_;
    }

    py::class_<Bound>& cls() { return cls_; }

private:
    struct Field {
        std::string name;
        Value value;
        Setter set;
    };

    // Function-local statics: the bound lambdas use them long after this helper is gone.
    static std::vector<Field>& fields() {
        static std::vector<Field> f;
        return f;
    }
    static std::vector<Field>& keywords() {
        static std::vector<Field> k;
        return k;
    }

    static py::dict state(const Bound& b) {
        py::dict d;
        for (const auto& f : fields()) d[py::str(f.name)] = f.value(b);
        return d;
    }

    static void apply(Bound& b, const py::dict& values, const std::string& cls_name) {
        std::size_t used = 0;
        for (const auto* list : {&fields(), &keywords()})
            for (const auto& f : *list)
                if (values.contains(f.name)) {
                    py::object v = values[py::str(f.name)];
                    f.set(b, v);
                    ++used;
                }
        if (used == values.size()) return;
        for (auto item : values) {
            const auto key = text_of(item.first);
            const auto known = [&](const std::vector<Field>& list) {
                for (const auto& f : list)
                    if (f.name == key) return true;
                return false;
            };
            if (!known(fields()) && !known(keywords())) {
                std::string choices;
                for (const auto* list : {&fields(), &keywords()})
                    for (const auto& f : *list) choices += (choices.empty() ? "" : ", ") + f.name;
                throw ArgumentTypeError(key, text_of(item.second), fmt::format("a field of {}: {}", cls_name, choices));
            }
        }
    }

    py::class_<Bound> cls_;
    std::string name_;
};

} // namespace iro::python
