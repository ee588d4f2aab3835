"""SQL metacharacters, injection attempts, formulas, markup and awkward Unicode through every
text field the Python API reaches: keyword arguments of add(), attribute assignment followed
by update(), get() back, the to_frame() columns, and search() as plain words."""

import datetime as dt
import re

import pytest

import iro

NASTY = [
    "'; DROP TABLE institution; --",
    '" OR 1=1 --',
    "Robert'); DELETE FROM agreement;--",
    "%_\\",
    "%",
    "_",
    "100% of the 'best' \"partners\"; \\ back\\\\slashes; semi;colons",
    "*/ /*",
    "' OR ''='",
    "1; SELECT * FROM audit_log WHERE '1'='1",
    "\u200fRTL mark \u062c\u0627\u0645\u0639\u0629 \u202eoverride",
    "emoji \U0001F600\U0001F393 and e\u0301\u0301 combining",
    "=cmd|' /C calc'!A0",
    "+1+1",
    "@SUM(1+1)",
    "'leading single quote",
    "<script>alert('x')</script>",
    "]]>",
    "&amp; &lt;tag&gt; &#39;",
    "  padded with spaces  ",
    'a,b,"c",d',
    '"*" OR "x" NEAR y',
]
MULTILINE = ["line one\nline two\r\nthen\ttab", "\ttab first"]

# Strings that hold no ASCII letter or digit: searching for them must find nothing at all.
NO_WORDS = ["%", "_", "%_\\", "*/ /*", "' ''='", "*", "'", '"', "-", "^", ":"]

D = dt.date


def single(values, limit):
    return [v for v in values if len(v.encode()) <= limit]


