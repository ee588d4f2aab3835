-- Schema version 6: Erasmus Without Paper (EWP) IIA identifiers, and the parts of an IIA
-- that an agreement has no field for, kept so that an imported IIA exports as the same
-- document with the same iia-hash (include/iro/ewp_iia.hpp).

-- One row per agreement imported from an EWP IIA.
CREATE TABLE ewp_iia (
    agreement_id INTEGER PRIMARY KEY REFERENCES agreement(id) ON DELETE CASCADE,
    in_effect    INTEGER NOT NULL CHECK (in_effect IN (0, 1)),
    status       TEXT NOT NULL,            -- the agreement's status at import: in_effect holds while it is unchanged
    iia_hash     TEXT NOT NULL DEFAULT ''  -- the iia-hash the sender declared
);

-- Each party's EWP identifiers for the agreement.
CREATE TABLE ewp_iia_party (
    agreement_id   INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
    institution_id INTEGER NOT NULL REFERENCES institution(id),
    ounit_id       TEXT NOT NULL DEFAULT '',
    iia_id         TEXT NOT NULL DEFAULT '',
    iia_code       TEXT NOT NULL DEFAULT '',
    signing_email  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (agreement_id, institution_id)
) WITHOUT ROWID;
-- An HEI's iia-id names one agreement.
CREATE UNIQUE INDEX ewp_iia_party_iia_id ON ewp_iia_party(institution_id, iia_id) WHERE iia_id <> '';

-- Each cooperation condition as imported (JSON), by the position of its quota in the
-- agreement. It is exported as it was while the quota still reads the same.
CREATE TABLE ewp_iia_spec (
    agreement_id INTEGER NOT NULL REFERENCES agreement(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    spec         TEXT NOT NULL,
    PRIMARY KEY (agreement_id, position)
) WITHOUT ROWID;
