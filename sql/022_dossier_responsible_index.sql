-- 022_dossier_responsible_index.sql: the dossiers someone is responsible for, by name (an account request's
-- dossier select, the first 200 and a search), read only their own: (responsible_id, name). Before, the
-- organisation's dossiers were walked by name and every one of another responsible person skipped.

ALTER TABLE dossiers ADD KEY ix_dossiers_responsible (responsible_id, name);
