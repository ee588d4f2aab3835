"""Type stubs for iro._iro, the C++ extension behind the iro package."""

import datetime
import enum
import os
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence, Union

import pandas

from . import ewp as _ewp_types

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
class ThreadError(Error): ...

class RorRecordError(ValidationError):
    """Also has .index (the record's position in the dump) and .ror (its id as written)."""

class ImportCancelledError(Error): ...

class RowsRejectedError(ValidationError):
    """Also has .problems: a list of RowProblem, one per bad row."""

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

class AgreementParts(enum.StrEnum):
    ALL = "all"
    PARTIES = "parties"

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

class ActivityType(enum.StrEnum):
    JOINT_RESEARCH_PROJECT = "joint_research_project"
    JOINT_PUBLICATION = "joint_publication"
    CONFERENCE = "conference"
    CULTURAL_EVENT = "cultural_event"
    TRAINING_COURSE = "training_course"
    JOINT_PROGRAMME = "joint_programme"
    CAPACITY_BUILDING = "capacity_building"
    FUNDING_APPLICATION = "funding_application"

class ActivityGrouping(enum.StrEnum):
    PARTNER = "partner"
    AGREEMENT = "agreement"
    AREA = "area"
    YEAR = "year"
    TYPE = "type"

class PersonRole(enum.StrEnum):
    FACULTY = "faculty"
    RESEARCHER = "researcher"
    STUDENT = "student"
    ADMINISTRATIVE_STAFF = "administrative_staff"
    VISITING_PROFESSOR = "visiting_professor"

class VisitDirection(enum.StrEnum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"

class VisitPurpose(enum.StrEnum):
    TEACHING = "teaching"
    RESEARCH = "research"
    TRAINING = "training"
    STUDY = "study"
    CONFERENCE = "conference"

class VisitStatus(enum.StrEnum):
    PLANNED = "planned"
    CONFIRMED = "confirmed"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    CANCELLED = "cancelled"

class ProgramKind(enum.StrEnum):
    EXCHANGE = "exchange"
    SCHOLARSHIP = "scholarship"
    TRAINING_ABROAD = "training_abroad"
    RESEARCH_FUNDING = "research_funding"
    ACADEMIC_EXCHANGE = "academic_exchange"
    CAPACITY_DEVELOPMENT = "capacity_development"

class Audience(enum.StrEnum):
    UNDERGRADUATE = "undergraduate"
    MASTER = "master"
    DOCTORAL = "doctoral"
    FACULTY = "faculty"
    ADMINISTRATIVE_STAFF = "administrative_staff"

class ApplicationStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    NOMINATED = "nominated"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    COMPLETED = "completed"

class ExpertiseMatchKind(enum.StrEnum):
    CENTRE = "centre"
    PERSON = "person"

InstitutionTypeLike = Union[InstitutionType, str]
InstitutionStatusLike = Union[InstitutionStatus, str]
NameKindLike = Union[NameKind, str]
ScopeLike = Union[Scope, str]
WorldRegionLike = Union[WorldRegion, str]
UnitKindLike = Union[UnitKind, str]
AgreementKindLike = Union[AgreementKind, str]
AgreementStatusLike = Union[AgreementStatus, str]
AgreementPartsLike = Union[AgreementParts, str]
AreaLike = Union[Area, str]
MobilityTypeLike = Union[MobilityType, str]
CefrLevelLike = Union[CefrLevel, str]
ActivityTypeLike = Union[ActivityType, str]
ActivityGroupingLike = Union[ActivityGrouping, str]
PersonRoleLike = Union[PersonRole, str]
VisitDirectionLike = Union[VisitDirection, str]
VisitPurposeLike = Union[VisitPurpose, str]
VisitStatusLike = Union[VisitStatus, str]
ProgramKindLike = Union[ProgramKind, str]
AudienceLike = Union[Audience, str]
ApplicationStatusLike = Union[ApplicationStatus, str]
ExpertiseMatchKindLike = Union[ExpertiseMatchKind, str]

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

# ---------------------------------------------------------------- daily work: value classes

class Money:
    amount: float
    currency: str
    _fields: tuple[str, ...]
    def __init__(self, *, amount: float = ..., currency: str = ...) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class Expertise:
    isced_codes: list[str]
    keywords: list[str]
    _fields: tuple[str, ...]
    def __init__(self, *, isced_codes: Iterable[str] = ..., keywords: Iterable[str] = ...) -> None: ...
    def __bool__(self) -> bool: ...
    def _asdict(self) -> dict[str, Any]: ...

class Activity:
    id: int
    type: ActivityType
    title: str
    partners: list[int]
    agreement: Optional[int]
    area: Area
    start: Optional[datetime.date]
    end: Optional[datetime.date]
    home_units: list[int]
    people: list[int]
    outcome: str
    publications: int
    participants: int
    funds: list[Money]
    evidence: list[DocumentRef]
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        id: int = ...,
        type: ActivityTypeLike = ...,
        title: str = ...,
        partners: Iterable[Union[int, Institution]] = ...,
        agreement: Union[int, Agreement, None] = ...,
        area: AreaLike = ...,
        start: Optional[DateLike] = ...,
        end: Optional[DateLike] = ...,
        home_units: Iterable[Union[int, OrgUnit]] = ...,
        people: Iterable[Union[int, Person]] = ...,
        outcome: str = ...,
        publications: int = ...,
        participants: int = ...,
        funds: Iterable[Money] = ...,
        evidence: Iterable[DocumentRef] = ...,
    ) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class Person:
    id: int
    given_name: str
    family_name: str
    role: PersonRole
    affiliation: Optional[int]
    unit: Optional[int]
    nationality: str
    email: str
    expertise: Expertise
    erased: bool
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        id: int = ...,
        given_name: str = ...,
        family_name: str = ...,
        role: PersonRoleLike = ...,
        affiliation: Union[int, Institution, None] = ...,
        unit: Union[int, OrgUnit, None] = ...,
        nationality: str = ...,
        email: str = ...,
        expertise: Expertise = ...,
        erased: bool = ...,
    ) -> None: ...
    @property
    def full_name(self) -> str: ...
    def _asdict(self) -> dict[str, Any]: ...

