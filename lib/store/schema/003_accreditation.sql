-- Schema version 3: accreditation frameworks, cases, findings, follow-ups and evidence.

CREATE TABLE accreditation_framework (
    id      INTEGER PRIMARY KEY,
    body_id INTEGER NOT NULL REFERENCES institution(id),
    name    TEXT NOT NULL,
    version TEXT NOT NULL,
    UNIQUE (body_id, name, version)
);

CREATE TABLE accreditation_criterion (
    framework_id INTEGER NOT NULL REFERENCES accreditation_framework(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    code         TEXT NOT NULL,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    parent_code  TEXT NOT NULL DEFAULT '',
    weight       REAL NOT NULL DEFAULT 1,
    PRIMARY KEY (framework_id, position),
    UNIQUE (framework_id, code)
) WITHOUT ROWID;

-- The body's calendar rules as data (see accreditation_timeline.hpp), one row per body.
CREATE TABLE accreditation_timeline_rules (
    body_id INTEGER PRIMARY KEY REFERENCES institution(id),
    rules   TEXT NOT NULL  -- JSON object with the TimelineRules fields
);

CREATE TABLE accreditation_case (
    id                  INTEGER PRIMARY KEY,
    framework_id        INTEGER NOT NULL REFERENCES accreditation_framework(id),
    unit_id             INTEGER REFERENCES org_unit(id),
    degree              TEXT NOT NULL DEFAULT '',
    level               TEXT,
    type                TEXT NOT NULL,
    status              TEXT NOT NULL,
    planned_visit       TEXT,
    decided_on          TEXT,
    valid_until         TEXT,
    next_general_review TEXT,
    interim_report_due  TEXT,
    interim_visit       TEXT,
    show_cause          INTEGER NOT NULL DEFAULT 0,
    note                TEXT NOT NULL DEFAULT ''
);
CREATE INDEX accreditation_case_framework ON accreditation_case(framework_id);
CREATE INDEX accreditation_case_unit ON accreditation_case(unit_id);
CREATE INDEX accreditation_case_valid_until ON accreditation_case(valid_until);

CREATE TABLE accreditation_case_transition (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES accreditation_case(id) ON DELETE CASCADE,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    on_date     TEXT NOT NULL,
    actor       TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX accreditation_case_transition_case ON accreditation_case_transition(case_id);

CREATE TABLE accreditation_follow_up (
    id      INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES accreditation_case(id) ON DELETE CASCADE,
    title   TEXT NOT NULL,
    due     TEXT NOT NULL,
    done_on TEXT
);
CREATE INDEX accreditation_follow_up_case ON accreditation_follow_up(case_id);
CREATE INDEX accreditation_follow_up_due ON accreditation_follow_up(due);

CREATE TABLE accreditation_finding (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES accreditation_case(id) ON DELETE CASCADE,
    criterion    TEXT NOT NULL,
    level        TEXT NOT NULL,
    text         TEXT NOT NULL,
    follow_up_id INTEGER REFERENCES accreditation_follow_up(id)
);
CREATE INDEX accreditation_finding_case ON accreditation_finding(case_id);

CREATE TABLE accreditation_evidence (
    id                INTEGER PRIMARY KEY,
    case_id           INTEGER NOT NULL REFERENCES accreditation_case(id) ON DELETE CASCADE,
    criterion         TEXT NOT NULL,
    title             TEXT NOT NULL,
    document_title    TEXT,
    document_location TEXT,
    document_sha256   TEXT,
    owner_person_id   INTEGER REFERENCES person(id),
    owner_unit_id     INTEGER REFERENCES org_unit(id),
    status            TEXT NOT NULL,
    due               TEXT,
    required          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX accreditation_evidence_case ON accreditation_evidence(case_id);
CREATE INDEX accreditation_evidence_due ON accreditation_evidence(due);
