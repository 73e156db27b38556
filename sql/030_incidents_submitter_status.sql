-- 030_incidents_submitter_status.sql: Mijn portaal counts a submitter's incidents waiting for their answer; with
-- this index that is a range of exactly those (at most 100 read), whatever else they or their colleagues submitted.
CREATE INDEX ix_incidents_submitter_status ON incidents (org_id, submitter_id, status);