class Visit:
    id: int
    person: int
    direction: VisitDirection
    purpose: VisitPurpose
    home_institution: int
    host_institution: int
    home_unit: Optional[int]
    host_unit: Optional[int]
    start: Optional[datetime.date]
    end: Optional[datetime.date]
    agreement: Optional[int]
    program: Optional[int]
    mobility_type: Optional[MobilityType]
    status: VisitStatus
    lectures: int
    teaching_hours: float
    seminars: int
    note: str
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        id: int = ...,
        person: Union[int, Person] = ...,
        direction: VisitDirectionLike = ...,
        purpose: VisitPurposeLike = ...,
        home_institution: Union[int, Institution] = ...,
        host_institution: Union[int, Institution] = ...,
        home_unit: Union[int, OrgUnit, None] = ...,
        host_unit: Union[int, OrgUnit, None] = ...,
        start: Optional[DateLike] = ...,
        end: Optional[DateLike] = ...,
        agreement: Union[int, Agreement, None] = ...,
        program: Union[int, Program, None] = ...,
        mobility_type: Optional[MobilityTypeLike] = ...,
        status: VisitStatusLike = ...,
        lectures: int = ...,
        teaching_hours: float = ...,
        seminars: int = ...,
        note: str = ...,
    ) -> None: ...
    @property
    def academic_year(self) -> Optional[AcademicYear]: ...
    def _asdict(self) -> dict[str, Any]: ...

class Program:
    id: int
    name: str
    kind: ProgramKind
    provider: Optional[int]
    agreement: Optional[int]
    audiences: list[Audience]
    eligibility: str
    website: str
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        id: int = ...,
        name: str = ...,
        kind: ProgramKindLike = ...,
        provider: Union[int, Institution, None] = ...,
        agreement: Union[int, Agreement, None] = ...,
        audiences: Iterable[AudienceLike] = ...,
        eligibility: str = ...,
        website: str = ...,
    ) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class Call:
    id: int
    program: int
    title: str
    opens_on: Optional[datetime.date]
    deadline: Optional[datetime.date]
    places: int
    funding: Optional[Money]
    eligibility: str
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        id: int = ...,
        program: Union[int, Program] = ...,
        title: str = ...,
        opens_on: Optional[DateLike] = ...,
        deadline: Optional[DateLike] = ...,
        places: int = ...,
        funding: Optional[Money] = ...,
        eligibility: str = ...,
    ) -> None: ...
    def is_open_on(self, on: DateLike) -> bool: ...
    def _asdict(self) -> dict[str, Any]: ...

class Application:
    id: int
    call: int
    applicant: int
    audience: Audience
    unit: Optional[int]
    status: ApplicationStatus
    created_on: Optional[datetime.date]
    note: str
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        id: int = ...,
        call: Union[int, Call] = ...,
        applicant: Union[int, Person] = ...,
        audience: AudienceLike = ...,
        unit: Union[int, OrgUnit, None] = ...,
        status: ApplicationStatusLike = ...,
        created_on: Optional[DateLike] = ...,
        note: str = ...,
    ) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class ApplicationTransition:
    from_: Optional[ApplicationStatus]
    to: ApplicationStatus
    on: Optional[datetime.date]
    actor: str
    note: str
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        from_: Optional[ApplicationStatusLike] = ...,
        to: ApplicationStatusLike = ...,
        on: Optional[DateLike] = ...,
        actor: str = ...,
        note: str = ...,
    ) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class CentreLink:
    home_centre: int
    partner_centre: int
    note: str
    _fields: tuple[str, ...]
    def __init__(
        self, *, home_centre: Union[int, OrgUnit] = ..., partner_centre: Union[int, OrgUnit] = ..., note: str = ...
    ) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class ExpertiseMatch:
    kind: ExpertiseMatchKind
    id: int
    name: str
    institution: int
    institution_name: str
    score: float
    reasons: list[str]
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        kind: ExpertiseMatchKindLike = ...,
        id: int = ...,
        name: str = ...,
        institution: Union[int, Institution] = ...,
        institution_name: str = ...,
        score: float = ...,
        reasons: Iterable[str] = ...,
    ) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class KpiSet:
    from_: Optional[datetime.date]
    to: Optional[datetime.date]
    new_agreements: int
    new_by_region: dict[WorldRegion, int]
    new_by_kind: dict[AgreementKind, int]
    new_by_area: dict[Area, int]
    active_agreements: int
    active_by_region: dict[WorldRegion, int]
    active_by_kind: dict[AgreementKind, int]
    active_by_area: dict[Area, int]
    dormant_agreements: int
    dormant_share: float
    incoming_visits: int
    outgoing_visits: int
    mobility_balance: int
    visiting_professors: int
    applications: int
    accepted_applications: int
    application_success_rate: float
    quota_used: int
    quota_allowed: int
    quota_utilisation: float
    accredited_scopes: int
    accreditations_expiring: int
    open_accreditation_cases: int
    overdue_evidence: int
    overdue_follow_ups: int
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        from_: Optional[DateLike] = ...,
        to: Optional[DateLike] = ...,
        new_agreements: int = ...,
        new_by_region: dict[WorldRegionLike, int] = ...,
        new_by_kind: dict[AgreementKindLike, int] = ...,
        new_by_area: dict[AreaLike, int] = ...,
        active_agreements: int = ...,
        active_by_region: dict[WorldRegionLike, int] = ...,
        active_by_kind: dict[AgreementKindLike, int] = ...,
        active_by_area: dict[AreaLike, int] = ...,
        dormant_agreements: int = ...,
        dormant_share: float = ...,
        incoming_visits: int = ...,
        outgoing_visits: int = ...,
        mobility_balance: int = ...,
        visiting_professors: int = ...,
        applications: int = ...,
        accepted_applications: int = ...,
        application_success_rate: float = ...,
        quota_used: int = ...,
        quota_allowed: int = ...,
        quota_utilisation: float = ...,
        accredited_scopes: int = ...,
        accreditations_expiring: int = ...,
        open_accreditation_cases: int = ...,
        overdue_evidence: int = ...,
        overdue_follow_ups: int = ...,
    ) -> None: ...
    def to_frame(self) -> pandas.DataFrame: ...
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
    def summaries(
        self,
        ids: Optional[Iterable[InstitutionRef]] = None,
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
    def expiring(self, within_days: int = 90, on: Optional[DateLike] = None, *, parts: AgreementPartsLike = "all") -> list[ExpiringAgreement]: ...
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

# ---------------------------------------------------------------- daily work: collections
# Each concept has its own collection on the Office: office.activities, .people, .visits,
# .programs, .calls, .applications; office.centres works on units of kind scientific_centre.

ActivityRef = Union[int, Activity]
PersonRef = Union[int, Person]
VisitRef = Union[int, Visit]
ProgramRef = Union[int, Program]
CallRef = Union[int, Call]
ApplicationRef = Union[int, Application]

class Activities:
    def add(self, activity: Optional[Activity] = None, /, **fields: Any) -> Activity: ...
    def add_many(self, activities: Iterable[Activity]) -> list[int]: ...
    def update(self, activity: Activity) -> Activity: ...
    def get(self, id: ActivityRef) -> Activity: ...
    def find(
        self,
        *,
        partner: Optional[InstitutionRef] = None,
        agreement: Optional[AgreementRef] = None,
        area: Optional[AreaLike] = None,
        type: Optional[ActivityTypeLike] = None,
        year: Optional[int] = None,
    ) -> list[Activity]: ...
    def count(
        self,
        *,
        partner: Optional[InstitutionRef] = None,
        agreement: Optional[AgreementRef] = None,
        area: Optional[AreaLike] = None,
        type: Optional[ActivityTypeLike] = None,
        year: Optional[int] = None,
    ) -> int: ...
    def count_by(
        self,
        by: ActivityGroupingLike,
        *,
        partner: Optional[InstitutionRef] = None,
        agreement: Optional[AgreementRef] = None,
        area: Optional[AreaLike] = None,
        type: Optional[ActivityTypeLike] = None,
        year: Optional[int] = None,
    ) -> pandas.DataFrame: ...
    def to_frame(
        self,
        *,
        partner: Optional[InstitutionRef] = None,
        agreement: Optional[AgreementRef] = None,
        area: Optional[AreaLike] = None,
        type: Optional[ActivityTypeLike] = None,
        year: Optional[int] = None,
    ) -> pandas.DataFrame: ...
    def funds_frame(
        self,
        *,
        partner: Optional[InstitutionRef] = None,
        agreement: Optional[AgreementRef] = None,
        area: Optional[AreaLike] = None,
        type: Optional[ActivityTypeLike] = None,
        year: Optional[int] = None,
    ) -> pandas.DataFrame: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Activity]: ...

