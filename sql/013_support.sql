-- 013_support.sql: temporary access for the vendor's support desk (ACC-07, documents 002 and 004).
-- An organisation admin prepares a grant (read or write, 1 to 72 hours, a reason) and confirms it with a code
-- from their authenticator app; it is active from confirmed_at until expires_at unless revoked_at is set.
-- A vendor session works in one customer's data at a time (sessions.acting_org_id), and only under an
-- active grant or while that customer has no admin of its own (bootstrap). Every request it makes there is
-- written to the customer's audit log with the grant's id.

CREATE TABLE support_grants (
  id              BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  org_id          BIGINT UNSIGNED NOT NULL,
  scope           ENUM('read','write') NOT NULL DEFAULT 'read',
  hours           SMALLINT UNSIGNED NOT NULL,
  reason          VARCHAR(300) NOT NULL DEFAULT '',
  granted_by      BIGINT UNSIGNED NOT NULL,
  session_id      BIGINT UNSIGNED NULL,         -- the admin's session that prepared it (confirmation only there)
  created_at      BIGINT NOT NULL,
  confirmed_at    BIGINT NULL,
  expires_at      BIGINT NULL,
  revoked_at      BIGINT NULL,
  revoked_by      BIGINT UNSIGNED NULL,
  first_used_at   BIGINT NULL,
  first_used_by   BIGINT UNSIGNED NULL,
  end_notified_at BIGINT NULL,                  -- the admins were told it ended (revoked or expired)
  PRIMARY KEY (id),
  KEY ix_grants_org (org_id, id),
  KEY ix_grants_ending (end_notified_at, expires_at),
  CONSTRAINT fk_grants_org FOREIGN KEY (org_id) REFERENCES organisations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE sessions ADD COLUMN acting_org_id BIGINT UNSIGNED NULL;

-- the audit rows of the vendor's requests under a grant name it
ALTER TABLE audit_log ADD COLUMN grant_id BIGINT UNSIGNED NULL, ADD KEY ix_audit_grant (grant_id, id);

-- seeing every dossier of the organisation (overview, archive, reports, financial menu; no documents in
-- progress): what a read grant gives the support desk, and a right an organisation can give a role
INSERT INTO rights (rkey, scope, sort_order, label_nl, label_en) VALUES
 ('dossiers.view', 'org', 17, 'Alle dossiers inzien (overzicht, archief, rapporten, financieel)',
  'See every dossier (overview, archive, reports, financial menu)');
