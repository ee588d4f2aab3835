-- Schema version 5: what an imported ROR record says beyond the institution row
-- (include/iro/ror_details.hpp). Positions keep ROR's order. Lists that are only ever read
-- whole are JSON arrays.

CREATE TABLE ror_record (
    institution_id   INTEGER PRIMARY KEY REFERENCES institution(id) ON DELETE CASCADE,
    status           TEXT NOT NULL,            -- ROR's own: active, inactive, withdrawn
    types            TEXT NOT NULL,            -- JSON array of ROR organisation types
    domains          TEXT NOT NULL,            -- JSON array
    established      INTEGER,
    created_on       TEXT NOT NULL,
    last_modified_on TEXT NOT NULL,
    schema_version   TEXT NOT NULL,
    content_hash     INTEGER NOT NULL          -- of the imported record, to tell unchanged ones on re-import
);

CREATE TABLE ror_name (
    institution_id INTEGER NOT NULL REFERENCES ror_record(institution_id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    value          TEXT NOT NULL,
    lang           TEXT NOT NULL DEFAULT '',
    types          TEXT NOT NULL,              -- JSON array of ROR name types
    PRIMARY KEY (institution_id, position)
) WITHOUT ROWID;

CREATE TABLE ror_location (
    institution_id   INTEGER NOT NULL REFERENCES ror_record(institution_id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    geonames_id      INTEGER NOT NULL,
    name             TEXT NOT NULL,
    country_code     TEXT NOT NULL DEFAULT '',
    country_name     TEXT NOT NULL DEFAULT '',
    subdivision_code TEXT NOT NULL DEFAULT '',
    subdivision_name TEXT NOT NULL DEFAULT '',
    continent_code   TEXT NOT NULL DEFAULT '',
    continent_name   TEXT NOT NULL DEFAULT '',
    lat              REAL,
    lng              REAL,
    PRIMARY KEY (institution_id, position)
) WITHOUT ROWID;

-- `ror` is the other organisation's id, which need not be in the store.
CREATE TABLE ror_relationship (
    institution_id INTEGER NOT NULL REFERENCES ror_record(institution_id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    type           TEXT NOT NULL,
    ror            TEXT NOT NULL,
    label          TEXT NOT NULL,
    PRIMARY KEY (institution_id, position)
) WITHOUT ROWID;
-- Who names this organisation as parent, successor...: the history of renames and merges.
CREATE INDEX ror_relationship_target ON ror_relationship(ror);

CREATE TABLE ror_external_id (
    institution_id INTEGER NOT NULL REFERENCES ror_record(institution_id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    type           TEXT NOT NULL,
    all_ids        TEXT NOT NULL,              -- JSON array
    preferred      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (institution_id, position)
) WITHOUT ROWID;

CREATE TABLE ror_link (
    institution_id INTEGER NOT NULL REFERENCES ror_record(institution_id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    type           TEXT NOT NULL,
    value          TEXT NOT NULL,
    PRIMARY KEY (institution_id, position)
) WITHOUT ROWID;
