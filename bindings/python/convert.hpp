#pragma once
// Conversions between Python values and iro's C++ types, shared by every bind_*.cpp.
//
// Every argument and every field assignment goes through from_py<T>(value, field), so a bad
// value always raises an iro error that names the argument: a wrong Python type is an
// ArgumentTypeError (a ValidationError that Python also sees as a TypeError), a value of the
// right type that iro refuses is a ValidationError. pybind11's own argument casters are used
// only for `self`, which is why the bound functions take py::object parameters.

#include "iro/iro.hpp"

#include <pybind11/pybind11.h>

#include <concepts>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iro::python {

namespace py = pybind11;

class OfficeCore;

// A wrong Python type. Maps to iro.ArgumentTypeError, a subclass of both iro.ValidationError
// and TypeError.
class ArgumentTypeError : public ValidationError {
public:
    using ValidationError::ValidationError;
};

// "str", "int", "Institution": the name of an object's Python type, for messages.
std::string type_name(py::handle h);
// str(h), never throwing, for the value part of messages.
std::string text_of(py::handle h);
// Throws ArgumentTypeError "invalid <field> '<value>': expected <expected> (got <type>)".
[[noreturn]] void wrong_type(std::string_view field, py::handle h, std::string_view expected);

// An object returned by an office remembers which one, so that it can be refused by another
// office (ConflictError) and so that Agreement's lifecycle methods can reach its office.
template <class T>
struct Stored : T {
    Stored() = default;
    explicit Stored(T value, std::uint64_t token = 0, std::weak_ptr<OfficeCore> office = {})
        : T(std::move(value)), origin_token(token), origin(std::move(office)) {}

    std::uint64_t origin_token = 0;  // 0: built in Python or unpickled, not returned by an office
    std::weak_ptr<OfficeCore> origin;
};

// Which C++ type a value class is registered as in pybind11, and its Python name.
template <class T>
struct BoundAs {
    static constexpr bool bound = false;
};
#define IRO_BOUND_AS(Type, Registered, PyName)          \
    template <>                                          \
    struct BoundAs<Type> {                               \
        static constexpr bool bound = true;              \
        using type = Registered;                         \
        static constexpr const char* name = PyName;      \
    };
IRO_BOUND_AS(Name, Name, "Name")
IRO_BOUND_AS(Identifiers, Identifiers, "Identifiers")
IRO_BOUND_AS(LanguageSkill, LanguageSkill, "LanguageSkill")
IRO_BOUND_AS(MobilityQuota, MobilityQuota, "MobilityQuota")
IRO_BOUND_AS(DocumentRef, DocumentRef, "DocumentRef")
IRO_BOUND_AS(Party, Party, "Party")
IRO_BOUND_AS(Transition, Transition, "Transition")
IRO_BOUND_AS(AuditEntry, AuditEntry, "AuditEntry")
IRO_BOUND_AS(CountryRecord, CountryRecord, "Country")
IRO_BOUND_AS(Institution, Stored<Institution>, "Institution")
IRO_BOUND_AS(OrgUnit, Stored<OrgUnit>, "OrgUnit")
IRO_BOUND_AS(Contact, Stored<Contact>, "Contact")
IRO_BOUND_AS(Agreement, Stored<Agreement>, "Agreement")
IRO_BOUND_AS(ExpiringAgreement, Stored<ExpiringAgreement>, "ExpiringAgreement")
#undef IRO_BOUND_AS

template <class T>
concept BoundValue = BoundAs<T>::bound;

// A value class registered as itself (not as Stored<T>): it can be viewed in place.
template <class T>
concept PlainBoundValue = BoundValue<T> && std::same_as<typename BoundAs<T>::type, T>;

template <class E>
concept NamedEnum = std::is_enum_v<E> && requires { EnumNames<E>::table; };

// The value class whose `id` an Id type is, so that an object can stand for its id.
template <class IdType>
struct IdOwner;
template <>
struct IdOwner<InstitutionId> {
    using type = Institution;
    static constexpr const char* entity = "institution";
};
template <>
struct IdOwner<UnitId> {
    using type = OrgUnit;
    static constexpr const char* entity = "unit";
};
template <>
struct IdOwner<ContactId> {
    using type = Contact;
    static constexpr const char* entity = "contact";
};
template <>
struct IdOwner<AgreementId> {
    using type = Agreement;
    static constexpr const char* entity = "agreement";
};

// The Python enum classes (enum.StrEnum subclasses), created by bind_values.cpp.
template <class E>
struct PyEnum {
    inline static PyObject* cls = nullptr;
    inline static const char* name = "";
    inline static std::vector<PyObject*> members;  // in EnumNames<E>::table order
};

// The enum.Enum base class, to tell a member of another iro enum from a plain string.
extern PyObject* g_enum_base;

template <class T>
struct Convert;

template <class T>
T from_py(py::handle h, std::string_view field) {
    return Convert<T>::from(h, field);
}

// Like from_py, for assigning a field (see Convert<Id>::from_field).
template <class T>
T field_from_py(py::handle h, std::string_view field) {
    if constexpr (requires { Convert<T>::from_field(h, field); }) return Convert<T>::from_field(h, field);
    else return Convert<T>::from(h, field);
}

template <class T>
py::object to_py(const T& value) {
    return Convert<T>::to(value);
}

std::int64_t int64_from_py(py::handle h, std::string_view field);
Date date_from_py(py::handle h, std::string_view field);
py::object date_to_py(Date date);

