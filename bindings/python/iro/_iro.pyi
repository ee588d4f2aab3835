"""Type stubs for iro._iro, the C++ extension behind the iro package."""

import datetime
import enum
import os
from typing import Any, Iterable, Iterator, Optional, Sequence, Union

import pandas

__version__: str

# A date argument: a datetime.date, a datetime (its date) or an ISO string "YYYY-MM-DD".
DateLike = Union[datetime.date, str]

# ---------------------------------------------------------------- errors

class Error(Exception): ...

class ValidationError(Error, ValueError):
    field: Optional[str]
    value: Optional[str]
    expected: Optional[str]

class ArgumentTypeError(ValidationError, TypeError): ...
class NotFoundError(Error, LookupError): ...
class ConflictError(Error): ...
class StorageError(Error): ...
class FormatError(Error): ...

# ---------------------------------------------------------------- enums

class InstitutionType(enum.StrEnum):
    UNIVERSITY = "university"
    RESEARCH_INSTITUTE = "research_institute"
    SCIENTIFIC_CENTRE = "scientific_centre"
    INTERNATIONAL_ORGANISATION = "international_organisation"
    GOVERNMENT_BODY = "government_body"
    FOUNDATION = "foundation"
    COMPANY = "company"
    FUNDER = "funder"
    ACCREDITATION_BODY = "accreditation_body"
    RANKING_ORGANISATION = "ranking_organisation"
    OTHER = "other"

