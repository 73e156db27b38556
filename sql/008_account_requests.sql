-- 008_account_requests.sql: account requests (document 003: "Nieuwe account aanvragen"). A colleague in a dossier,
-- or someone on the login page, asks for access; the request is e-mailed to the dossier's responsible person,
-- who approves it (an invited user with the chosen profile, assigned to the dossier) or declines it; the
-- requester is told either way. From the login page the requester names the responsible person's address and
-- gets the same answer whether or not it is known (no enumeration); the responsible picks the dossier.
CREATE TABLE account_requests (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  org_id         BIGINT UNSIGNED NOT NULL,
  responsible_id BIGINT UNSIGNED NOT NULL,
  dossier_id     BIGINT UNSIGNED NULL,
  requester_id   BIGINT UNSIGNED NULL,
  email          VARCHAR(254) NOT NULL,
  given_name     VARCHAR(100) NOT NULL,
  family_name    VARCHAR(100) NOT NULL,
  profile_id     INT UNSIGNED NULL,
  note           VARCHAR(1000) NOT NULL DEFAULT '',
  status         ENUM('open','approved','declined') NOT NULL DEFAULT 'open',
  created_at     BIGINT NOT NULL,
  decided_by     BIGINT UNSIGNED NULL,
  decided_at     BIGINT NULL,
  user_id        BIGINT UNSIGNED NULL,
  PRIMARY KEY (id),
  KEY ix_account_requests_resp (responsible_id, status, id),
  KEY ix_account_requests_org (org_id, status, id),
  CONSTRAINT fk_account_requests_org FOREIGN KEY (org_id) REFERENCES organisations (id),
  CONSTRAINT fk_account_requests_resp FOREIGN KEY (responsible_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_account_requests_dossier FOREIGN KEY (dossier_id) REFERENCES dossiers (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