template <>
struct Convert<bool> {
    static bool from(py::handle h, std::string_view field);
    static py::object to(bool v) { return py::bool_(v); }
};

template <>
struct Convert<std::int64_t> {
    static std::int64_t from(py::handle h, std::string_view field) { return int64_from_py(h, field); }
    static py::object to(std::int64_t v) { return py::int_(v); }
};

template <>
struct Convert<int> {
    static int from(py::handle h, std::string_view field);
    static py::object to(int v) { return py::int_(v); }
};

template <>
struct Convert<double> {
    static double from(py::handle h, std::string_view field);
    static py::object to(double v) { return py::float_(v); }
};

template <>
struct Convert<std::string> {
    static std::string from(py::handle h, std::string_view field);
    static py::object to(const std::string& v);
};

template <>
struct Convert<Date> {
    static Date from(py::handle h, std::string_view field) { return date_from_py(h, field); }
    // As a field: None is the "not set yet" date a new object starts with (and reads as).
    static Date from_field(py::handle h, std::string_view field) { return h.is_none() ? Date{} : date_from_py(h, field); }
    static py::object to(Date v) { return date_to_py(v); }
};

template <>
struct Convert<AcademicYear> {
    static AcademicYear from(py::handle h, std::string_view field);
    static py::object to(AcademicYear v) { return py::cast(v); }
};

template <class Tag>
struct Convert<Id<Tag>> {
    using IdType = Id<Tag>;
    using Owner = typename IdOwner<IdType>::type;
    using Registered = typename BoundAs<Owner>::type;

    // An int, or an object of the matching class standing for its id.
    static IdType from(py::handle h, std::string_view field) {
        if (py::isinstance<Registered>(h)) {
            const Owner& owner = h.cast<const Registered&>();
            if (!owner.id.valid())
                throw ValidationError(std::string(field), text_of(h),
                                      std::string("a stored ") + IdOwner<IdType>::entity +
                                          " (this object has no id yet: add it to an office first)");
            return owner.id;
        }
        if (PyBool_Check(h.ptr()) || !PyIndex_Check(h.ptr()))
            wrong_type(field, h, std::string("an int id or an ") + BoundAs<Owner>::name);
        const auto value = int64_from_py(h, field);
        if (value <= 0)
            throw ValidationError(std::string(field), std::to_string(value),
                                  std::string("a positive ") + IdOwner<IdType>::entity + " id");
        return IdType{value};
    }
    // As a field: 0 is also accepted, the "not stored yet" value a new object starts with.
    static IdType from_field(py::handle h, std::string_view field) {
        if (PyLong_Check(h.ptr()) && !PyBool_Check(h.ptr()) && int64_from_py(h, field) == 0) return IdType{};
        return from(h, field);
    }
    static py::object to(IdType v) { return py::int_(v.value()); }
};

template <NamedEnum E>
struct Convert<E> {
    static E from(py::handle h, std::string_view field) {
        // Members are str (StrEnum), so a member of another iro enum must be caught before the
        // name lookup: AgreementKind.TRAINING is not Area.TRAINING.
        const bool own_member = Py_TYPE(h.ptr()) == reinterpret_cast<PyTypeObject*>(PyEnum<E>::cls);
        const int other_enum = own_member ? 0 : PyObject_IsInstance(h.ptr(), g_enum_base);
        if (other_enum < 0) throw py::error_already_set();
        if (!other_enum) {
            if (PyUnicode_Check(h.ptr())) {
                const auto name = Convert<std::string>::from(h, field);
                if (auto v = try_enum_from_string<E>(name)) return *v;
                throw ValidationError(std::string(field), name, "one of: " + enum_choices<E>());
            }
        }
        wrong_type(field, h, std::string("an iro.") + PyEnum<E>::name + " or one of the names: " + enum_choices<E>());
    }
    static py::object to(E v) {
        const auto& table = EnumNames<E>::table;
        for (std::size_t i = 0; i < table.size(); ++i)
            if (table[i].first == v) return py::reinterpret_borrow<py::object>(PyEnum<E>::members.at(i));
        return py::none();
    }
};

template <class T>
struct Convert<std::optional<T>> {
    static std::optional<T> from(py::handle h, std::string_view field) {
        if (h.is_none()) return std::nullopt;
        return Convert<T>::from(h, field);
    }
    static py::object to(const std::optional<T>& v) { return v ? Convert<T>::to(*v) : py::none(); }
};

// Raises ArgumentTypeError unless `h` is iterable and not a string, bytes or a mapping.
void require_list_like(py::handle h, std::string_view field);
std::string item_field(std::string_view field, std::size_t index);

template <class T>
struct Convert<std::vector<T>> {
    static std::vector<T> from(py::handle h, std::string_view field) {
        require_list_like(h, field);
        std::vector<T> out;
        std::size_t i = 0;
        for (auto item : py::iter(h)) out.push_back(Convert<T>::from(item, item_field(field, i++)));
        return out;
    }
    static py::object to(const std::vector<T>& v) {
        py::list out(v.size());
        for (std::size_t i = 0; i < v.size(); ++i) out[i] = Convert<T>::to(v[i]);
        return out;
    }
};

template <BoundValue T>
struct Convert<T> {
    using Registered = typename BoundAs<T>::type;
    static T from(py::handle h, std::string_view field) {
        if (!py::isinstance<Registered>(h)) wrong_type(field, h, std::string("an iro.") + BoundAs<T>::name);
        return static_cast<const T&>(h.cast<const Registered&>());
    }
    static py::object to(const T& v) { return py::cast(Registered(v)); }
};

} // namespace iro::python
