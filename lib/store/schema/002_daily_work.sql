-- Schema version 2: cooperation activities, programs with calls and applications, people
-- and visits, scientific centres' expertise and links.

-- Identifies this database in exported calendar UIDs, so two offices never clash.
INSERT OR IGNORE INTO meta (key, value) VALUES ('store_uid', lower(hex(randomblob(16))));

CREATE TABLE person (
    id             INTEGER PRIMARY KEY,
    given_name     TEXT NOT NULL,
    family_name    TEXT NOT NULL,
    role           TEXT NOT NULL,
    affiliation_id INTEGER REFERENCES institution(id),
    unit_id        INTEGER REFERENCES org_unit(id),
    nationality    TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    isced_codes    TEXT NOT NULL DEFAULT '[]',
    keywords       TEXT NOT NULL DEFAULT '[]',
    erased         INTEGER NOT NULL DEFAULT 0 CHECK (erased IN (0, 1))
);
CREATE INDEX person_affiliation ON person(affiliation_id);
CREATE INDEX person_role ON person(role);

CREATE TABLE activity (
    id            INTEGER PRIMARY KEY,
    type          TEXT NOT NULL,
    title         TEXT NOT NULL,
    agreement_id  INTEGER REFERENCES agreement(id),
    area          TEXT NOT NULL,
    start_on      TEXT NOT NULL,
    end_on        TEXT,
    outcome       TEXT NOT NULL DEFAULT '',
    publications  INTEGER NOT NULL DEFAULT 0,
    participants  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX activity_agreement_start ON activity(agreement_id, start_on);
CREATE INDEX activity_start ON activity(start_on);
CREATE INDEX activity_area ON activity(area);

CREATE TABLE activity_partner (
    activity_id    INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
    institution_id INTEGER NOT NULL REFERENCES institution(id),
    position       INTEGER NOT NULL,
    PRIMARY KEY (activity_id, institution_id)
) WITHOUT ROWID;
CREATE INDEX activity_partner_institution ON activity_partner(institution_id);

CREATE TABLE activity_unit (
    activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
    unit_id     INTEGER NOT NULL REFERENCES org_unit(id),
    position    INTEGER NOT NULL,
    PRIMARY KEY (activity_id, unit_id)
) WITHOUT ROWID;

CREATE TABLE activity_person (
    activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES person(id),
    position    INTEGER NOT NULL,
    PRIMARY KEY (activity_id, person_id)
) WITHOUT ROWID;
CREATE INDEX activity_person_person ON activity_person(person_id);

CREATE TABLE activity_fund (
    activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    amount      REAL NOT NULL,
    currency    TEXT NOT NULL,
    PRIMARY KEY (activity_id, position)
) WITHOUT ROWID;

CREATE TABLE activity_evidence (
    activity_id INTEGER NOT NULL REFERENCES activity(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL,
    location    TEXT NOT NULL,
    sha256      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (activity_id, position)
) WITHOUT ROWID;

CREATE TABLE program (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    provider_id  INTEGER REFERENCES institution(id),
    agreement_id INTEGER REFERENCES agreement(id),
    audiences    TEXT NOT NULL,  -- JSON array of audience names
    eligibility  TEXT NOT NULL DEFAULT '',
    website      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX program_provider ON program(provider_id);

CREATE TABLE call (
    id               INTEGER PRIMARY KEY,
    program_id       INTEGER NOT NULL REFERENCES program(id),
    title            TEXT NOT NULL,
    opens_on         TEXT NOT NULL,
    deadline         TEXT NOT NULL,
    places           INTEGER NOT NULL DEFAULT 0,
    funding_amount   REAL,
    funding_currency TEXT,
    eligibility      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX call_program ON call(program_id);
CREATE INDEX call_deadline ON call(deadline);

CREATE TABLE application (
    id         INTEGER PRIMARY KEY,
    call_id    INTEGER NOT NULL REFERENCES call(id),
    person_id  INTEGER NOT NULL REFERENCES person(id),
    audience   TEXT NOT NULL,
    unit_id    INTEGER REFERENCES org_unit(id),
    status     TEXT NOT NULL,
    created_on TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    UNIQUE (call_id, person_id)
);
CREATE INDEX application_person ON application(person_id);
CREATE INDEX application_status ON application(status);

CREATE TABLE application_transition (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES application(id) ON DELETE CASCADE,
    from_status    TEXT,
    to_status      TEXT NOT NULL,
    on_date        TEXT NOT NULL,
    actor          TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX application_transition_application ON application_transition(application_id);

CREATE TABLE visit (
    id                  INTEGER PRIMARY KEY,
    person_id           INTEGER NOT NULL REFERENCES person(id),
    direction           TEXT NOT NULL,
    purpose             TEXT NOT NULL,
    home_institution_id INTEGER NOT NULL REFERENCES institution(id),
    host_institution_id INTEGER NOT NULL REFERENCES institution(id),
    home_unit_id        INTEGER REFERENCES org_unit(id),
    host_unit_id        INTEGER REFERENCES org_unit(id),
    start_on            TEXT NOT NULL,
    end_on              TEXT NOT NULL,
    agreement_id        INTEGER REFERENCES agreement(id),
    program_id          INTEGER REFERENCES program(id),
    mobility_type       TEXT,
    status              TEXT NOT NULL,
    lectures            INTEGER NOT NULL DEFAULT 0,
    teaching_hours      REAL NOT NULL DEFAULT 0,
    seminars            INTEGER NOT NULL DEFAULT 0,
    note                TEXT NOT NULL DEFAULT ''
);
CREATE INDEX visit_person_start ON visit(person_id, start_on);
CREATE INDEX visit_agreement_start ON visit(agreement_id, start_on);
CREATE INDEX visit_start ON visit(start_on);
CREATE INDEX visit_home_institution ON visit(home_institution_id);
CREATE INDEX visit_host_institution ON visit(host_institution_id);

CREATE TABLE centre_expertise (
    unit_id  INTEGER NOT NULL REFERENCES org_unit(id) ON DELETE CASCADE,
    kind     TEXT NOT NULL CHECK (kind IN ('isced', 'keyword')),
    value    TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (unit_id, kind, value)
) WITHOUT ROWID;

CREATE TABLE centre_link (
    home_centre_id    INTEGER NOT NULL REFERENCES org_unit(id),
    partner_centre_id INTEGER NOT NULL REFERENCES org_unit(id),
    note              TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (home_centre_id, partner_centre_id)
) WITHOUT ROWID;
CREATE INDEX centre_link_partner ON centre_link(partner_centre_id);