def longest(limit):
    """Exactly `limit` bytes of metacharacters."""
    pattern = "'; DROP TABLE institution; --\"%_\\*/<x>&amp;="
    return (pattern * (limit // len(pattern) + 1))[:limit]


@pytest.fixture
def office():
    with iro.open(":memory:", actor="tester") as o:
        o.institutions.add(name="Home University", country="PS", is_home=True)
        yield o


@pytest.fixture
def partner(office):
    return office.institutions.add(name="Partner University", country="JO")


def texts(limit, multiline=False):
    values = single(NASTY + (MULTILINE if multiline else []), limit)
    return values + [longest(limit)]


# ------------------------------------------------------------------- add() keyword arguments


@pytest.mark.parametrize("value", texts(500))
def test_institution_name_and_city_round_trip(office, value):
    inst = office.institutions.add(name=value, city=value, country="DE")
    back = office.institutions.get(inst.id)
    assert back.display_name == value
    assert back.city == value
    frame = office.institutions.to_frame()
    row = frame[frame["id"] == inst.id].iloc[0]
    assert row["display_name"] == value
    assert row["city"] == value


@pytest.mark.parametrize("value", texts(500))
def test_institution_update_by_assignment(office, partner, value):
    partner.city = value
    partner.names = [iro.Name(value=value, lang="en", kind="display"), iro.Name(value=value, lang="ar", kind="label")]
    office.institutions.update(partner)
    back = office.institutions.get(partner.id)
    assert back.city == value
    assert [n.value for n in back.names] == [value, value]


@pytest.mark.parametrize("value", texts(50))
def test_unit_name_and_code(office, partner, value):
    unit = office.units.add(institution=partner, name=value, code=value)
    back = office.units.get(unit.id)
    assert (back.name, back.code) == (value, value)
    back.name = value + "!"
    office.units.update(back)
    assert office.units.get(unit.id).name == value + "!"
    frame = office.units.to_frame()
    row = frame[frame["id"] == unit.id].iloc[0]
    assert (row["name"], row["code"]) == (value + "!", value)


@pytest.mark.parametrize("value", texts(500))
def test_contact_name_and_role(office, partner, value):
    contact = office.contacts.add(institution=partner, name=value, role=value)
    back = office.contacts.get(contact.id)
    assert (back.name, back.role) == (value, value)
    back.role = value[::-1]
    office.contacts.update(back)
    assert office.contacts.get(contact.id).role == value[::-1]
    frame = office.contacts.to_frame()
    row = frame[frame["id"] == contact.id].iloc[0]
    assert (row["name"], row["role"]) == (value, value[::-1])


@pytest.mark.parametrize("value", texts(100, multiline=True))
def test_agreement_text_fields(office, partner, value):
    one_line = "\n" not in value and "\t" not in value
    title = value if one_line else "Agreement"
    agreement = office.agreements.add(
        title=title,
        reference=value if one_line else "",
        partners=[partner],
        areas=["research"],
        proposed_on=D(2024, 1, 10),
        note=value,
        documents=[iro.DocumentRef(title=title, location=title)],
    )
    back = office.agreements.get(agreement.id)
    assert back.title == title
    assert back.note == value
    assert back.documents[0].title == title
    assert back.documents[0].location == title
    if one_line:
        assert back.reference == value
    frame = office.agreements.to_frame()
    row = frame[frame["id"] == agreement.id].iloc[0]
    assert row["title"] == title

    back.note = value + value
    office.agreements.update(back)
    assert office.agreements.get(agreement.id).note == value + value

    office.agreements.transition(agreement.id, "in_negotiation", D(2024, 2, 1), note=value)
    assert office.agreements.history(agreement.id)[-1].note == value


@pytest.mark.parametrize("value", texts(500))
def test_agreement_signatory(office, partner, value):
    agreement = office.agreements.add(
        title="Awaiting", partners=[partner], areas=["research"], proposed_on=D(2024, 1, 10), status="awaiting_signature"
    )
    office.agreements.sign(agreement.id, partner, D(2024, 3, 1), signatory=value)
    parties = office.agreements.get(agreement.id).parties
    assert [p.signatory for p in parties if p.institution == partner.id] == [value]


@pytest.mark.parametrize("value", texts(100))
def test_person_names_and_keywords(office, value):
    person = office.people.add(given_name=value, family_name=value, expertise=iro.Expertise(keywords=[value]))
    back = office.people.get(person.id)
    assert (back.given_name, back.family_name) == (value, value)
    assert list(back.expertise.keywords) == [value]
    frame = office.people.to_frame()
    row = frame[frame["id"] == person.id].iloc[0]
    assert (row["given_name"], row["family_name"]) == (value, value)


@pytest.mark.parametrize("value", texts(500, multiline=True))
def test_activity_title_and_outcome(office, partner, value):
    one_line = "\n" not in value and "\t" not in value
    title = value if one_line else "Activity"
    activity = office.activities.add(title=title, partners=[partner], start=D(2025, 1, 1), outcome=value)
    back = office.activities.get(activity.id)
    assert (back.title, back.outcome) == (title, value)
    frame = office.activities.to_frame()
    row = frame[frame["id"] == activity.id].iloc[0]
    assert (row["title"], row["outcome"]) == (title, value)


@pytest.mark.parametrize("value", texts(10_000, multiline=True))
def test_visit_note(office, partner, value):
    person = office.people.add(family_name="Visitor")
    visit = office.visits.add(
        person=person, home_institution=partner, host_institution=office.home, start=D(2025, 3, 1), end=D(2025, 3, 5), note=value
    )
    assert office.visits.get(visit.id).note == value
    frame = office.visits.to_frame()
    assert frame[frame["id"] == visit.id].iloc[0]["note"] == value


@pytest.mark.parametrize("value", texts(500, multiline=True))
def test_program_call_application(office, value):
    one_line = "\n" not in value and "\t" not in value
    name = value if one_line else "Program"
    program = office.programs.add(name=name, audiences=["master"], eligibility=value)
    call = office.calls.add(program=program, title=name, opens_on=D(2025, 1, 1), deadline=D(2025, 2, 1), eligibility=value)
    person = office.people.add(family_name="Applicant")
    application = office.applications.add(call=call, applicant=person, audience="master", created_on=D(2025, 1, 2), note=value)
    assert (office.programs.get(program.id).name, office.programs.get(program.id).eligibility) == (name, value)
    assert (office.calls.get(call.id).title, office.calls.get(call.id).eligibility) == (name, value)
    assert office.applications.get(application.id).note == value
    programs = office.programs.to_frame()
    assert programs[programs["id"] == program.id].iloc[0]["eligibility"] == value
    calls = office.calls.to_frame()
    assert calls[calls["id"] == call.id].iloc[0]["title"] == name
    applications = office.applications.to_frame()
    assert applications[applications["id"] == application.id].iloc[0]["note"] == value


@pytest.mark.parametrize("value", texts(100))
def test_centre_link_note_and_keywords(office, partner, value):
    home_centre = office.units.add(institution=office.home, name="Home centre", kind="scientific_centre")
    partner_centre = office.units.add(institution=partner, name="Partner centre", kind="scientific_centre")
    office.centres.link(home_centre, partner_centre, value)
    assert [link.note for link in office.centres.links(home_centre)] == [value]
    office.centres.set_expertise(partner_centre, keywords=[value])
    assert list(office.centres.expertise(partner_centre).keywords) == [value]


UPDATABLE = [
    # (collection, how to make a record, attribute, byte limit, multi-line allowed)
    ("people", lambda o, p: o.people.add(family_name="Person"), "given_name", 200, False),
    ("people", lambda o, p: o.people.add(family_name="Person"), "family_name", 200, False),
    ("activities", lambda o, p: o.activities.add(title="A", partners=[p], start=D(2025, 1, 1)), "title", 500, False),
    ("activities", lambda o, p: o.activities.add(title="A", partners=[p], start=D(2025, 1, 1)), "outcome", 10_000, True),
    ("programs", lambda o, p: o.programs.add(name="P", audiences=["master"]), "name", 500, False),
    ("programs", lambda o, p: o.programs.add(name="P", audiences=["master"]), "eligibility", 10_000, True),
    (
        "visits",
        lambda o, p: o.visits.add(
            person=o.people.add(family_name="V"), home_institution=p, host_institution=o.home, start=D(2025, 3, 1), end=D(2025, 3, 2)
        ),
        "note",
        10_000,
        True,
    ),
    ("agreements", lambda o, p: o.agreements.add(title="T", partners=[p], areas=["research"], proposed_on=D(2024, 1, 1)), "title", 500, False),
    (
        "agreements",
        lambda o, p: o.agreements.add(title="T", partners=[p], areas=["research"], proposed_on=D(2024, 1, 1)),
        "reference",
        100,
        False,
    ),
]


@pytest.mark.parametrize("collection,make,attribute,limit,multiline", UPDATABLE, ids=[f"{c}.{a}" for c, _, a, _, _ in UPDATABLE])
def test_attribute_assignment_and_update(office, partner, collection, make, attribute, limit, multiline):
    record = make(office, partner)
    view = getattr(office, collection)
    for k, value in enumerate(texts(limit, multiline)):
        # References are unique: give each its own suffix.
        value = value if attribute != "reference" else (value[: limit - 3] + f"#{k:02d}")
        setattr(record, attribute, value)
        view.update(record)
        assert getattr(view.get(record.id), attribute) == value, value
        frame = view.to_frame()
        if attribute in frame.columns:
            assert frame[frame["id"] == record.id].iloc[0][attribute] == value, value


@pytest.mark.parametrize("value", texts(50))
def test_accreditation_text_fields(office, value):
    body = office.institutions.add(name="Body", country="US", type="accreditation_body")
    faculty = office.units.add(institution=office.home, name="Faculty")
    framework = office.accreditations.add_framework(
        body=body,
        name=value,
        version=value,
        criteria=[iro.Criterion(code=value, title=value, description=value), iro.Criterion(code="child", title="Child", parent=value)],
    )
    back = office.accreditations.get_framework(framework.id)
    assert (back.name, back.version) == (value, value)
    assert (back.criteria[0].code, back.criteria[0].title, back.criteria[0].description) == (value, value, value)
    assert back.criteria[1].parent == value

    case = office.accreditations.open_case(
        framework=framework, unit=faculty, degree=value, level="bachelor", note=value, on=D(2025, 9, 1)
    )
    stored = office.accreditations.get_case(case.id)
    assert (stored.scope.degree, stored.note) == (value, value)
    frame = office.accreditations.to_frame()
    row = frame[frame["id"] == case.id].iloc[0]
    assert (row["degree"], row["note"]) == (value, value)

    stored.note = value + value
    office.accreditations.update_case(stored)
    assert office.accreditations.get_case(case.id).note == value + value

    office.accreditations.transition(case.id, "self_study_in_preparation", D(2025, 10, 1), note=value)
    assert office.accreditations.history(case.id)[-1].note == value
    office.accreditations.add_finding(accreditation_case=case.id, criterion="child", level="concern", text=value)
    assert [f.text for f in office.accreditations.findings(case.id)] == [value]
    office.accreditations.add_follow_up(accreditation_case=case.id, title=value, due=D(2026, 1, 1))
    assert [f.title for f in office.accreditations.follow_ups(case.id)] == [value]
    office.accreditations.add_evidence(accreditation_case=case.id, criterion="child", title=value)
    assert [e.title for e in office.accreditations.evidence(case.id)] == [value]


@pytest.mark.parametrize("value", texts(500))
def test_ranking_text_fields(office, value):
    methodology = iro.Methodology(
        system="INJ-LOCAL",
        year=2025,
        name=value,
        indicators=[iro.RankingIndicator(code="a", name=value, weight=1.0, pillar=value)],
    )
    office.rankings.save_methodology(methodology)
    back = office.rankings.load_methodology("INJ-LOCAL", 2025)
    assert back.name == value
    assert (back.indicators[0].name, back.indicators[0].pillar) == (value, value)
    office.rankings.save_results("INJ-LOCAL", 2025, [iro.PublishedResult(institution=value, rank="1")])
    assert list(office.rankings.results("INJ-LOCAL", 2025)["institution"]) == [value]


@pytest.mark.parametrize("value", NASTY)
def test_ranking_keys_refuse_injection_strings(office, value):
    before = office.logical_dump()
    with pytest.raises(iro.ValidationError):
        office.rankings.save_methodology(
            iro.Methodology(system=value, year=2025, name="M", indicators=[iro.RankingIndicator(code="a", name="A", weight=1.0)])
        )
    if not re.fullmatch(r"[a-z0-9_]+", value):  # "_" is a well-formed key
        with pytest.raises(iro.ValidationError):
            office.rankings.set_home_figures(2025, {value: 1.0})
    with pytest.raises(iro.NotFoundError):  # looked up as a value: no such system
        office.rankings.load_methodology(value, 2025)
    assert office.logical_dump() == before


@pytest.mark.parametrize("value", texts(200))
def test_actor_is_recorded_verbatim(office, value):
    office.actor = value
    office.institutions.add(name="Audited", country="FR")
    assert office.audit.latest(1)[0].actor == value
    assert office.actor == value


# ------------------------------------------------------------------- export, import, snapshot


def test_json_csv_and_snapshot_round_trips_keep_every_string(tmp_path):
    with iro.open(":memory:", actor="tester") as source:
        source.institutions.add(name="Home University", country="PS", is_home=True)
        partner = source.institutions.add(name="Partner University", country="JO")
        person = source.people.add(family_name="Person")
        for k, value in enumerate(NASTY + MULTILINE):
            one_line = "\n" not in value and "\t" not in value
            label = value if one_line else f"Line {k}"
            source.institutions.add(name=label, city=label, country="DE")
            source.agreements.add(title=label, partners=[partner], areas=["research"], proposed_on=D(2024, 1, 10), note=value)
            source.people.add(given_name=label, family_name=label)
            source.visits.add(
                person=person, home_institution=partner, host_institution=source.home, start=D(2025, 3, 1), end=D(2025, 3, 5), note=value
            )
        expected = source.export_json()
        snapshot = tmp_path / "office.iro"
        source.save_snapshot(str(snapshot))
        csv_dir = tmp_path / "csv"
        csv_dir.mkdir()
        names = ["institutions", "people", "agreements", "visits"]
        for name in names:
            source.export_csv(name, str(csv_dir / f"{name}.csv"))

    with iro.open(":memory:") as target:
        target.import_json(text=expected)
        assert target.export_json() == expected
    with iro.open(":memory:") as target:
        target.load_snapshot(str(snapshot))
        assert target.export_json() == expected
    with iro.open(":memory:") as target:
        for name in names:
            target.import_csv(name, path=str(csv_dir / f"{name}.csv"))
        assert target.export_json() == expected


# ------------------------------------------------------------------- search and lookups


def test_search_takes_every_string_as_plain_words(office):
    ids = {}
    for value in NASTY:
        ids[value] = office.institutions.add(name=value, country="DE").id
    everyone = len(office.institutions.to_frame(include_home=True))
    for value in NASTY:
        found = [i.id for i in office.institutions.search(value)]
        if any(c.isascii() and c.isalnum() for c in value):
            assert ids[value] in found, value
            assert len(found) < everyone, value
    for query in NO_WORDS:
        assert office.institutions.search(query) == [], query


def test_agreement_search_is_literal(office, partner):
    ids = {}
    for value in NASTY:
        ids[value] = office.agreements.add(title=value, partners=[partner], areas=["research"], proposed_on=D(2024, 1, 10)).id
    for value in NASTY:
        found = [a.id for a in office.agreements.search(value)]
        if any(c.isascii() and c.isalnum() for c in value):
            assert ids[value] in found, value
            assert len(found) < len(NASTY), value
    for query in NO_WORDS:
        assert office.agreements.search(query) == [], query


@pytest.mark.parametrize("value", NASTY)
def test_filters_refuse_injection_strings_and_change_nothing(office, value):
    before = office.logical_dump()
    with pytest.raises(iro.ValidationError):
        office.institutions.find(country=value)
    with pytest.raises(iro.ValidationError):
        office.agreements.find(country=value)
    with pytest.raises(iro.ValidationError):
        office.people.find(nationality=value)
    with pytest.raises(iro.ValidationError):
        office.institutions.add(name="Coded", country=value)
    with pytest.raises(iro.ValidationError):
        office.institutions.add(name="Coded", country="DE", website=value)
    if set(value) - set("0123456789 +-()."):
        with pytest.raises(iro.ValidationError):
            office.contacts.add(institution=office.home, name="Coded", phone=value)
    assert office.logical_dump() == before


@pytest.mark.parametrize("limit,make", [(500, lambda o, v: o.institutions.add(name=v, country="DE"))])
def test_one_byte_over_the_limit_is_refused(office, limit, make):
    before = office.logical_dump()
    with pytest.raises(iro.ValidationError, match=str(limit)):
        make(office, longest(limit + 1))
    assert office.logical_dump() == before