class People:
    def add(self, person: Optional[Person] = None, /, **fields: Any) -> Person: ...
    def add_many(self, people: Iterable[Person]) -> list[int]: ...
    def update(self, person: Person) -> Person: ...
    def get(self, id: PersonRef) -> Person: ...
    def find(
        self,
        *,
        role: Optional[PersonRoleLike] = None,
        affiliation: Optional[InstitutionRef] = None,
        nationality: Optional[str] = None,
        include_erased: bool = True,
    ) -> list[Person]: ...
    def count(
        self,
        *,
        role: Optional[PersonRoleLike] = None,
        affiliation: Optional[InstitutionRef] = None,
        nationality: Optional[str] = None,
        include_erased: bool = True,
    ) -> int: ...
    def to_frame(
        self,
        *,
        role: Optional[PersonRoleLike] = None,
        affiliation: Optional[InstitutionRef] = None,
        nationality: Optional[str] = None,
        include_erased: bool = True,
    ) -> pandas.DataFrame: ...
    def erase(self, id: PersonRef) -> str: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Person]: ...

class Visits:
    def add(
        self, visit: Optional[Visit] = None, /, *, partner: Optional[InstitutionRef] = None, **fields: Any
    ) -> Visit: ...
    def add_many(self, visits: Iterable[Visit]) -> list[int]: ...
    def update(self, visit: Visit) -> Visit: ...
    def transition(self, id: VisitRef, status: VisitStatusLike, note: str = "") -> Visit: ...
    def get(self, id: VisitRef) -> Visit: ...
    def find(
        self,
        *,
        person: Optional[PersonRef] = None,
        direction: Optional[VisitDirectionLike] = None,
        status: Optional[VisitStatusLike] = None,
        agreement: Optional[AgreementRef] = None,
        program: Optional[ProgramRef] = None,
        institution: Optional[InstitutionRef] = None,
        year: Optional[int] = None,
    ) -> list[Visit]: ...
    def count(
        self,
        *,
        person: Optional[PersonRef] = None,
        direction: Optional[VisitDirectionLike] = None,
        status: Optional[VisitStatusLike] = None,
        agreement: Optional[AgreementRef] = None,
        program: Optional[ProgramRef] = None,
        institution: Optional[InstitutionRef] = None,
        year: Optional[int] = None,
    ) -> int: ...
    def to_frame(
        self,
        *,
        person: Optional[PersonRef] = None,
        direction: Optional[VisitDirectionLike] = None,
        status: Optional[VisitStatusLike] = None,
        agreement: Optional[AgreementRef] = None,
        program: Optional[ProgramRef] = None,
        institution: Optional[InstitutionRef] = None,
        year: Optional[int] = None,
    ) -> pandas.DataFrame: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Visit]: ...

class Programs:
    def add(self, program: Optional[Program] = None, /, **fields: Any) -> Program: ...
    def update(self, program: Program) -> Program: ...
    def get(self, id: ProgramRef) -> Program: ...
    def find(
        self,
        *,
        kind: Optional[ProgramKindLike] = None,
        audience: Optional[AudienceLike] = None,
        provider: Optional[InstitutionRef] = None,
    ) -> list[Program]: ...
    def to_frame(
        self,
        *,
        kind: Optional[ProgramKindLike] = None,
        audience: Optional[AudienceLike] = None,
        provider: Optional[InstitutionRef] = None,
    ) -> pandas.DataFrame: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Program]: ...

class Calls:
    def add(self, call: Optional[Call] = None, /, **fields: Any) -> Call: ...
    def update(self, call: Call) -> Call: ...
    def get(self, id: CallRef) -> Call: ...
    def find(self, program: Optional[ProgramRef] = None) -> list[Call]: ...
    def open_calls(self, on: Optional[DateLike] = None, audience: Optional[AudienceLike] = None) -> list[Call]: ...
    def upcoming_deadlines(self, on: Optional[DateLike] = None, within_days: int = 30) -> list[Call]: ...
    def to_frame(self, program: Optional[ProgramRef] = None) -> pandas.DataFrame: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Call]: ...

