"""iro: the data of a university's Office of International Relations, from Python.

Open an office store (a SQLite file, or ``":memory:"``) and work with its collections::

    import iro

    with iro.open("office.db", actor="analyst") as office:
        office.institutions.add(name="Palestine Polytechnic University", country="PS",
                                city="Hebron", is_home=True)
        jordan = office.institutions.add(name="University of Jordan", country="JO")
        mou = office.agreements.add(title="MoU with University of Jordan", kind="mou",
                                    partners=[jordan], areas=["research"])
        frame = office.agreements.to_frame(status=iro.AgreementStatus.PROPOSED)

The office's daily work has one collection per concept, each with the same shape (``add``,
``get``, ``find``, ``update``, ``len()``, iteration, ``to_frame()``): ``office.activities``
(cooperation activities), ``office.people`` (with ``erase()``), ``office.visits`` (with
``transition()``), ``office.programs``, ``office.calls`` (``open_calls()``,
``upcoming_deadlines()``) and ``office.applications`` (``transition()``, ``history()``,
``participation()``, ``success_rates()``); ``office.centres`` holds the scientific centres'
expertise, their links and ``match()``. Analyses spanning them are Office methods returning
DataFrames: ``dormant_agreements()``, ``unused_agreements()``, ``quota_utilisation()``,
``mobility_balance()``, ``visiting_professors()``; ``kpis()`` returns an ``iro.KpiSet`` (with
``to_frame()``) and ``export_ics()`` the deadlines as iCalendar text::

    visiting = office.people.add(given_name="Hans", family_name="Weber",
                                 role="visiting_professor", affiliation=jordan)
    office.visits.add(person=visiting, direction="incoming", partner=jordan,
                      purpose="teaching", start="2026-03-01", end="2026-03-10")
    office.mobility_balance(start="2026-01-01", end="2026-12-31")

Rankings: ``iro.rankings.methodology("QS-WUR", 2026)`` scores pandas DataFrames of indicator
scores (``overall``, ``rank``, ``band``, ``score_table``, ``what_if``, ``gap_to_target``,
``sensitivity``, ``robustness``); ``office.rankings`` stores custom methodologies, published
results (CSV import, ``results()``, ``trajectory()``, ``peer_benchmark()``) and the home
institution's own figures. Accreditation: ``office.accreditations`` holds frameworks
(``iro.builtin_framework("ABET", body=abet)``), cases and their lifecycle, findings,
follow-ups, evidence, ``readiness()``, deadlines from a body's calendar (``timeline()``) and
where every programme stands (``status_on()``, ``expiring()``)::

    qs = iro.rankings.methodology("QS-WUR", 2026)
    table = qs.score_table(df, name_column="institution", bounds=(5.2, 96.1))
    case = office.accreditations.open_case(framework=abet_framework, unit=engineering,
                                           degree="B.Sc. in Computer Engineering", level="bachelor")
    office.accreditations.readiness(case).criteria

Conventions:

* Dates are ``datetime.date`` both ways; ISO strings ``"2026-01-31"`` and ``datetime``
  objects (their date) are accepted where a date is expected.
* Enums are ``enum.StrEnum`` classes (``iro.AgreementStatus.IN_FORCE == "in_force"``); the
  plain names are accepted where an enum is expected.
* Ids are ints; an object the office returned may stand for its id. Objects belong to the
  office that returned them: another office refuses them with ``ConflictError``.
* Every error is an ``iro.Error``: ``ValidationError`` (also a ``ValueError``, with ``.field``,
  ``.value`` and ``.expected``), ``ArgumentTypeError`` (a ``ValidationError`` that is also a
  ``TypeError``), ``NotFoundError`` (also a ``LookupError``), ``ConflictError``,
  ``StorageError`` and ``FormatError``. A refused change writes nothing.
* ``to_frame()`` gives pandas DataFrames with typed columns: ``datetime64[ns]`` dates,
  Categorical enums, ``int64`` ids and nullable ``Int64`` for optional ids.
* An Office may be shared between threads; its calls are serialised and release the GIL.
"""

from ._iro import (
    AcademicYear,
    Activities,
    Activity,
    ActivityGrouping,
    ActivityType,
    Agreement,
    AgreementKind,
    AgreementParts,
    Agreements,
    AgreementStatus,
    Application,
    Applications,
    ApplicationStatus,
    ApplicationTransition,
    Area,
    ArgumentTypeError,
    Audience,
    AuditEntry,
    AuditLog,
    Call,
    Calls,
    CefrLevel,
    CentreLink,
    Centres,
    ConflictError,
    Contact,
    Contacts,
    Country,
    DocumentRef,
    Error,
    Expertise,
    ExpertiseMatch,
    ExpertiseMatchKind,
    ExpiringAgreement,
    FormatError,
    Identifiers,
    Institution,
    Institutions,
    InstitutionStatus,
    InstitutionType,
    KpiSet,
    LanguageSkill,
    MobilityQuota,
    MobilityType,
    Money,
    Name,
    NameKind,
    NotFoundError,
    Office,
    OrgUnit,
    OrgUnits,
    Party,
    People,
    Person,
    PersonRole,
    Program,
    ProgramKind,
    Programs,
    Scope,
    StorageError,
    ThreadError,
    Transition,
    UnitKind,
    ValidationError,
    Visit,
    VisitDirection,
    VisitPurpose,
    Visits,
    VisitStatus,
    WorldRegion,
    __version__,
    academic_year_of,
    countries,
    countries_frame,
    country,
    default_regional_countries,
    find_country,
    fold_for_search,
    generate_sample_data,
    load_sample_dataset,
    sample_counts,
    is_currency_code,
    is_final,
    is_legal_transition,
    is_valid_ror_id,
    next_states,
    normalize_ror_id,
    open,
    parse_date,
    validate,
)

