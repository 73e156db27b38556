-- 017_incident_status_index.sql: the vendor's queue filtered on a status, newest first, reads (status, id):
-- only the page, and a text search's window (50,000 incidents of that status) without reading rows. Before,
-- it walked the primary key and skipped every incident of another status (at 1,000,000 incidents, a search
-- in "waiting" read half of them).

ALTER TABLE incidents ADD KEY ix_incidents_status (status, id);
