"""Document references confined to a document root, from Python."""

import hashlib
import os

import pytest

import iro


@pytest.fixture
def rooted(tmp_path):
    docs = tmp_path / "docs"
    (docs / "mou").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    (docs / "mou" / "signed.pdf").write_bytes(b"%PDF-1.7 signed copy")
    (tmp_path / "outside" / "secret.txt").write_text("not for partners")
    office = iro.open(tmp_path / "office.db", document_root=docs)
    home = office.institutions.add(name="Palestine Polytechnic University", country="PS", is_home=True)
    partner = office.institutions.add(name="University of Jordan", country="JO")
    yield office, docs, [iro.Party(institution=home.id), iro.Party(institution=partner.id)]
    office.close()


def add(office, parties, location):
    return office.agreements.add(title="MoU", areas=["research"], parties=parties, proposed_on="2025-01-01",
                                 documents=[iro.DocumentRef(title="Signed copy", location=location)])


def test_document_root_is_reported_and_paths_resolve_inside_it(rooted):
    office, docs, parties = rooted
    assert office.document_root == str(docs.resolve())
    a = add(office, parties, "mou/signed.pdf")
    assert office.document_path(a.documents[0]) == str(docs.resolve() / "mou" / "signed.pdf")
    assert office.document_path("mou/later.pdf") == str(docs.resolve() / "mou" / "later.pdf")
    assert add(office, parties, "https://files.example.org/mou.pdf").documents[0].location == "https://files.example.org/mou.pdf"


@pytest.mark.parametrize("location", ["../outside/secret.txt", "mou/../../outside/secret.txt", "/etc/passwd",
                                      "file:///etc/passwd"])
def test_locations_leading_out_are_refused_and_change_nothing(rooted, location):
    office, _, parties = rooted
    before = office.logical_dump()
    with pytest.raises(iro.ValidationError) as e:
        add(office, parties, location)
    assert e.value.field == "documents[0].location"
    assert e.value.value == location
    assert "inside the document root" in str(e.value)
    assert office.logical_dump() == before


def test_a_symbolic_link_leading_out_is_refused_when_resolved(rooted, tmp_path):
    office, docs, parties = rooted
    os.symlink(tmp_path / "outside", docs / "shared")
    a = add(office, parties, "shared/secret.txt")
    with pytest.raises(iro.ValidationError) as e:
        office.document_path(a.documents[0])
    assert "inside the document root" in str(e.value)
    with pytest.raises(iro.ValidationError):
        office.verify_document(iro.DocumentRef(title="x", location="shared/secret.txt", sha256="a" * 64))


def test_verify_document(rooted):
    office, docs, _ = rooted
    digest = hashlib.sha256(b"%PDF-1.7 signed copy").hexdigest()
    assert office.verify_document(iro.DocumentRef(title="Signed", location="mou/signed.pdf", sha256=digest))
    assert not office.verify_document(iro.DocumentRef(title="Signed", location="mou/signed.pdf", sha256="b" * 64))
    with pytest.raises(iro.NotFoundError):
        office.verify_document(iro.DocumentRef(title="Lost", location="mou/lost.pdf", sha256=digest))
    with pytest.raises(iro.ValidationError) as e:
        office.verify_document(iro.DocumentRef(title="Signed", location="mou/signed.pdf"))
    assert e.value.field == "sha256"


def test_without_a_root(tmp_path):
    with iro.open(":memory:") as office:
        assert office.document_root is None
        with pytest.raises(iro.ValidationError) as e:
            office.document_path("scan.pdf")
        assert e.value.field == "document_root"
    with pytest.raises(iro.ValidationError) as e:
        iro.open(tmp_path / "o.db", document_root=tmp_path / "missing")
    assert e.value.field == "document_root" and "an existing directory" in str(e.value)
    with pytest.raises(iro.ArgumentTypeError):
        iro.open(tmp_path / "o.db", document_root=42)
