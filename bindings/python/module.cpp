// The _iro extension module. The pure-Python package iro (bindings/python/iro) re-exports it.

#include "bind.hpp"

#include "iro/version.hpp"

#include <string>

PYBIND11_MODULE(_iro, m) {
    m.doc() = "iro's C++ core: the office store, its collections and value types.";
    m.attr("__version__") = IRO_VERSION_STRING;
    // Errors first: everything after may raise them while the module is set up.
    iro::python::bind_errors(m);
    iro::python::bind_values(m);
    iro::python::bind_institutions(m);
    iro::python::bind_agreements(m);
    iro::python::bind_store(m);
    iro::python::bind_frames(m);
    iro::python::bind_daily_work(m);
    iro::python::bind_daily_work_frames(m);
    iro::python::bind_analytics(m);
    iro::python::bind_rankings(m);
    iro::python::bind_accreditation(m);
    iro::python::bind_interchange(m);
    iro::python::bind_ewp(m);
    iro::python::bind_collection_exchange(m);
    iro::python::bind_snapshot(m);

    // Classes are used as iro.X: say so in reprs and in pickles.
    for (auto item : m.attr("__dict__").cast<pybind11::dict>()) {
        const auto value = pybind11::reinterpret_borrow<pybind11::object>(item.second);
        if (PyType_Check(value.ptr()) && pybind11::str(value.attr("__module__")).cast<std::string>() == "iro._iro")
            value.attr("__module__") = "iro";
    }
}