class InstitutionStatus(enum.StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    MERGED = "merged"

class NameKind(enum.StrEnum):
    DISPLAY = "display"
    LABEL = "label"
    ALIAS = "alias"
    ACRONYM = "acronym"

class Scope(enum.StrEnum):
    LOCAL = "local"
    REGIONAL = "regional"
    INTERNATIONAL = "international"

class WorldRegion(enum.StrEnum):
    AFRICA = "africa"
    AMERICAS = "americas"
    ASIA = "asia"
    EUROPE = "europe"
    OCEANIA = "oceania"
    ANTARCTICA = "antarctica"

class UnitKind(enum.StrEnum):
    FACULTY = "faculty"
    DEPARTMENT = "department"
    SCIENTIFIC_CENTRE = "scientific_centre"
    OFFICE = "office"

class AgreementKind(enum.StrEnum):
    MOU = "mou"
    FRAMEWORK = "framework"
    STUDENT_EXCHANGE = "student_exchange"
    STAFF_EXCHANGE = "staff_exchange"
    ERASMUS_IIA = "erasmus_iia"
    JOINT_DEGREE = "joint_degree"
    RESEARCH_COLLABORATION = "research_collaboration"
    SCHOLARSHIP = "scholarship"
    TRAINING = "training"
    NETWORK = "network"

class AgreementStatus(enum.StrEnum):
    PROPOSED = "proposed"
    IN_NEGOTIATION = "in_negotiation"
    UNDER_REVIEW = "under_review"
    AWAITING_SIGNATURE = "awaiting_signature"
    IN_FORCE = "in_force"
    EXPIRED = "expired"
    RENEWED = "renewed"
    TERMINATED = "terminated"

class Area(enum.StrEnum):
    EDUCATION = "education"
    TRAINING = "training"
    RESEARCH = "research"
    CULTURE = "culture"
    STUDENT_EXCHANGE = "student_exchange"
    STAFF_EXCHANGE = "staff_exchange"
    CAPACITY_BUILDING = "capacity_building"
    JOINT_PROGRAMMES = "joint_programmes"
    QUALITY_ACCREDITATION = "quality_accreditation"

class MobilityType(enum.StrEnum):
    STUDENT_STUDIES = "student_studies"
    STUDENT_TRAINEESHIP = "student_traineeship"
    STAFF_TEACHING = "staff_teaching"
    STAFF_TRAINING = "staff_training"

class CefrLevel(enum.StrEnum):
    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"

InstitutionTypeLike = Union[InstitutionType, str]
InstitutionStatusLike = Union[InstitutionStatus, str]
NameKindLike = Union[NameKind, str]
ScopeLike = Union[Scope, str]
WorldRegionLike = Union[WorldRegion, str]
UnitKindLike = Union[UnitKind, str]
AgreementKindLike = Union[AgreementKind, str]
AgreementStatusLike = Union[AgreementStatus, str]
AreaLike = Union[Area, str]
MobilityTypeLike = Union[MobilityType, str]
CefrLevelLike = Union[CefrLevel, str]

# ---------------------------------------------------------------- value classes
# Keyword constructors; list fields read as copies (assign a new list to change them).

class Name:
    value: str
    lang: str
    kind: NameKind
    _fields: tuple[str, ...]
    def __init__(self, *, value: str = ..., lang: str = ..., kind: NameKindLike = ...) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class Identifiers:
    ror: str
    erasmus: str
    schac: str
    pic: str
    wikidata: str
    _fields: tuple[str, ...]
    def __init__(self, *, ror: str = ..., erasmus: str = ..., schac: str = ..., pic: str = ..., wikidata: str = ...) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class AcademicYear:
    start_year: int
    _fields: tuple[str, ...]
    def __init__(self, *, start_year: int = ...) -> None: ...
    @staticmethod
    def parse(text: str) -> AcademicYear: ...
    def to_string(self) -> str: ...
    def __lt__(self, other: AcademicYear) -> bool: ...
    def __le__(self, other: AcademicYear) -> bool: ...
    def __gt__(self, other: AcademicYear) -> bool: ...
    def __ge__(self, other: AcademicYear) -> bool: ...
    def _asdict(self) -> dict[str, Any]: ...

class LanguageSkill:
    language: str
    level: CefrLevel
    _fields: tuple[str, ...]
    def __init__(self, *, language: str = ..., level: CefrLevelLike = ...) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class MobilityQuota:
    sending: int
    receiving: int
    sending_unit: Optional[int]
    receiving_unit: Optional[int]
    type: MobilityType
    academic_years: list[AcademicYear]
    mobilities_per_year: int
    total_months_per_year: Optional[float]
    total_days_per_year: Optional[int]
    subject_areas: list[str]
    eqf_levels: list[int]
    language_skills: list[LanguageSkill]
    blended: bool
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        sending: Union[int, Institution] = ...,
        receiving: Union[int, Institution] = ...,
        sending_unit: Union[int, OrgUnit, None] = ...,
        receiving_unit: Union[int, OrgUnit, None] = ...,
        type: MobilityTypeLike = ...,
        academic_years: Iterable[Union[AcademicYear, str]] = ...,
        mobilities_per_year: int = ...,
        total_months_per_year: Optional[float] = ...,
        total_days_per_year: Optional[int] = ...,
        subject_areas: Iterable[str] = ...,
        eqf_levels: Iterable[int] = ...,
        language_skills: Iterable[LanguageSkill] = ...,
        blended: bool = ...,
    ) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class DocumentRef:
    title: str
    location: str
    sha256: str
    _fields: tuple[str, ...]
    def __init__(self, *, title: str = ..., location: str = ..., sha256: str = ...) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class Party:
    institution: int
    unit: Optional[int]
    signed_on: Optional[datetime.date]
    signatory: str
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        institution: Union[int, Institution] = ...,
        unit: Union[int, OrgUnit, None] = ...,
        signed_on: Optional[DateLike] = ...,
        signatory: str = ...,
    ) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class Transition:
    from_: Optional[AgreementStatus]
    to: AgreementStatus
    on: Optional[datetime.date]
    actor: str
    note: str
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        from_: Optional[AgreementStatusLike] = ...,
        to: AgreementStatusLike = ...,
        on: Optional[DateLike] = ...,
        actor: str = ...,
        note: str = ...,
    ) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class AuditEntry:
    id: int
    at: str
    actor: str
    entity: str
    entity_id: int
    action: str
    before: str
    after: str
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        id: int = ...,
        at: str = ...,
        actor: str = ...,
        entity: str = ...,
        entity_id: int = ...,
        action: str = ...,
        before: str = ...,
        after: str = ...,
    ) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class Country:
    code: str
    name: str
    region: WorldRegion
    subregion: str
    arab_world: bool
    mena: bool
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        code: str = ...,
        name: str = ...,
        region: WorldRegionLike = ...,
        subregion: str = ...,
        arab_world: bool = ...,
        mena: bool = ...,
    ) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class Institution:
    id: int
    type: InstitutionType
    names: list[Name]
    country: str
    city: str
    website: str
    identifiers: Identifiers
    status: InstitutionStatus
    successor: Optional[int]
    is_home: bool
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        id: int = ...,
        type: InstitutionTypeLike = ...,
        names: Iterable[Name] = ...,
        country: str = ...,
        city: str = ...,
        website: str = ...,
        identifiers: Identifiers = ...,
        status: InstitutionStatusLike = ...,
        successor: Union[int, Institution, None] = ...,
        is_home: bool = ...,
        name: str = ...,
        ror: str = ...,
        erasmus: str = ...,
        schac: str = ...,
        pic: str = ...,
        wikidata: str = ...,
    ) -> None: ...
    @property
    def display_name(self) -> str: ...
    def _asdict(self) -> dict[str, Any]: ...

