-- 011_contact.sql: the organisation's contact data (document 004): kept current by its admins, who confirm
-- it ("data checked"); portalctl nightly reminds the admins when the last check is older than the configured
-- period, once per period (contact_reminded_at).
ALTER TABLE organisations
  ADD COLUMN address             VARCHAR(500) NOT NULL DEFAULT '',
  ADD COLUMN invoice_email       VARCHAR(254) NOT NULL DEFAULT '',
  ADD COLUMN phone               VARCHAR(32) NOT NULL DEFAULT '',
  ADD COLUMN contact_checked_at  BIGINT NULL,
  ADD COLUMN contact_reminded_at BIGINT NULL;
