-- Schema version 8: the two visit indexes that analyses range over also hold the columns
-- those analyses test (status, direction, mobility type, the two institutions, the person),
-- so counting and grouping visits by date or by agreement reads the index alone, never the
-- visit rows.
-- Each replaces the narrower index of the same name; every query that used it still can.
DROP INDEX visit_start;
CREATE INDEX visit_start ON visit(start_on, status, direction, home_institution_id, host_institution_id, person_id);
DROP INDEX visit_agreement_start;
CREATE INDEX visit_agreement_start ON visit(agreement_id, start_on, status, mobility_type, home_institution_id,
                                            host_institution_id);