class Applications:
    def add(self, application: Optional[Application] = None, /, **fields: Any) -> Application: ...
    def get(self, id: ApplicationRef) -> Application: ...
    def find(
        self,
        *,
        program: Optional[ProgramRef] = None,
        call: Optional[CallRef] = None,
        applicant: Optional[PersonRef] = None,
        status: Optional[ApplicationStatusLike] = None,
        audience: Optional[AudienceLike] = None,
        unit: Optional[UnitRef] = None,
        year: Optional[int] = None,
    ) -> list[Application]: ...
    def to_frame(
        self,
        *,
        program: Optional[ProgramRef] = None,
        call: Optional[CallRef] = None,
        applicant: Optional[PersonRef] = None,
        status: Optional[ApplicationStatusLike] = None,
        audience: Optional[AudienceLike] = None,
        unit: Optional[UnitRef] = None,
        year: Optional[int] = None,
    ) -> pandas.DataFrame: ...
    def participation(
        self,
        *,
        program: Optional[ProgramRef] = None,
        call: Optional[CallRef] = None,
        applicant: Optional[PersonRef] = None,
        status: Optional[ApplicationStatusLike] = None,
        audience: Optional[AudienceLike] = None,
        unit: Optional[UnitRef] = None,
        year: Optional[int] = None,
    ) -> pandas.DataFrame: ...
    def success_rates(
        self,
        *,
        program: Optional[ProgramRef] = None,
        call: Optional[CallRef] = None,
        applicant: Optional[PersonRef] = None,
        status: Optional[ApplicationStatusLike] = None,
        audience: Optional[AudienceLike] = None,
        unit: Optional[UnitRef] = None,
        year: Optional[int] = None,
    ) -> pandas.DataFrame: ...
    def transition(self, id: ApplicationRef, status: ApplicationStatusLike, on: DateLike, note: str = "") -> Application: ...
    def history(self, id: ApplicationRef) -> list[ApplicationTransition]: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[Application]: ...

class Centres:
    def set_expertise(self, centre: UnitRef, expertise: Optional[Expertise] = None, /, **fields: Any) -> Expertise: ...
    def expertise(self, centre: UnitRef) -> Expertise: ...
    def link(self, home_centre: UnitRef, partner_centre: UnitRef, note: str = "") -> None: ...
    def unlink(self, home_centre: UnitRef, partner_centre: UnitRef) -> None: ...
    def links(self, centre: UnitRef) -> list[CentreLink]: ...
    def match(self, home_centre: UnitRef, limit: int = 20) -> list[ExpertiseMatch]: ...
    def match_frame(self, home_centre: UnitRef, limit: int = 20) -> pandas.DataFrame: ...
    def to_frame(self, institution: Optional[InstitutionRef] = None) -> pandas.DataFrame: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[OrgUnit]: ...

class AuditLog:
    def latest(self, limit: int = 20) -> list[AuditEntry]: ...
    def for_entity(
        self, entity: Union[str, Institution, OrgUnit, Contact, Agreement], id: Optional[int] = None
    ) -> list[AuditEntry]: ...
    def __len__(self) -> int: ...

class Office:
    latest_schema_version: int
    def save_snapshot(
        self,
        path: Union[str, os.PathLike[str]],
        format: str = "xml",
        collections: Optional[Sequence[str]] = None,
        agreements: Optional[Sequence[AgreementRef]] = None,
        institutions: Optional[Sequence[InstitutionRef]] = None,
        overwrite: bool = False,
    ) -> dict[str, Any]: ...
    def load_snapshot(self, path: Union[str, os.PathLike[str]]) -> dict[str, Any]: ...
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
    @property
    def document_root(self) -> Optional[str]: ...
    def document_path(self, document: Union[DocumentRef, str, os.PathLike[str]]) -> str: ...
    def verify_document(self, document: DocumentRef) -> bool: ...
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
    @property
    def activities(self) -> Activities: ...
    @property
    def people(self) -> People: ...
    @property
    def visits(self) -> Visits: ...
    @property
    def programs(self) -> Programs: ...
    @property
    def calls(self) -> Calls: ...
    @property
    def applications(self) -> Applications: ...
    @property
    def centres(self) -> Centres: ...
    def dormant_agreements(self, on: Optional[DateLike] = None, months: int = 12) -> pandas.DataFrame: ...
    def unused_agreements(self, on: Optional[DateLike] = None) -> pandas.DataFrame: ...
    def quota_utilisation(
        self, agreement: Optional[AgreementRef] = None, academic_year: Union[AcademicYear, str, None] = None
    ) -> pandas.DataFrame: ...
    def mobility_balance(self, start: Optional[DateLike] = None, end: Optional[DateLike] = None) -> pandas.DataFrame: ...
    def visiting_professors(self, year: Optional[int] = None) -> pandas.DataFrame: ...
    def kpis(
        self, year: Optional[int] = None, start: Optional[DateLike] = None, end: Optional[DateLike] = None
    ) -> KpiSet: ...
    def export_ics(
        self,
        path: Union[str, os.PathLike[str], None] = None,
        start: Optional[DateLike] = None,
        end: Optional[DateLike] = None,
        agreement_expiries: bool = True,
        call_deadlines: bool = True,
        visit_starts: bool = True,
        accreditation_deadlines: bool = True,
        stamp: Union[str, datetime.datetime, None] = None,
        overwrite: bool = False,
    ) -> str: ...
    @property
    def rankings(self) -> Rankings: ...
    @property
    def accreditations(self) -> Accreditations: ...
    def import_ror(
        self,
        path: Union[str, os.PathLike[str], None] = None,
        *,
        text: Union[str, bytes, None] = None,
        skip_invalid: bool = False,
        progress: Union[Callable[[int, int, int], Optional[bool]], bool, str, None] = None,
        progress_every: int = 1000,
    ) -> RorImportResult: ...
    def ror_details(self, institution: InstitutionRef) -> dict[str, Any]: ...
    def export_csv(
        self, collection: str, path: Union[str, os.PathLike[str], None] = None, *, overwrite: bool = False
    ) -> Optional[str]: ...
    def import_csv(
        self,
        collection: str,
        *,
        text: Union[str, bytes, None] = None,
        path: Union[str, os.PathLike[str], None] = None,
        skip_bad_rows: bool = False,
        max_bytes: Optional[int] = None,
    ) -> TableImportResult: ...
    def export_json(
        self,
        collections: Union[str, Iterable[str], None] = None,
        path: Union[str, os.PathLike[str], None] = None,
        *,
        overwrite: bool = False,
    ) -> Optional[str]: ...
    def import_json(
        self,
        *,
        text: Union[str, bytes, None] = None,
        path: Union[str, os.PathLike[str], None] = None,
        skip_bad_rows: bool = False,
        max_bytes: Optional[int] = None,
    ) -> list[TableImportResult]: ...
    def import_iias(
        self,
        xml: Union[str, bytes, None] = None,
        *,
        path: Union[str, os.PathLike[str], None] = None,
        new_partner_countries: Optional[dict[str, str]] = None,
        received_on: Optional[DateLike] = None,
        iia_id: str = "",
        max_bytes: Optional[int] = None,
    ) -> _ewp_types.ImportReport: ...
    def to_iia(self, agreement: AgreementRef) -> _ewp_types.Iia: ...
    def export_iia(self, agreement: AgreementRef) -> str: ...
    def diff_iia(
        self,
        agreement: AgreementRef,
        their_xml: Union[str, bytes, None] = None,
        iia_id: str = "",
        *,
        path: Union[str, os.PathLike[str], None] = None,
    ) -> list[_ewp_types.Difference]: ...
    def close(self) -> None: ...
    def __enter__(self) -> Office: ...
    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None: ...

