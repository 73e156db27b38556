-- 006_dossiers.sql: dossiers (client files, document 003), who is assigned to them, and their documents.
--  * A dossier's enabled modules cap what any profile gives inside it: rights.module names the module a
--    dossier right belongs to (NULL: no module, e.g. the dossier settings).
--  * A user's profile is one role of kind 'profile' in user_roles, the same for all their dossiers; the
--    dossiers program keeps it at most one, in one transaction with the user's row locked.
--  * dossiers.manage (organisation right, Beheerder): create dossiers, set their modules, assign colleagues
--    and set profiles; it also gives the dossier settings of every dossier of the organisation.
--  * Documents are stored outside the web root under a random name; only the name the user gave is kept
--    here for display, cleaned.

ALTER TABLE rights ADD COLUMN module VARCHAR(16) CHARACTER SET ascii NULL AFTER scope;
UPDATE rights SET module = 'documents' WHERE rkey IN ('documents.deliver', 'documents.process');
UPDATE rights SET module = 'archive' WHERE rkey = 'archive.view';
UPDATE rights SET module = 'reports' WHERE rkey = 'reports.view';
UPDATE rights SET module = 'payments' WHERE rkey = 'payments.use';
UPDATE rights SET module = 'finance' WHERE rkey = 'finance.view';

INSERT INTO rights (rkey, scope, sort_order, label_nl, label_en) VALUES
 ('dossiers.manage', 'org', 16, 'Dossiers inrichten: modules, gebruikers en hun profiel', 'Set up dossiers: modules, users and their profile');
INSERT INTO role_rights (role_id, right_id)
  SELECT ro.id, ri.id FROM roles ro JOIN rights ri ON ri.rkey = 'dossiers.manage' WHERE ro.rkey = 'beheerder';

CREATE TABLE dossiers (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  org_id         BIGINT UNSIGNED NOT NULL,
  name           VARCHAR(200) NOT NULL,
  modules        SET('documents','archive','reports','payments','finance') NOT NULL DEFAULT 'documents,archive,reports',
  responsible_id BIGINT UNSIGNED NULL,
  created_at     BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY ix_dossiers_org (org_id, name),
  CONSTRAINT fk_dossiers_org FOREIGN KEY (org_id) REFERENCES organisations (id),
  CONSTRAINT fk_dossiers_responsible FOREIGN KEY (responsible_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE dossier_users (
  dossier_id  BIGINT UNSIGNED NOT NULL,
  user_id     BIGINT UNSIGNED NOT NULL,
  assigned_by BIGINT UNSIGNED NULL,
  assigned_at BIGINT NOT NULL,
  PRIMARY KEY (dossier_id, user_id),
  KEY ix_dossier_users_user (user_id),
  CONSTRAINT fk_dossier_users_dossier FOREIGN KEY (dossier_id) REFERENCES dossiers (id) ON DELETE CASCADE,
  CONSTRAINT fk_dossier_users_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE dossier_accounts (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  dossier_id BIGINT UNSIGNED NOT NULL,
  iban       VARCHAR(34) CHARACTER SET ascii NOT NULL,
  label      VARCHAR(100) NOT NULL,
  PRIMARY KEY (id),
  KEY ix_dossier_accounts_dossier (dossier_id),
  CONSTRAINT fk_dossier_accounts_dossier FOREIGN KEY (dossier_id) REFERENCES dossiers (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- status: inbox (to be processed) → processed (in the archive); approver_id: forwarded to a colleague for
-- approval (Document Delivery sees its own uploads and those awaiting its approval).
CREATE TABLE documents (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  dossier_id   BIGINT UNSIGNED NOT NULL,
  org_id       BIGINT UNSIGNED NOT NULL,
  uploader_id  BIGINT UNSIGNED NULL,
  filename     VARCHAR(200) NOT NULL,
  stored_name  CHAR(32) CHARACTER SET ascii NOT NULL,
  content_type VARCHAR(40) CHARACTER SET ascii NOT NULL,
  size         INT UNSIGNED NOT NULL,
  sha256       BINARY(32) NOT NULL,
  status       ENUM('inbox','processed') NOT NULL DEFAULT 'inbox',
  approver_id  BIGINT UNSIGNED NULL,
  approved_at  BIGINT NULL,
  processed_by BIGINT UNSIGNED NULL,
  processed_at BIGINT NULL,
  paid_at      BIGINT NULL,
  created_at   BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_documents_stored (stored_name),
  KEY ix_documents_dossier (dossier_id, status, id),
  KEY ix_documents_uploader (dossier_id, uploader_id, id),
  KEY ix_documents_approver (dossier_id, approver_id, id),
  CONSTRAINT fk_documents_dossier FOREIGN KEY (dossier_id) REFERENCES dossiers (id),
  CONSTRAINT fk_documents_uploader FOREIGN KEY (uploader_id) REFERENCES users (id) ON DELETE SET NULL,
  CONSTRAINT fk_documents_approver FOREIGN KEY (approver_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