class OrgUnit:
    id: int
    institution: int
    parent: Optional[int]
    kind: UnitKind
    name: str
    code: str
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        id: int = ...,
        institution: Union[int, Institution] = ...,
        parent: Union[int, OrgUnit, None] = ...,
        kind: UnitKindLike = ...,
        name: str = ...,
        code: str = ...,
    ) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class Contact:
    id: int
    institution: int
    unit: Optional[int]
    name: str
    role: str
    email: str
    phone: str
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        id: int = ...,
        institution: Union[int, Institution] = ...,
        unit: Union[int, OrgUnit, None] = ...,
        name: str = ...,
        role: str = ...,
        email: str = ...,
        phone: str = ...,
    ) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class Agreement:
    id: int
    kind: AgreementKind
    title: str
    reference: str
    parties: list[Party]
    areas: list[Area]
    status: AgreementStatus
    proposed_on: Optional[datetime.date]
    in_force_from: Optional[datetime.date]
    valid_until: Optional[datetime.date]
    terminated_on: Optional[datetime.date]
    tacit_renewal_years: int
    notice_days: int
    predecessor: Optional[int]
    quotas: list[MobilityQuota]
    documents: list[DocumentRef]
    note: str
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        id: int = ...,
        kind: AgreementKindLike = ...,
        title: str = ...,
        reference: str = ...,
        parties: Iterable[Party] = ...,
        areas: Iterable[AreaLike] = ...,
        status: AgreementStatusLike = ...,
        proposed_on: Optional[DateLike] = ...,
        in_force_from: Optional[DateLike] = ...,
        valid_until: Optional[DateLike] = ...,
        terminated_on: Optional[DateLike] = ...,
        tacit_renewal_years: int = ...,
        notice_days: int = ...,
        predecessor: Union[int, Agreement, None] = ...,
        quotas: Iterable[MobilityQuota] = ...,
        documents: Iterable[DocumentRef] = ...,
        note: str = ...,
    ) -> None: ...
    @property
    def is_multilateral(self) -> bool: ...
    def period_end(self, on: DateLike) -> Optional[datetime.date]: ...
    def in_force_on(self, on: DateLike) -> bool: ...
    # Lifecycle moves on an agreement returned by an office; the object is reloaded after.
    def transition(self, status: AgreementStatusLike, on: DateLike, note: str = "") -> None: ...
    def sign(self, party: Union[int, Institution], on: DateLike, signatory: str = "") -> None: ...
    def enter_into_force(self, on: DateLike, note: str = "") -> None: ...
    def terminate(self, on: DateLike, note: str = "") -> None: ...
    def expire(self, on: DateLike, note: str = "") -> None: ...
    def renew(
        self, on: DateLike, in_force_from: DateLike, valid_until: Optional[DateLike] = None, note: str = ""
    ) -> Agreement: ...
    def history(self) -> list[Transition]: ...
    def refresh(self) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class ExpiringAgreement:
    agreement: Agreement
    ends_on: Optional[datetime.date]
    days_left: int
    renews_tacitly: bool
    notice_by: Optional[datetime.date]
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        agreement: Agreement = ...,
        ends_on: Optional[DateLike] = ...,
        days_left: int = ...,
        renews_tacitly: bool = ...,
        notice_by: Optional[DateLike] = ...,
    ) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

# ---------------------------------------------------------------- collections

InstitutionRef = Union[int, Institution]
UnitRef = Union[int, OrgUnit]
AgreementRef = Union[int, Agreement]