# ---------------------------------------------------------------- functions

def open(
    path: Union[str, os.PathLike[str]],
    actor: str = "iro",
    create: bool = True,
    busy_timeout_ms: int = 30000,
    document_root: Optional[Union[str, os.PathLike[str]]] = None,
) -> Office: ...
def generate_sample_data(
    office: Office,
    seed: int = 42,
    today: Optional[DateLike] = None,
    partners: int = 120,
    agreements: int = 200,
) -> dict[str, int]: ...
def sample_counts(scale: str) -> dict[str, int]: ...
def load_sample_dataset(
    office: Office,
    scale: str = "S",
    seed: int = 42,
    today: Optional[DateLike] = None,
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
def academic_year_of(date: DateLike) -> AcademicYear: ...
def is_currency_code(code: str) -> bool: ...

# ---------------------------------------------------------------- rankings
# The public face is the iro.rankings module (iro/rankings.py); the _-prefixed functions
# below are its building blocks.

from typing import Mapping

class MissingTreatment(enum.StrEnum):
    ZERO = "zero"
    REWEIGHT = "reweight"
    REFUSE = "refuse"

class TotalScaling(enum.StrEnum):
    WEIGHTED_SUM = "weighted_sum"
    SCALED_TO_TOP = "scaled_to_top"
    MIN_MAX_RESCALED = "min_max_rescaled"

MissingTreatmentLike = Union[MissingTreatment, str]
TotalScalingLike = Union[TotalScaling, str]
# A table of indicator scores: one float column per indicator or component code (NaN: missing).
ScoreFrame = pandas.DataFrame
# A row of a ScoreFrame: an index label, or a value of name_column when one is given.
RowKey = Union[str, int, tuple[Any, ...]]
Bounds = Optional[tuple[Optional[float], Optional[float]]]

class RankingIndicator:
    code: str
    name: str
    weight: float
    pillar: str
    _fields: tuple[str, ...]
    def __init__(self, *, code: str = ..., name: str = ..., weight: float = ..., pillar: str = ...) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class RankBand:
    first: int
    last: Optional[int]
    _fields: tuple[str, ...]
    def __init__(self, *, first: int = ..., last: Optional[int] = ...) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class RankingBands:
    exact_up_to: Optional[int]
    bands: list[RankBand]
    mark_ties: bool
    _fields: tuple[str, ...]
    def __init__(
        self, *, exact_up_to: Optional[int] = ..., bands: Iterable[RankBand] = ..., mark_ties: bool = ...
    ) -> None: ...
    def label(self, rank: int, tied: bool = False) -> str: ...
    def validate(self) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class Methodology:
    system: str
    year: int
    name: str
    indicators: list[RankingIndicator]
    components: list[RankingIndicator]
    missing: MissingTreatment
    scaling: TotalScaling
    scale_min: Optional[float]
    scale_max: Optional[float]
    total_decimals: int
    rank_decimals: int
    bands: RankingBands
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        system: str = ...,
        year: int = ...,
        name: str = ...,
        indicators: Iterable[RankingIndicator] = ...,
        components: Iterable[RankingIndicator] = ...,
        missing: MissingTreatmentLike = ...,
        scaling: TotalScalingLike = ...,
        scale_min: Optional[float] = ...,
        scale_max: Optional[float] = ...,
        total_decimals: int = ...,
        rank_decimals: int = ...,
        bands: RankingBands = ...,
    ) -> None: ...
    @staticmethod
    def builtin(system: str, year: int) -> Methodology: ...
    @staticmethod
    def from_json(text: str) -> Methodology: ...
    def to_json(self) -> str: ...
    def validate(self) -> None: ...
    @property
    def edition(self) -> tuple[str, int]: ...
    @property
    def weights(self) -> dict[str, float]: ...
    @property
    def pillars(self) -> dict[str, list[str]]: ...
    def weight_sum(self) -> float: ...
    def find(self, code: str) -> Optional[RankingIndicator]: ...
    def to_frame(self) -> pandas.DataFrame: ...
    def overall(self, df: ScoreFrame, bounds: Bounds = None) -> pandas.Series: ...
    def rank(self, scores: Union[pandas.Series, Sequence[float]]) -> pandas.Series: ...
    def band(
        self, ranks: Union[int, pandas.Series, Sequence[int]], tied: Union[bool, Sequence[bool], None] = None
    ) -> Union[str, pandas.Series]: ...
    def score_table(self, df: ScoreFrame, name_column: Optional[str] = None, bounds: Bounds = None) -> pandas.DataFrame: ...
    def what_if(
        self,
        df: ScoreFrame,
        row: RowKey,
        changes: Mapping[str, float],
        name_column: Optional[str] = None,
        bounds: Bounds = None,
    ) -> WhatIfResult: ...
    def what_if_many(
        self,
        df: ScoreFrame,
        scenarios: Sequence[tuple[RowKey, Mapping[str, float]]],
        name_column: Optional[str] = None,
        bounds: Bounds = None,
    ) -> list[WhatIfResult]: ...
    def gap_to_target(
        self,
        df: ScoreFrame,
        row: RowKey,
        target: Union[int, str],
        levers: Union[Mapping[str, float], Sequence[str], None] = None,
        name_column: Optional[str] = None,
        bounds: Bounds = None,
    ) -> GapResult: ...
    def sensitivity(
        self, df: ScoreFrame, row: RowKey, name_column: Optional[str] = None, bounds: Bounds = None
    ) -> pandas.DataFrame: ...
    def robustness(
        self, df: ScoreFrame, row: RowKey, points: float, name_column: Optional[str] = None, bounds: Bounds = None
    ) -> RobustnessResult: ...
    def _asdict(self) -> dict[str, Any]: ...

