-- 016_org_users_version.sql: a per-organisation counter that moves whenever anything the colleagues
-- overview's checklist counts can change (a colleague added or deleted, a status, a confirmed number, the
-- roles). The one authorisation query reads it with the organisation, so a program may keep such counts in
-- memory and recompute them only when the counter (or the catalogue's version) has moved: no query per page.
-- A login (last_login_at) or a name change does not move it.

ALTER TABLE organisations ADD COLUMN users_version BIGINT UNSIGNED NOT NULL DEFAULT 0;

CREATE TRIGGER users_version_ai AFTER INSERT ON users FOR EACH ROW
  UPDATE organisations SET users_version = users_version + 1 WHERE id = NEW.org_id;
CREATE TRIGGER users_version_au AFTER UPDATE ON users FOR EACH ROW
  UPDATE organisations SET users_version = users_version + 1 WHERE id IN (OLD.org_id, NEW.org_id)
    AND NOT (OLD.org_id <=> NEW.org_id AND OLD.status <=> NEW.status
      AND OLD.mobile_verified_at <=> NEW.mobile_verified_at AND OLD.role_ids <=> NEW.role_ids);
CREATE TRIGGER users_version_ad AFTER DELETE ON users FOR EACH ROW
  UPDATE organisations SET users_version = users_version + 1 WHERE id = OLD.org_id;
