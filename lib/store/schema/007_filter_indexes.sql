-- Schema version 7: an index behind every filter the API offers, so no find() or count()
-- reads a whole table (tests/cpp/test_query_plans.cpp checks the plans).
CREATE INDEX visit_status ON visit(status);
CREATE INDEX visit_direction ON visit(direction);
CREATE INDEX visit_program ON visit(program_id);
CREATE INDEX person_nationality ON person(nationality);
CREATE INDEX activity_type ON activity(type);
-- Agreements in force are looked up by status and start date; expiring ones by status and end.
CREATE INDEX agreement_status_valid_until ON agreement(status, valid_until);