class ScoredRow:
    name: str
    weighted_sum: Optional[float]
    total: Optional[float]
    rounded_total: Optional[float]
    rank: Optional[int]
    tied: bool
    label: str
    refused: str
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        name: str = ...,
        weighted_sum: Optional[float] = ...,
        total: Optional[float] = ...,
        rounded_total: Optional[float] = ...,
        rank: Optional[int] = ...,
        tied: bool = ...,
        label: str = ...,
        refused: str = ...,
    ) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class WhatIfResult:
    before: ScoredRow
    after: ScoredRow
    _fields: tuple[str, ...]
    def __init__(self, *, before: ScoredRow = ..., after: ScoredRow = ...) -> None: ...
    def to_frame(self) -> pandas.DataFrame: ...
    def _asdict(self) -> dict[str, Any]: ...

class GapResult:
    feasible: bool
    reason: str
    target_rank: int
    total_increase: float
    increases: dict[str, float]
    before: ScoredRow
    after: ScoredRow
    levers: dict[str, float]
    current: dict[str, Optional[float]]
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        feasible: bool = ...,
        reason: str = ...,
        target_rank: int = ...,
        total_increase: float = ...,
        increases: Mapping[str, float] = ...,
        before: ScoredRow = ...,
        after: ScoredRow = ...,
        levers: Mapping[str, float] = ...,
        current: Mapping[str, Optional[float]] = ...,
    ) -> None: ...
    def to_frame(self) -> pandas.DataFrame: ...
    def _asdict(self) -> dict[str, Any]: ...

class RobustnessResult:
    rank: int
    best_rank: int
    worst_rank: int
    best_label: str
    worst_label: str
    best_weights: dict[str, float]
    worst_weights: dict[str, float]
    scenarios: int
    sampled: bool
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        rank: int = ...,
        best_rank: int = ...,
        worst_rank: int = ...,
        best_label: str = ...,
        worst_label: str = ...,
        best_weights: Mapping[str, float] = ...,
        worst_weights: Mapping[str, float] = ...,
        scenarios: int = ...,
        sampled: bool = ...,
    ) -> None: ...
    def to_frame(self) -> pandas.DataFrame: ...
    def _asdict(self) -> dict[str, Any]: ...

class PublishedResult:
    institution: str
    institution_id: Optional[int]
    rank: str
    overall: Optional[float]
    scores: dict[str, float]
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        institution: str = ...,
        institution_id: Union[int, Institution, None] = ...,
        rank: str = ...,
        overall: Optional[float] = ...,
        scores: Mapping[str, float] = ...,
    ) -> None: ...
    def validate(self) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class HomeIndicators:
    year: int
    on: Optional[datetime.date]
    figures: dict[str, float]
    partner_count: int
    partner_countries: list[str]
    international_faculty_ratio: Optional[float]
    international_student_ratio: Optional[float]
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        year: int = ...,
        on: Optional[DateLike] = ...,
        figures: Mapping[str, float] = ...,
        partner_count: int = ...,
        partner_countries: Iterable[str] = ...,
        international_faculty_ratio: Optional[float] = ...,
        international_student_ratio: Optional[float] = ...,
    ) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class Rankings:
    def methodology(self, system: str, year: int) -> Methodology: ...
    def save_methodology(self, methodology: Methodology) -> None: ...
    def load_methodology(self, system: str, year: int) -> Methodology: ...
    def remove_methodology(self, system: str, year: int) -> None: ...
    def custom_methodologies(self) -> list[tuple[str, int]]: ...
    def import_results(
        self,
        system: str,
        year: int,
        columns: Mapping[str, str],
        *,
        text: Optional[str] = None,
        path: Union[str, os.PathLike[str], None] = None,
    ) -> pandas.DataFrame: ...
    def save_results(self, system: str, year: int, results: Iterable[PublishedResult]) -> None: ...
    def results(self, system: str, year: int) -> pandas.DataFrame: ...
    def remove_results(self, system: str, year: int) -> None: ...
    def editions(self, system: Optional[str] = None) -> list[tuple[str, int]]: ...
    def trajectory(self, system: str, institution: Union[str, InstitutionRef, None] = None) -> pandas.DataFrame: ...
    def peer_benchmark(
        self,
        system: str,
        peers: Sequence[str],
        home: Optional[str] = None,
        indicators: Optional[Sequence[str]] = None,
    ) -> pandas.DataFrame: ...
    def set_home_figures(self, year: int, figures: Mapping[str, float]) -> None: ...
    def home_figures(self, year: int) -> dict[str, float]: ...
    def remove_home_figure(self, year: int, key: str) -> None: ...
    def home_figure_years(self) -> list[int]: ...
    def home_figures_frame(self) -> pandas.DataFrame: ...
    def compute_home_indicators(self, year: int, on: Optional[DateLike] = None) -> HomeIndicators: ...

def _ranking_editions() -> list[tuple[str, int]]: ...
def _ranking_systems() -> list[tuple[str, str, str]]: ...
def _has_builtin_methodology(system: str, year: int) -> bool: ...
def _read_results_csv(
    columns: Mapping[str, str], text: Optional[str] = None, path: Union[str, os.PathLike[str], None] = None
) -> pandas.DataFrame: ...
def _parse_rank(text: str) -> tuple[int, Optional[int], bool]: ...
def _format_rank(first: int, last: Optional[int], tied: bool) -> str: ...
def _round_total(value: float, decimals: int) -> float: ...
def _competition_ranks(totals: Sequence[float], decimals: int) -> list[int]: ...

# ---------------------------------------------------------------- accreditation

class CaseType(enum.StrEnum):
    INITIAL = "initial"
    REACCREDITATION = "reaccreditation"
    INTERIM_REPORT = "interim_report"
    SUBSTANTIVE_CHANGE = "substantive_change"

