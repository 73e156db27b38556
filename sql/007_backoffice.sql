-- 007_backoffice.sql: a minimal back office (document 002) so that the per-module rights at three levels mean
-- something: per organisation and module, records one may view (module.view), change (module.change) or
-- enter (module.create); products need approval by a holder of products.approve before test mode. AIP's
-- Klantbeeld (clients.view) reads the relations, Financiële Documenten (finance.documents) the current-
-- account position from the debtors and creditors records (document 000).
CREATE TABLE bo_records (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  org_id      BIGINT UNSIGNED NOT NULL,
  module      ENUM('relations','policies','claims','ledger','debtors','creditors','products') NOT NULL,
  ref         VARCHAR(40) NOT NULL,
  title       VARCHAR(200) NOT NULL,
  amount_cents BIGINT NOT NULL DEFAULT 0,
  note        TEXT NOT NULL,
  status      ENUM('draft','test') NOT NULL DEFAULT 'draft',
  created_by  BIGINT UNSIGNED NULL,
  created_at  BIGINT NOT NULL,
  updated_by  BIGINT UNSIGNED NULL,
  updated_at  BIGINT NULL,
  approved_by BIGINT UNSIGNED NULL,
  approved_at BIGINT NULL,
  PRIMARY KEY (id),
  KEY ix_bo_records_org (org_id, module, id),
  CONSTRAINT fk_bo_records_org FOREIGN KEY (org_id) REFERENCES organisations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
