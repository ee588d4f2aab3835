-- Schema version 1: the partner registry, agreements and the audit log.
-- Dates are ISO 8601 text ("2026-01-31"), so they sort and compare as text.
-- Enum columns hold the names from include/iro/*.hpp (EnumNames tables).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE institution (
    id           INTEGER PRIMARY KEY,
    type         TEXT NOT NULL,
    country      TEXT NOT NULL,
    city         TEXT NOT NULL DEFAULT '',
    website      TEXT NOT NULL DEFAULT '',
    ror          TEXT UNIQUE,
    erasmus      TEXT UNIQUE,
    schac        TEXT UNIQUE,
    pic          TEXT UNIQUE,
    wikidata     TEXT,
    status       TEXT NOT NULL,
    successor_id INTEGER REFERENCES institution(id),
    is_home      INTEGER NOT NULL DEFAULT 0 CHECK (is_home IN (0, 1))
);
-- Exactly one home institution: the partial unique index allows one row with is_home = 1.
CREATE UNIQUE INDEX institution_single_home ON institution(is_home) WHERE is_home = 1;
CREATE INDEX institution_country ON institution(country);
CREATE INDEX institution_type ON institution(type);
CREATE INDEX institution_status ON institution(status);

CREATE TABLE institution_name (
    institution_id INTEGER NOT NULL REFERENCES institution(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    value          TEXT NOT NULL,
    lang           TEXT NOT NULL DEFAULT '',
    kind           TEXT NOT NULL,
    PRIMARY KEY (institution_id, position)
) WITHOUT ROWID;

-- Folded names (see text_fold.hpp), one row per institution, rowid = institution id.
CREATE VIRTUAL TABLE institution_search USING fts5(folded, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE org_unit (
    id             INTEGER PRIMARY KEY,
    institution_id INTEGER NOT NULL REFERENCES institution(id),
    parent_id      INTEGER REFERENCES org_unit(id),
    kind           TEXT NOT NULL,
    name           TEXT NOT NULL,
    code           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX org_unit_institution ON org_unit(institution_id);
CREATE INDEX org_unit_parent ON org_unit(parent_id);

CREATE TABLE contact (
    id             INTEGER PRIMARY KEY,
    institution_id INTEGER NOT NULL REFERENCES institution(id),
    unit_id        INTEGER REFERENCES org_unit(id),
    name           TEXT NOT NULL,
    role           TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    phone          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contact_institution ON contact(institution_id);

CREATE TABLE agreement (
    id                  INTEGER PRIMARY KEY,
    kind                TEXT NOT NULL,
    title               TEXT NOT NULL,
    reference           TEXT UNIQUE,
    status              TEXT NOT NULL,
    proposed_on         TEXT NOT NULL,
    in_force_from       TEXT,
    valid_until         TEXT,
    terminated_on       TEXT,
    tacit_renewal_years INTEGER NOT NULL DEFAULT 0,
    notice_days         INTEGER NOT NULL DEFAULT 0,
    predecessor_id      INTEGER REFERENCES agreement(id),
    note                TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agreement_status ON agreement(status);
CREATE INDEX agreement_kind ON agreement(kind);
CREATE INDEX agreement_valid_until ON agreement(valid_until);
CREATE INDEX agreement_predecessor ON agreement(predecessor_id);

CREATE TABLE agreement_party (
    agreement_id   INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    institution_id INTEGER NOT NULL REFERENCES institution(id),
    unit_id        INTEGER REFERENCES org_unit(id),
    signed_on      TEXT,
    signatory      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (agreement_id, position),
    UNIQUE (agreement_id, institution_id)
) WITHOUT ROWID;
CREATE INDEX agreement_party_institution ON agreement_party(institution_id);
CREATE INDEX agreement_party_unit ON agreement_party(unit_id);

CREATE TABLE agreement_area (
    agreement_id INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
    area         TEXT NOT NULL,
    position     INTEGER NOT NULL,
    PRIMARY KEY (agreement_id, area)
) WITHOUT ROWID;
CREATE INDEX agreement_area_area ON agreement_area(area);

CREATE TABLE agreement_transition (
    id           INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    on_date      TEXT NOT NULL,
    actor        TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX agreement_transition_agreement ON agreement_transition(agreement_id);

-- One EWP cooperation-condition line. Lists that are only ever read whole are JSON arrays.
CREATE TABLE mobility_quota (
    id                    INTEGER PRIMARY KEY,
    agreement_id          INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
    position              INTEGER NOT NULL,
    sending_id            INTEGER NOT NULL REFERENCES institution(id),
    receiving_id          INTEGER NOT NULL REFERENCES institution(id),
    sending_unit_id       INTEGER REFERENCES org_unit(id),
    receiving_unit_id     INTEGER REFERENCES org_unit(id),
    mobility_type         TEXT NOT NULL,
    mobilities_per_year   INTEGER NOT NULL,
    total_months_per_year REAL,
    total_days_per_year   INTEGER,
    subject_areas         TEXT NOT NULL DEFAULT '[]',
    eqf_levels            TEXT NOT NULL DEFAULT '[]',
    language_skills       TEXT NOT NULL DEFAULT '[]',
    blended               INTEGER NOT NULL DEFAULT 0,
    UNIQUE (agreement_id, position)
);

-- Academic years get their own rows: quota use is counted per year.
CREATE TABLE mobility_quota_year (
    quota_id   INTEGER NOT NULL REFERENCES mobility_quota(id) ON DELETE CASCADE,
    start_year INTEGER NOT NULL,
    PRIMARY KEY (quota_id, start_year)
) WITHOUT ROWID;

CREATE TABLE agreement_document (
    agreement_id INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    title        TEXT NOT NULL,
    location     TEXT NOT NULL,
    sha256       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (agreement_id, position)
) WITHOUT ROWID;

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    action    TEXT NOT NULL,
    before    TEXT NOT NULL DEFAULT '',
    after     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