class CaseStatus(enum.StrEnum):
    PLANNING = "planning"
    SELF_STUDY_IN_PREPARATION = "self_study_in_preparation"
    SELF_STUDY_SUBMITTED = "self_study_submitted"
    SITE_VISIT_SCHEDULED = "site_visit_scheduled"
    VISIT_DONE = "visit_done"
    DECISION_PENDING = "decision_pending"
    ACCREDITED = "accredited"
    ACCREDITED_WITH_CONDITIONS = "accredited_with_conditions"
    DEFERRED = "deferred"
    DENIED = "denied"
    APPEAL = "appeal"

class DegreeLevel(enum.StrEnum):
    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTORATE = "doctorate"
    DIPLOMA = "diploma"

class FindingLevel(enum.StrEnum):
    DEFICIENCY = "deficiency"
    WEAKNESS = "weakness"
    CONCERN = "concern"
    OBSERVATION = "observation"

class EvidenceStatus(enum.StrEnum):
    MISSING = "missing"
    DRAFT = "draft"
    COMPLETE = "complete"
    APPROVED = "approved"

class AccreditationState(enum.StrEnum):
    ACCREDITED = "accredited"
    ACCREDITED_WITH_CONDITIONS = "accredited_with_conditions"
    IN_PROGRESS = "in_progress"
    EXPIRED = "expired"
    NOT_ACCREDITED = "not_accredited"

CaseTypeLike = Union[CaseType, str]
CaseStatusLike = Union[CaseStatus, str]
DegreeLevelLike = Union[DegreeLevel, str]
FindingLevelLike = Union[FindingLevel, str]
EvidenceStatusLike = Union[EvidenceStatus, str]

class Criterion:
    code: str
    title: str
    description: str
    parent: str
    weight: float
    _fields: tuple[str, ...]
    def __init__(
        self, *, code: str = ..., title: str = ..., description: str = ..., parent: str = ..., weight: float = ...
    ) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class Framework:
    id: int
    body: int
    name: str
    version: str
    criteria: list[Criterion]
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        id: int = ...,
        body: Union[int, Institution] = ...,
        name: str = ...,
        version: str = ...,
        criteria: Iterable[Criterion] = ...,
    ) -> None: ...
    def find(self, code: str) -> Optional[Criterion]: ...
    def is_leaf(self, code: str) -> bool: ...
    def validate(self) -> None: ...
    def to_json(self) -> str: ...
    def to_frame(self) -> pandas.DataFrame: ...
    def _asdict(self) -> dict[str, Any]: ...

class AccreditationScope:
    unit: Optional[int]
    degree: str
    level: Optional[DegreeLevel]
    _fields: tuple[str, ...]
    def __init__(
        self, *, unit: Union[int, OrgUnit, None] = ..., degree: str = ..., level: Optional[DegreeLevelLike] = ...
    ) -> None: ...
    @property
    def is_institutional(self) -> bool: ...
    def _asdict(self) -> dict[str, Any]: ...

class Decision:
    decided_on: Optional[datetime.date]
    valid_until: Optional[datetime.date]
    next_general_review: Optional[datetime.date]
    interim_report_due: Optional[datetime.date]
    interim_visit: Optional[datetime.date]
    show_cause: bool
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        decided_on: Optional[DateLike] = ...,
        valid_until: Optional[DateLike] = ...,
        next_general_review: Optional[DateLike] = ...,
        interim_report_due: Optional[DateLike] = ...,
        interim_visit: Optional[DateLike] = ...,
        show_cause: bool = ...,
    ) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class AccreditationCase:
    id: int
    scope: AccreditationScope
    framework: int
    type: CaseType
    status: CaseStatus
    planned_visit: Optional[datetime.date]
    decision: Decision
    note: str
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        id: int = ...,
        scope: AccreditationScope = ...,
        framework: Union[int, Framework] = ...,
        type: CaseTypeLike = ...,
        status: CaseStatusLike = ...,
        planned_visit: Optional[DateLike] = ...,
        decision: Decision = ...,
        note: str = ...,
        unit: Union[int, OrgUnit, None] = ...,
        degree: str = ...,
        level: Optional[DegreeLevelLike] = ...,
    ) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class CaseTransition:
    from_: Optional[CaseStatus]
    to: CaseStatus
    on: Optional[datetime.date]
    actor: str
    note: str
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        from_: Optional[CaseStatusLike] = ...,
        to: CaseStatusLike = ...,
        on: Optional[DateLike] = ...,
        actor: str = ...,
        note: str = ...,
    ) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

CaseRef = Union[int, AccreditationCase]

class FollowUp:
    id: int
    accreditation_case: int
    title: str
    due: Optional[datetime.date]
    done_on: Optional[datetime.date]
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        id: int = ...,
        accreditation_case: CaseRef = ...,
        title: str = ...,
        due: Optional[DateLike] = ...,
        done_on: Optional[DateLike] = ...,
    ) -> None: ...
    @property
    def done(self) -> bool: ...
    def _asdict(self) -> dict[str, Any]: ...

class Finding:
    id: int
    accreditation_case: int
    criterion: str
    level: FindingLevel
    text: str
    follow_up: Optional[int]
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        id: int = ...,
        accreditation_case: CaseRef = ...,
        criterion: str = ...,
        level: FindingLevelLike = ...,
        text: str = ...,
        follow_up: Union[int, FollowUp, None] = ...,
    ) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class Evidence:
    id: int
    accreditation_case: int
    criterion: str
    title: str
    document: Optional[DocumentRef]
    owner_person: Optional[int]
    owner_unit: Optional[int]
    status: EvidenceStatus
    due: Optional[datetime.date]
    required: bool
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        id: int = ...,
        accreditation_case: CaseRef = ...,
        criterion: str = ...,
        title: str = ...,
        document: Optional[DocumentRef] = ...,
        owner_person: Union[int, Person, None] = ...,
        owner_unit: Union[int, OrgUnit, None] = ...,
        status: EvidenceStatusLike = ...,
        due: Optional[DateLike] = ...,
        required: bool = ...,
    ) -> None: ...
    @property
    def done(self) -> bool: ...
    def _asdict(self) -> dict[str, Any]: ...

