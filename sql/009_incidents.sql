-- 009_incidents.sql: incidents and the incident-submitter quota (documents 001 and 004).
--  * quota_classes: per size class the most holders of a quota-limited role (one giving incidents.submit:
--    Incidentenbeheer); organisations.quota_override (set by the vendor) replaces it. Certified experts
--    (users.certified_expert) and disabled or removed colleagues do not count. The count is checked in the
--    granting transaction with the organisation's row locked (ACC-05).
--  * incidents: the organisation's incidents; form_token makes a double-submitted form store one (DI-02).
--  * incident_messages: the thread between the organisation and the vendor's support desk.
--  * incident_files: attachments, stored like dossier documents (outside the web root, random names).
CREATE TABLE quota_classes (
  size_class     TINYINT UNSIGNED NOT NULL,
  label_nl       VARCHAR(100) NOT NULL,
  label_en       VARCHAR(100) NOT NULL,
  max_submitters INT UNSIGNED NOT NULL,
  PRIMARY KEY (size_class)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO quota_classes (size_class, label_nl, label_en, max_submitters) VALUES
 (1, 'klein (tot 10 medewerkers)', 'small (up to 10 employees)', 2),
 (2, 'middelgroot (10 tot 50 medewerkers)', 'medium (10 to 50 employees)', 3),
 (3, 'groot (50 tot 250 medewerkers)', 'large (50 to 250 employees)', 5),
 (4, 'zeer groot (250 medewerkers of meer)', 'very large (250 employees or more)', 8);

ALTER TABLE organisations ADD COLUMN over_quota_since BIGINT NULL;

CREATE TABLE incidents (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  org_id           BIGINT UNSIGNED NOT NULL,
  submitter_id     BIGINT UNSIGNED NULL,
  title            VARCHAR(200) NOT NULL,
  body             TEXT NOT NULL,
  category         ENUM('question','error','wish','other') NOT NULL DEFAULT 'question',
  priority         ENUM('low','normal','high','urgent') NOT NULL DEFAULT 'normal',
  status           ENUM('new','open','waiting','resolved','closed') NOT NULL DEFAULT 'new',
  handler_id       BIGINT UNSIGNED NULL,
  form_token       CHAR(32) CHARACTER SET ascii NOT NULL,
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_incidents_form (submitter_id, form_token),
  KEY ix_incidents_org (org_id, id),
  KEY ix_incidents_org_status (org_id, status, id),
  KEY ix_incidents_org_submitter (org_id, submitter_id, id),
  KEY ix_incidents_queue (status, updated_at, id),
  CONSTRAINT fk_incidents_org FOREIGN KEY (org_id) REFERENCES organisations (id),
  CONSTRAINT fk_incidents_submitter FOREIGN KEY (submitter_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE incident_messages (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  incident_id BIGINT UNSIGNED NOT NULL,
  author_id   BIGINT UNSIGNED NULL,
  from_vendor TINYINT(1) NOT NULL DEFAULT 0,
  body        TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY ix_incident_messages (incident_id, id),
  CONSTRAINT fk_incident_messages_incident FOREIGN KEY (incident_id) REFERENCES incidents (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE incident_files (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  incident_id  BIGINT UNSIGNED NOT NULL,
  filename     VARCHAR(200) NOT NULL,
  stored_name  CHAR(32) CHARACTER SET ascii NOT NULL,
  content_type VARCHAR(40) CHARACTER SET ascii NOT NULL,
  size         INT UNSIGNED NOT NULL,
  sha256       BINARY(32) NOT NULL,
  created_at   BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_incident_files_stored (stored_name),
  KEY ix_incident_files (incident_id),
  CONSTRAINT fk_incident_files_incident FOREIGN KEY (incident_id) REFERENCES incidents (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