__all__ = [
    "AcademicYear",
    "Activities",
    "Activity",
    "ActivityGrouping",
    "ActivityType",
    "Agreement",
    "AgreementKind",
    "AgreementParts",
    "Agreements",
    "AgreementStatus",
    "Application",
    "Applications",
    "ApplicationStatus",
    "ApplicationTransition",
    "Area",
    "ArgumentTypeError",
    "Audience",
    "AuditEntry",
    "AuditLog",
    "Call",
    "Calls",
    "CefrLevel",
    "CentreLink",
    "Centres",
    "ConflictError",
    "Contact",
    "Contacts",
    "Country",
    "DocumentRef",
    "Error",
    "Expertise",
    "ExpertiseMatch",
    "ExpertiseMatchKind",
    "ExpiringAgreement",
    "FormatError",
    "Identifiers",
    "Institution",
    "Institutions",
    "InstitutionStatus",
    "InstitutionType",
    "KpiSet",
    "LanguageSkill",
    "MobilityQuota",
    "MobilityType",
    "Money",
    "Name",
    "NameKind",
    "NotFoundError",
    "Office",
    "OrgUnit",
    "OrgUnits",
    "Party",
    "People",
    "Person",
    "PersonRole",
    "Program",
    "ProgramKind",
    "Programs",
    "Scope",
    "StorageError",
    "ThreadError",
    "Transition",
    "UnitKind",
    "ValidationError",
    "Visit",
    "VisitDirection",
    "VisitPurpose",
    "Visits",
    "VisitStatus",
    "WorldRegion",
    "__version__",
    "academic_year_of",
    "countries",
    "countries_frame",
    "country",
    "default_regional_countries",
    "find_country",
    "fold_for_search",
    "generate_sample_data",
    "load_sample_dataset",
    "sample_counts",
    "is_currency_code",
    "is_final",
    "is_legal_transition",
    "is_valid_ror_id",
    "next_states",
    "normalize_ror_id",
    "open",
    "parse_date",
    "validate",
]

# Rankings (the functions live in the iro.rankings module) and accreditation.
from ._iro import (  # noqa: E402
    GapResult,
    HomeIndicators,
    Methodology,
    MissingTreatment,
    PublishedResult,
    RankBand,
    RankingBands,
    RankingIndicator,
    Rankings,
    RobustnessResult,
    ScoredRow,
    TotalScaling,
    WhatIfResult,
    AccreditationCase,
    AccreditationScope,
    AccreditationState,
    AccreditationTimeline,
    Accreditations,
    CaseStatus,
    CaseTransition,
    CaseType,
    Criterion,
    Decision,
    DegreeLevel,
    Evidence,
    EvidenceStatus,
    Finding,
    FindingLevel,
    FollowUp,
    Framework,
    Readiness,
    TimelineRules,
    abet_timeline_rules,
    builtin_framework,
    builtin_framework_keys,
    derive_timeline,
    framework_from_csv,
    framework_from_json,
)

__all__ += [
    "GapResult",
    "HomeIndicators",
    "Methodology",
    "MissingTreatment",
    "PublishedResult",
    "RankBand",
    "RankingBands",
    "RankingIndicator",
    "Rankings",
    "RobustnessResult",
    "ScoredRow",
    "TotalScaling",
    "WhatIfResult",
    "AccreditationCase",
    "AccreditationScope",
    "AccreditationState",
    "AccreditationTimeline",
    "Accreditations",
    "CaseStatus",
    "CaseTransition",
    "CaseType",
    "Criterion",
    "Decision",
    "DegreeLevel",
    "Evidence",
    "EvidenceStatus",
    "Finding",
    "FindingLevel",
    "FollowUp",
    "Framework",
    "Readiness",
    "TimelineRules",
    "abet_timeline_rules",
    "builtin_framework",
    "builtin_framework_keys",
    "derive_timeline",
    "framework_from_csv",
    "framework_from_json",
]

from . import rankings  # noqa: E402  (iro.rankings after a plain `import iro`)

# Interchange: the ROR import (office.import_ror, office.ror_details) and EWP IIAs (iro.ewp,
# office.import_iias, export_iia, to_iia, diff_iia).
from ._iro import (  # noqa: E402
    ImportCancelledError,
    RorImportProblem,
    RorImportResult,
    RorRecordError,
)

__all__ += [
    "ImportCancelledError",
    "RorImportProblem",
    "RorImportResult",
    "RorRecordError",
]

# CSV and JSON exchange of every collection (office.export_csv, import_csv, export_json,
# import_json).
from ._iro import (  # noqa: E402
    RowProblem,
    RowsRejectedError,
    TableImportResult,
    collection_names,
    csv_columns,
)

__all__ += [
    "RowProblem",
    "RowsRejectedError",
    "TableImportResult",
    "collection_names",
    "csv_columns",
]

# Snapshots: office.save_snapshot() and office.load_snapshot(), and reading an archive's header.
from ._iro import (  # noqa: E402
    read_snapshot_info,
    snapshot_collections,
)

__all__ += [
    "read_snapshot_info",
    "snapshot_collections",
]

from . import ewp  # noqa: E402  (iro.ewp after a plain `import iro`)
