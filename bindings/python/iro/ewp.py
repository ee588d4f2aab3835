"""Erasmus Without Paper inter-institutional agreements, IIA API v7.

The iia-hash, reading and writing iias-get-response documents, and comparing two copies of an
IIA. Documents are given as ``str`` or ``bytes``, or read from a file with ``path=``::

    import iro

    iro.ewp.iia_hash(path="iia-get-response.xml")      # the iia-hash the partner must approve
    iias = iro.ewp.read_iias(xml)                       # a list of iro.ewp.Iia
    text = iro.ewp.write_iias(iias)                     # each iia-hash computed from the text
    iro.ewp.diff(iias[0], other)                        # [Difference(path, ours, theirs), ...]

The office side imports and exports agreements::

    report = office.import_iias(xml, new_partner_countries={"hibo.no": "NO"})
    office.export_iia(report.agreements[0])             # our copy, as a document
    office.diff_iia(report.agreements[0], their_xml)    # what the partner's copy says differently

Malformed documents raise ``iro.FormatError`` naming the element path, values of the wrong
shape ``iro.ValidationError``, unknown partners ``iro.NotFoundError``; a refused import writes
nothing.
"""

from __future__ import annotations

from ._iro import _ewp

Difference = _ewp.Difference
HashedIia = _ewp.HashedIia
Iia = _ewp.Iia
ImportReport = _ewp.ImportReport
LanguageSkill = _ewp.LanguageSkill
MobilitySpec = _ewp.MobilitySpec
Partner = _ewp.Partner
SubjectArea = _ewp.SubjectArea

diff = _ewp.diff
hash_iias = _ewp.hash_iias
iia_hash = _ewp.iia_hash
iia_text_to_hash = _ewp.iia_text_to_hash
read_iias = _ewp.read_iias
write_iias = _ewp.write_iias

__all__ = [
    "Difference",
    "HashedIia",
    "Iia",
    "ImportReport",
    "LanguageSkill",
    "MobilitySpec",
    "Partner",
    "SubjectArea",
    "diff",
    "hash_iias",
    "iia_hash",
    "iia_text_to_hash",
    "read_iias",
    "write_iias",
]
