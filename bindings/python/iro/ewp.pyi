"""Type stubs for iro.ewp: Erasmus Without Paper IIA API v7."""

import datetime
import os
from typing import Any, Iterable, Optional, Union

from ._iro import AcademicYear, MobilityType

Document = Union[str, bytes]
PathLike = Union[str, os.PathLike[str]]

class HashedIia:
    iia_id: str
    text_to_hash: str
    iia_hash: str
    valid_for_approval: bool
    _fields: tuple[str, ...]
    def __init__(self, **fields: Any) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class SubjectArea:
    isced_f_code: str
    v6_value: str
    clarification: str
    _fields: tuple[str, ...]
    def __init__(self, **fields: Any) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class LanguageSkill:
    language: str
    cefr_level: str
    subject_area: Optional[SubjectArea]
    not_yet_defined: bool
    _fields: tuple[str, ...]
    def __init__(self, **fields: Any) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class MobilitySpec:
    type: MobilityType
    sending_hei_id: str
    sending_ounit_id: str
    receiving_hei_id: str
    receiving_ounit_id: str
    first_year: AcademicYear
    last_year: AcademicYear
    mobilities_per_year: int
    mobilities_not_yet_defined: bool
    language_skills: list[LanguageSkill]
    subject_areas: list[SubjectArea]
    other_info_terms: str
    total_months_per_year: Optional[float]
    blended: bool
    eqf_levels: list[int]
    total_days_per_year: Optional[float]
    _fields: tuple[str, ...]
    def __init__(self, **fields: Any) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class Partner:
    hei_id: str
    ounit_id: str
    iia_id: str
    iia_code: str
    signing_contact_name: str
    signing_contact_email: str
    signing_date: Optional[datetime.date]
    _fields: tuple[str, ...]
    def __init__(self, **fields: Any) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class Iia:
    partners: list[Partner]
    in_effect: bool
    terminated_as_a_whole: bool
    specs: list[MobilitySpec]
    iia_hash: str
    _fields: tuple[str, ...]
    def __init__(self, **fields: Any) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class ImportReport:
    agreements: list[int]
    new_institutions: list[int]
    warnings: list[str]
    _fields: tuple[str, ...]
    def __init__(self, **fields: Any) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

class Difference:
    path: str
    ours: str
    theirs: str
    _fields: tuple[str, ...]
    def __init__(self, **fields: Any) -> None: ...
    def _asdict(self) -> dict[str, Any]: ...

def hash_iias(xml: Optional[Document] = None, *, path: Optional[PathLike] = None) -> list[HashedIia]: ...
def iia_text_to_hash(xml: Optional[Document] = None, iia_id: str = "", *, path: Optional[PathLike] = None) -> str: ...
def iia_hash(xml: Optional[Document] = None, iia_id: str = "", *, path: Optional[PathLike] = None) -> str: ...
def read_iias(xml: Optional[Document] = None, *, path: Optional[PathLike] = None) -> list[Iia]: ...
def write_iias(iias: Iterable[Iia]) -> str: ...
def diff(ours: Iia, theirs: Iia) -> list[Difference]: ...

__all__: list[str]
