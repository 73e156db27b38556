-- 020_org_counts.sql: the vendor's lists of customers (/orgs, /quota/orgs) show per customer how many admins it
-- has and how many colleagues count towards its incidents quota. Counting them reads every grant of the
-- organisation: 13,000 rows for a page with the 10,000-colleague customer of bench/gen.sh on it, and more with
-- every large customer. The counts are kept here with the organisation's users_version (sql/016) and the
-- catalogue's version they were counted at: a list uses them while both stand and counts anew, storing the
-- result, when either has moved. Only the lists read them; every decision (the last-admin guard, bootstrap, a
-- grant against the quota) still counts in its own transaction. users_version now also moves when a colleague
-- becomes or stops being a certified expert: experts do not count towards the quota.

CREATE TABLE org_counts (
  org_id        BIGINT UNSIGNED NOT NULL,
  users_version BIGINT UNSIGNED NOT NULL,
  cat_version   BIGINT UNSIGNED NOT NULL,
  admins        INT UNSIGNED NOT NULL,
  submitters    INT UNSIGNED NOT NULL,
  PRIMARY KEY (org_id),
  CONSTRAINT fk_org_counts_org FOREIGN KEY (org_id) REFERENCES organisations (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

DROP TRIGGER users_version_au;
CREATE TRIGGER users_version_au AFTER UPDATE ON users FOR EACH ROW
  UPDATE organisations SET users_version = users_version + 1 WHERE id IN (OLD.org_id, NEW.org_id)
    AND NOT (OLD.org_id <=> NEW.org_id AND OLD.status <=> NEW.status
      AND OLD.mobile_verified_at <=> NEW.mobile_verified_at AND OLD.role_ids <=> NEW.role_ids
      AND OLD.certified_expert <=> NEW.certified_expert);