class Institutions:
    def add(self, institution: Optional[Institution] = None, /, **fields: Any) -> Institution: ...
    def add_many(self, institutions: Iterable[Institution]) -> list[int]: ...
    def update(self, institution: Institution) -> Institution: ...
    def merge_into(self, merged: InstitutionRef, successor: InstitutionRef) -> Institution: ...
    def get(self, id: InstitutionRef) -> Institution: ...
    def find_by_ror(self, ror: str) -> Optional[Institution]: ...
    def home(self) -> Institution: ...
    def has_home(self) -> bool: ...
    def find(
        self,
        *,
        type: Optional[InstitutionTypeLike] = None,
        status: Optional[InstitutionStatusLike] = None,
        country: Optional[str] = None,
        region: Optional[WorldRegionLike] = None,
        scope: Optional[ScopeLike] = None,
        include_home: bool = False,
    ) -> list[Institution]: ...
    def count(
        self,
        *,
        type: Optional[InstitutionTypeLike] = None,
        status: Optional[InstitutionStatusLike] = None,
        country: Optional[str] = None,
        region: Optional[WorldRegionLike] = None,
        scope: Optional[ScopeLike] = None,
        include_home: bool = False,
    ) -> int: ...
    def to_frame(
        self,
        *,
        type: Optional[InstitutionTypeLike] = None,
        status: Optional[InstitutionStatusLike] = None,
        country: Optional[str] = None,
        region: Optional[WorldRegionLike] = None,
        scope: Optional[ScopeLike] = None,
        include_home: bool = False,
    ) -> pandas.DataFrame: ...
    def search(self, text: str, limit: int = 50) -> list[Institution]: ...
    def scope_of(self, institution: InstitutionRef) -> Scope: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Institution]: ...

class OrgUnits:
    def add(self, unit: Optional[OrgUnit] = None, /, **fields: Any) -> OrgUnit: ...
    def update(self, unit: OrgUnit) -> OrgUnit: ...
    def get(self, id: UnitRef) -> OrgUnit: ...
    def of(self, institution: InstitutionRef) -> list[OrgUnit]: ...
    def children(self, parent: UnitRef) -> list[OrgUnit]: ...
    def to_frame(self, institution: Optional[InstitutionRef] = None) -> pandas.DataFrame: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[OrgUnit]: ...

class Contacts:
    def add(self, contact: Optional[Contact] = None, /, **fields: Any) -> Contact: ...
    def update(self, contact: Contact) -> Contact: ...
    def remove(self, id: Union[int, Contact]) -> None: ...
    def get(self, id: Union[int, Contact]) -> Contact: ...
    def of(self, institution: InstitutionRef) -> list[Contact]: ...
    def to_frame(self, institution: Optional[InstitutionRef] = None) -> pandas.DataFrame: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Contact]: ...

class Agreements:
    def add(
        self, agreement: Optional[Agreement] = None, /, *, partners: Optional[Sequence[InstitutionRef]] = None, **fields: Any
    ) -> Agreement: ...
    def add_many(self, agreements: Iterable[Agreement]) -> list[int]: ...
    def update(self, agreement: Agreement) -> Agreement: ...
    def get(self, id: AgreementRef) -> Agreement: ...
    def find(
        self,
        *,
        partner: Optional[InstitutionRef] = None,
        country: Optional[str] = None,
        region: Optional[WorldRegionLike] = None,
        scope: Optional[ScopeLike] = None,
        kind: Optional[AgreementKindLike] = None,
        status: Optional[AgreementStatusLike] = None,
        area: Optional[AreaLike] = None,
        home_unit: Optional[UnitRef] = None,
        in_force_on: Optional[DateLike] = None,
    ) -> list[Agreement]: ...
    def count(
        self,
        *,
        partner: Optional[InstitutionRef] = None,
        country: Optional[str] = None,
        region: Optional[WorldRegionLike] = None,
        scope: Optional[ScopeLike] = None,
        kind: Optional[AgreementKindLike] = None,
        status: Optional[AgreementStatusLike] = None,
        area: Optional[AreaLike] = None,
        home_unit: Optional[UnitRef] = None,
        in_force_on: Optional[DateLike] = None,
    ) -> int: ...
    def to_frame(
        self,
        *,
        partner: Optional[InstitutionRef] = None,
        country: Optional[str] = None,
        region: Optional[WorldRegionLike] = None,
        scope: Optional[ScopeLike] = None,
        kind: Optional[AgreementKindLike] = None,
        status: Optional[AgreementStatusLike] = None,
        area: Optional[AreaLike] = None,
        home_unit: Optional[UnitRef] = None,
        in_force_on: Optional[DateLike] = None,
    ) -> pandas.DataFrame: ...
    def search(self, text: str, limit: int = 50) -> list[Agreement]: ...
    def in_force_on(self, on: DateLike) -> list[Agreement]: ...
    def expiring(self, within_days: int = 90, on: Optional[DateLike] = None) -> list[ExpiringAgreement]: ...
    def expiring_frame(self, within_days: int = 90, on: Optional[DateLike] = None) -> pandas.DataFrame: ...
    def transition(self, id: AgreementRef, status: AgreementStatusLike, on: DateLike, note: str = "") -> Agreement: ...
    def sign(self, id: AgreementRef, party: InstitutionRef, on: DateLike, signatory: str = "") -> Agreement: ...
    def enter_into_force(self, id: AgreementRef, on: DateLike, note: str = "") -> Agreement: ...
    def terminate(self, id: AgreementRef, on: DateLike, note: str = "") -> Agreement: ...
    def expire(self, id: AgreementRef, on: DateLike, note: str = "") -> Agreement: ...
    def renew(
        self,
        id: AgreementRef,
        on: DateLike,
        in_force_from: DateLike,
        valid_until: Optional[DateLike] = None,
        note: str = "",
    ) -> Agreement: ...
    def history(self, id: AgreementRef) -> list[Transition]: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Agreement]: ...

