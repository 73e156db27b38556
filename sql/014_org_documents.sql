-- 014_org_documents.sql: documents from the vendor to an organisation (documents 000 and 004): invoices
-- (right invoices.view, Beheerder) and financial documents such as current-account statements (right
-- finance.documents, the seed's 'Financiële Documenten'). The file lies under [documents] dir by a random
-- name, like dossier documents; only its metadata is here.
CREATE TABLE org_documents (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  org_id       BIGINT UNSIGNED NOT NULL,
  category     ENUM('invoices','finance') NOT NULL,
  title        VARCHAR(200) NOT NULL,
  filename     VARCHAR(200) NOT NULL,
  stored_name  CHAR(32) CHARACTER SET ascii NOT NULL,
  content_type VARCHAR(40) CHARACTER SET ascii NOT NULL,
  size         INT UNSIGNED NOT NULL,
  sha256       BINARY(32) NOT NULL,
  uploaded_by  BIGINT UNSIGNED NULL,
  created_at   BIGINT NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_org_documents_stored (stored_name),
  KEY ix_org_documents_org (org_id, category, id),
  CONSTRAINT fk_org_documents_org FOREIGN KEY (org_id) REFERENCES organisations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