class TimelineRules:
    body: str
    request_month: int
    request_day: int
    request_year_offset: int
    request_days_before_visit: int
    self_study_month: int
    self_study_day: int
    self_study_year_offset: int
    self_study_days_before_visit: int
    visit_month_from: int
    visit_month_to: int
    decision_month: int
    decision_year_offset: int
    decision_days_after_visit: int
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        body: str = ...,
        request_month: int = ...,
        request_day: int = ...,
        request_year_offset: int = ...,
        request_days_before_visit: int = ...,
        self_study_month: int = ...,
        self_study_day: int = ...,
        self_study_year_offset: int = ...,
        self_study_days_before_visit: int = ...,
        visit_month_from: int = ...,
        visit_month_to: int = ...,
        decision_month: int = ...,
        decision_year_offset: int = ...,
        decision_days_after_visit: int = ...,
    ) -> None: ...
    def validate(self) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class AccreditationTimeline:
    planned_visit: Optional[datetime.date]
    request_due: Optional[datetime.date]
    self_study_due: Optional[datetime.date]
    decision_expected: Optional[datetime.date]
    _fields: tuple[str, ...]
    def __init__(
        self,
        *,
        planned_visit: Optional[DateLike] = ...,
        request_due: Optional[DateLike] = ...,
        self_study_due: Optional[DateLike] = ...,
        decision_expected: Optional[DateLike] = ...,
    ) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class Readiness:
    @property
    def overall(self) -> float: ...
    @property
    def criteria(self) -> pandas.DataFrame: ...
    @property
    def gaps(self) -> pandas.DataFrame: ...

class Accreditations:
    def add_framework(self, framework: Optional[Framework] = None, /, **fields: Any) -> Framework: ...
    def get_framework(self, id: Union[int, Framework]) -> Framework: ...
    def frameworks(self, body: Optional[InstitutionRef] = None) -> list[Framework]: ...
    def set_timeline_rules(self, body: InstitutionRef, rules: TimelineRules) -> None: ...
    def timeline_rules(self, body: InstitutionRef) -> Optional[TimelineRules]: ...
    def timeline(self, case: CaseRef) -> AccreditationTimeline: ...
    def open_case(
        self, case: Optional[AccreditationCase] = None, /, on: Optional[DateLike] = None, **fields: Any
    ) -> AccreditationCase: ...
    def update_case(self, case: AccreditationCase) -> AccreditationCase: ...
    def get_case(self, id: CaseRef) -> AccreditationCase: ...
    def cases(
        self,
        *,
        framework: Union[int, Framework, None] = None,
        body: Optional[InstitutionRef] = None,
        unit: Optional[UnitRef] = None,
        status: Optional[CaseStatusLike] = None,
    ) -> list[AccreditationCase]: ...
    def to_frame(
        self,
        *,
        framework: Union[int, Framework, None] = None,
        body: Optional[InstitutionRef] = None,
        unit: Optional[UnitRef] = None,
        status: Optional[CaseStatusLike] = None,
    ) -> pandas.DataFrame: ...
    def transition(self, case: CaseRef, status: CaseStatusLike, on: DateLike, note: str = "") -> AccreditationCase: ...
    def decide(
        self,
        case: CaseRef,
        outcome: CaseStatusLike,
        decision: Optional[Decision] = None,
        note: str = "",
        **fields: Any,
    ) -> AccreditationCase: ...
    def history(self, case: CaseRef) -> list[CaseTransition]: ...
    def add_follow_up(self, follow_up: Optional[FollowUp] = None, /, **fields: Any) -> FollowUp: ...
    def complete_follow_up(self, follow_up: Union[int, FollowUp], on: DateLike) -> FollowUp: ...
    def follow_ups(self, case: CaseRef) -> list[FollowUp]: ...
    def follow_ups_frame(self, case: Optional[CaseRef] = None) -> pandas.DataFrame: ...
    def add_finding(self, finding: Optional[Finding] = None, /, **fields: Any) -> Finding: ...
    def findings(self, case: CaseRef) -> list[Finding]: ...
    def findings_frame(self, case: Optional[CaseRef] = None) -> pandas.DataFrame: ...
    def add_evidence(self, evidence: Optional[Evidence] = None, /, **fields: Any) -> Evidence: ...
    def update_evidence(self, evidence: Evidence) -> Evidence: ...
    def evidence(self, case: CaseRef) -> list[Evidence]: ...
    def evidence_frame(self, case: Optional[CaseRef] = None) -> pandas.DataFrame: ...
    def readiness(self, case: CaseRef, on: Optional[DateLike] = None) -> Readiness: ...
    def status_on(self, on: Optional[DateLike] = None) -> pandas.DataFrame: ...
    def expiring(self, on: Optional[DateLike] = None, within_days: int = 180) -> pandas.DataFrame: ...
    def overdue_evidence(self, on: Optional[DateLike] = None) -> list[Evidence]: ...
    def overdue_follow_ups(self, on: Optional[DateLike] = None) -> list[FollowUp]: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[AccreditationCase]: ...

def builtin_framework(key: str, body: Optional[InstitutionRef] = None) -> Framework: ...
def builtin_framework_keys() -> list[str]: ...
def framework_from_json(text: str) -> Framework: ...
def framework_from_csv(text: str) -> Framework: ...
def abet_timeline_rules() -> TimelineRules: ...
def derive_timeline(rules: TimelineRules, planned_visit: DateLike) -> AccreditationTimeline: ...

# ---------------------------------------------------------------- interchange

class RorImportProblem:
    index: int
    ror: str
    field: str
    message: str
    _fields: tuple[str, ...]
    def __init__(self, **fields: Any) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class RorImportResult:
    read: int
    added: int
    updated: int
    unchanged: int
    withdrawn: int
    merged: int
    skipped: int
    problems: list[RorImportProblem]
    _fields: tuple[str, ...]
    def __init__(self, **fields: Any) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

# ---------------------------------------------------------------- CSV and JSON exchange

class RowProblem:
    collection: str
    row: int
    line: int
    column: str
    value: str
    message: str
    _fields: tuple[str, ...]
    def __init__(self, **fields: Any) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class TableImportResult:
    collection: str
    read: int
    added: int
    updated: int
    unchanged: int
    skipped: int
    problems: list[RowProblem]
    _fields: tuple[str, ...]
    def __init__(self, **fields: Any) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

def collection_names() -> list[str]: ...
def csv_columns(collection: str) -> list[str]: ...

# ---------------------------------------------------------------- snapshots

def read_snapshot_info(path: Union[str, os.PathLike[str]]) -> dict[str, Any]: ...
def snapshot_collections() -> list[str]: ...
