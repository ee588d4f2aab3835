#pragma once
// The parts of the _iro module, one per area, called in this order by module.cpp.

#include <pybind11/pybind11.h>

namespace iro::python {

void bind_errors(pybind11::module_& m);        // iro.Error and its subclasses, the translator
void bind_values(pybind11::module_& m);        // enums, small value classes, countries, helpers
void bind_institutions(pybind11::module_& m);  // Institution, OrgUnit, Contact and their collections
void bind_agreements(pybind11::module_& m);    // Agreement, its lifecycle, ExpiringAgreement
void bind_store(pybind11::module_& m);         // Office, iro.open(), the audit log, sample data
void bind_frames(pybind11::module_& m);        // to_frame() on the collections
void bind_daily_work(pybind11::module_& m);    // activities, people, visits, programs, calls, applications, centres
void bind_daily_work_frames(pybind11::module_& m);  // their DataFrames
void bind_analytics(pybind11::module_& m);     // Office analyses: dormant agreements, quotas, mobility, KPIs, calendar
void bind_rankings(pybind11::module_& m);      // methodologies, scoring DataFrames, what-if and gap; office.rankings
void bind_accreditation(pybind11::module_& m); // frameworks, cases, evidence, readiness, timelines; office.accreditations
void bind_interchange(pybind11::module_& m);   // ROR import with progress callbacks, office.ror_details()
void bind_ewp(pybind11::module_& m);           // EWP IIA v7 (_iro._ewp, used as iro.ewp) and its Office methods
void bind_collection_exchange(pybind11::module_& m);  // CSV and JSON export/import of every collection; iro.RowsRejectedError
void bind_snapshot(pybind11::module_& m);      // office snapshots: save_snapshot, load_snapshot, read_snapshot_info

} // namespace iro::python
