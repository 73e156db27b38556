-- 024_experts.sql: certified experts are certified by the vendor (document 001: "exclusief gecertificeerde AFAS
-- Experts"), not by the customer: the vendor sets or clears users.certified_expert from the customer's page, with
-- the date of certification; the customer sees it read-only. An expert does not count toward the incident-
-- submitter quota. The index lists a customer's experts without reading its other colleagues.
ALTER TABLE users
  ADD COLUMN certified_at BIGINT NULL AFTER certified_expert,
  ADD COLUMN certified_by BIGINT UNSIGNED NULL AFTER certified_at,
  ADD KEY ix_users_org_expert (org_id, certified_expert);
