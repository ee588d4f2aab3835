-- Schema version 4: rankings. Custom methodologies, published results per edition and the
-- home institution's own figures by year.

-- One row per edition (system code + year) that has a custom methodology or stored results.
CREATE TABLE ranking_edition (
    id     INTEGER PRIMARY KEY,
    system TEXT NOT NULL,
    year   INTEGER NOT NULL,
    UNIQUE (system, year)
);

-- A methodology is always read and written whole, so it is kept as the JSON text of
-- methodology_to_json (ranking_methodology.hpp).
CREATE TABLE ranking_methodology (
    edition_id INTEGER PRIMARY KEY REFERENCES ranking_edition(id) ON DELETE CASCADE,
    definition TEXT NOT NULL
);

CREATE TABLE ranking_result (
    id             INTEGER PRIMARY KEY,
    edition_id     INTEGER NOT NULL REFERENCES ranking_edition(id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    institution    TEXT NOT NULL,
    institution_id INTEGER REFERENCES institution(id),
    rank_text      TEXT NOT NULL,
    rank_first     INTEGER NOT NULL,  -- the first rank the text covers, for ordering and queries
    overall        REAL,
    UNIQUE (edition_id, position)
);
CREATE INDEX ranking_result_institution ON ranking_result(institution_id);

CREATE TABLE ranking_result_score (
    result_id INTEGER NOT NULL REFERENCES ranking_result(id) ON DELETE CASCADE,
    indicator TEXT NOT NULL,
    score     REAL NOT NULL,
    PRIMARY KEY (result_id, indicator)
) WITHOUT ROWID;

CREATE TABLE ranking_home_figure (
    year  INTEGER NOT NULL,
    key   TEXT NOT NULL,
    value REAL NOT NULL,
    PRIMARY KEY (year, key)
) WITHOUT ROWID;
