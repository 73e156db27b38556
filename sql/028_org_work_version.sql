-- 028_org_work_version.sql: a per-organisation counter that moves whenever what Mijn portaal counts for its
-- people can change: an incident submitted, deleted, or its status or submitter changed; a document added,
-- deleted, forwarded, approved or processed; a support grant prepared, confirmed, revoked or ended. The one
-- authorisation query reads it with the organisation, so the start page keeps each user's counts in memory
-- and recounts only when it (or the user's roles, or the catalogue) has moved: no query on most views.

ALTER TABLE organisations ADD COLUMN work_version BIGINT UNSIGNED NOT NULL DEFAULT 0;

CREATE TRIGGER work_version_incidents_ai AFTER INSERT ON incidents FOR EACH ROW
  UPDATE organisations SET work_version = work_version + 1 WHERE id = NEW.org_id;
CREATE TRIGGER work_version_incidents_au AFTER UPDATE ON incidents FOR EACH ROW
  UPDATE organisations SET work_version = work_version + 1 WHERE id IN (OLD.org_id, NEW.org_id)
    AND NOT (OLD.org_id <=> NEW.org_id AND OLD.status <=> NEW.status AND OLD.submitter_id <=> NEW.submitter_id);
CREATE TRIGGER work_version_incidents_ad AFTER DELETE ON incidents FOR EACH ROW
  UPDATE organisations SET work_version = work_version + 1 WHERE id = OLD.org_id;

CREATE TRIGGER work_version_documents_ai AFTER INSERT ON documents FOR EACH ROW
  UPDATE organisations SET work_version = work_version + 1 WHERE id = NEW.org_id;
CREATE TRIGGER work_version_documents_au AFTER UPDATE ON documents FOR EACH ROW
  UPDATE organisations SET work_version = work_version + 1 WHERE id IN (OLD.org_id, NEW.org_id)
    AND NOT (OLD.org_id <=> NEW.org_id AND OLD.dossier_id <=> NEW.dossier_id AND OLD.status <=> NEW.status
      AND OLD.approver_id <=> NEW.approver_id AND OLD.approved_at <=> NEW.approved_at);
CREATE TRIGGER work_version_documents_ad AFTER DELETE ON documents FOR EACH ROW
  UPDATE organisations SET work_version = work_version + 1 WHERE id = OLD.org_id;

CREATE TRIGGER work_version_grants_ai AFTER INSERT ON support_grants FOR EACH ROW
  UPDATE organisations SET work_version = work_version + 1 WHERE id = NEW.org_id;
CREATE TRIGGER work_version_grants_au AFTER UPDATE ON support_grants FOR EACH ROW
  UPDATE organisations SET work_version = work_version + 1 WHERE id IN (OLD.org_id, NEW.org_id)
    AND NOT (OLD.org_id <=> NEW.org_id AND OLD.confirmed_at <=> NEW.confirmed_at
      AND OLD.revoked_at <=> NEW.revoked_at AND OLD.expires_at <=> NEW.expires_at
      AND OLD.end_notified_at <=> NEW.end_notified_at);
CREATE TRIGGER work_version_grants_ad AFTER DELETE ON support_grants FOR EACH ROW
  UPDATE organisations SET work_version = work_version + 1 WHERE id = OLD.org_id;
