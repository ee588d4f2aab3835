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
    Agreement,
    AgreementKind,
    Agreements,
    AgreementStatus,
    ArgumentTypeError,
    Area,
    AuditEntry,
    AuditLog,
    CefrLevel,
    ConflictError,
    Contact,
    Contacts,
    Country,
    DocumentRef,
    Error,
    ExpiringAgreement,
    FormatError,
    Identifiers,
    Institution,
    Institutions,
    InstitutionStatus,
    InstitutionType,
    LanguageSkill,
    MobilityQuota,
    MobilityType,
    Name,
    NameKind,
    NotFoundError,
    Office,
    OrgUnit,
    OrgUnits,
    Party,
    Scope,
    StorageError,
    Transition,
    UnitKind,
    ValidationError,
    WorldRegion,
    __version__,
    countries,
    countries_frame,
    country,
    default_regional_countries,
    find_country,
    fold_for_search,
    generate_sample_data,
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
    "Agreement",
    "AgreementKind",
    "Agreements",
    "AgreementStatus",
    "ArgumentTypeError",
    "Area",
    "AuditEntry",
    "AuditLog",
    "CefrLevel",
    "ConflictError",
    "Contact",
    "Contacts",
    "Country",
    "DocumentRef",
    "Error",
    "ExpiringAgreement",
    "FormatError",
    "Identifiers",
    "Institution",
    "Institutions",
    "InstitutionStatus",
    "InstitutionType",
    "LanguageSkill",
    "MobilityQuota",
    "MobilityType",
    "Name",
    "NameKind",
    "NotFoundError",
    "Office",
    "OrgUnit",
    "OrgUnits",
    "Party",
    "Scope",
    "StorageError",
    "Transition",
    "UnitKind",
    "ValidationError",
    "WorldRegion",
    "__version__",
    "countries",
    "countries_frame",
    "country",
    "default_regional_countries",
    "find_country",
    "fold_for_search",
    "generate_sample_data",
    "is_final",
    "is_legal_transition",
    "is_valid_ror_id",
    "next_states",
    "normalize_ror_id",
    "open",
    "parse_date",
    "validate",
]