class AuditLog:
    def latest(self, limit: int = 20) -> list[AuditEntry]: ...
    def for_entity(
        self, entity: Union[str, Institution, OrgUnit, Contact, Agreement], id: Optional[int] = None
    ) -> list[AuditEntry]: ...
    def __len__(self) -> int: ...

class Office:
    latest_schema_version: int
    @property
    def institutions(self) -> Institutions: ...
    @property
    def units(self) -> OrgUnits: ...
    @property
    def contacts(self) -> Contacts: ...
    @property
    def agreements(self) -> Agreements: ...
    @property
    def audit(self) -> AuditLog: ...
    @property
    def home(self) -> Institution: ...
    actor: str
    @property
    def path(self) -> str: ...
    @property
    def schema_version(self) -> int: ...
    regional_countries: list[str]
    @property
    def closed(self) -> bool: ...
    def logical_dump(self) -> str: ...
    def report(
        self,
        on: Optional[DateLike] = None,
        *,
        audit_entries: int = 10,
        top_countries: int = 10,
        list_in_force: bool = True,
        column_width: int = 40,
        short_lists: int = 10,
    ) -> str: ...
    def summary(
        self,
        on: Optional[DateLike] = None,
        *,
        audit_entries: int = 10,
        top_countries: int = 10,
        list_in_force: bool = True,
        column_width: int = 40,
        short_lists: int = 10,
    ) -> dict[str, Any]: ...
    def close(self) -> None: ...
    def __enter__(self) -> Office: ...
    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None: ...

# ---------------------------------------------------------------- functions

def open(
    path: Union[str, os.PathLike[str]], actor: str = "iro", create: bool = True, busy_timeout_ms: int = 5000
) -> Office: ...
def generate_sample_data(
    office: Office,
    seed: int = 42,
    today: Optional[DateLike] = None,
    partners: int = 120,
    agreements: int = 200,
) -> dict[str, int]: ...
def country(code: str) -> Country: ...
def find_country(code: str) -> Optional[Country]: ...
def countries(region: Optional[WorldRegionLike] = None) -> list[Country]: ...
def countries_frame() -> pandas.DataFrame: ...
def default_regional_countries(home_country: str) -> list[str]: ...
def fold_for_search(text: str) -> str: ...
def normalize_ror_id(ror: str) -> str: ...
def is_valid_ror_id(ror: str) -> bool: ...
def next_states(status: AgreementStatusLike) -> list[AgreementStatus]: ...
def is_legal_transition(from_: AgreementStatusLike, to: AgreementStatusLike) -> bool: ...
def is_final(status: AgreementStatusLike) -> bool: ...
def parse_date(text: str) -> datetime.date: ...
def validate(value: Union[Institution, Agreement, MobilityQuota]) -> None: ...
