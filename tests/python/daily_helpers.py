"""Helpers for the daily-work tests: a small office with units, centres, people and an Erasmus+ agreement."""

import datetime as dt
import types

import iro
from helpers import in_force_agreement


def build_work(office):
    """Units, centres, people and an Erasmus+ agreement with quotas around the conftest office."""
    w = types.SimpleNamespace(office=office, home=office.home)
    partners = {i.display_name: i for i in office.institutions}
    w.jordan, w.warsaw = partners["University of Jordan"], partners["University of Warsaw"]
    w.daad = partners["DAAD"]
    w.engineering = office.units.add(institution=w.home, name="Engineering", kind="faculty")
    w.energy = office.units.add(institution=w.home, name="Renewable Energy Centre", kind="scientific_centre")
    w.water = office.units.add(institution=w.jordan, name="Water and Environment Centre", kind="scientific_centre")
    w.optics = office.units.add(institution=w.warsaw, name="Optics Centre", kind="scientific_centre")
    w.professor = office.people.add(given_name="Hans", family_name="Weber", role="visiting_professor",
                                    affiliation=w.warsaw, nationality="DE", email="weber@uw.example",
                                    expertise=iro.Expertise(isced_codes=["0713"], keywords=["Solar Energy"]))
    w.student = office.people.add(given_name="Lina", family_name="Saleh", role="student", affiliation=w.home,
                                  unit=w.engineering, nationality="PS")
    quotas = [
        iro.MobilityQuota(sending=w.home, receiving=w.warsaw, type="student_studies",
                          academic_years=["2024/2025", "2025/2026"], mobilities_per_year=2, total_months_per_year=10),
        iro.MobilityQuota(sending=w.warsaw, receiving=w.home, type="staff_teaching",
                          academic_years=["2024/2025", "2025/2026"], mobilities_per_year=1, total_days_per_year=10),
    ]
    w.erasmus = in_force_agreement(office, [w.warsaw], title="Erasmus+ with Warsaw", kind="erasmus_iia",
                                   since=dt.date(2024, 1, 10), until=dt.date(2029, 12, 31), quotas=quotas,
                                   areas=["student_exchange", "staff_exchange"])
    return w


def incoming(w, start, end, status="planned", **fields):
    fields.setdefault("agreement", w.erasmus)
    fields.setdefault("mobility_type", "staff_teaching")
    return w.office.visits.add(person=w.professor, direction="incoming", purpose="teaching", partner=w.warsaw,
                               start=start, end=end, status=status, **fields)


def outgoing(w, start, end, status="confirmed", **fields):
    fields.setdefault("agreement", w.erasmus)
    fields.setdefault("mobility_type", "student_studies")
    return w.office.visits.add(person=w.student, direction="outgoing", purpose="study", partner=w.warsaw,
                               start=start, end=end, status=status, **fields)
