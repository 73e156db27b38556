-- 023_role_sets.sql: each customer uses its own set of roles (documents 000, 002, 003, 004).
--  * role_sets: named packages of roles the vendor keeps in the catalogue, one per kind of portal the source
--    documents describe; role_set_roles says which roles a package holds.
--  * org_role_sets: the packages a customer uses. A customer's usable roles are the core roles (roles.core:
--    Beheerder, the tenant's own top authority, which every customer has), the roles of its packages, and the
--    roles the vendor switched on for it one by one (org_roles, e.g. Incidentmanagement on request).
--  * organisations.set_ids holds the customer's package ids, kept equal to org_role_sets by triggers, so the one
--    authorisation query of a request reads them with the organisation's row; the packages' contents live in
--    the in-memory catalogue, whose version the triggers below move on every change.
-- A role a colleague holds outside the organisation's usable roles gives no right (authz.c).

ALTER TABLE roles ADD COLUMN core TINYINT(1) NOT NULL DEFAULT 0 AFTER on_request;
UPDATE roles SET core = 1 WHERE rkey = 'beheerder';

CREATE TABLE role_sets (
  id         INT UNSIGNED NOT NULL AUTO_INCREMENT,
  skey       VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  name_nl    VARCHAR(100) NOT NULL,
  name_en    VARCHAR(100) NOT NULL,
  sort_order INT NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uq_role_sets_key (skey)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE role_set_roles (
  set_id  INT UNSIGNED NOT NULL,
  role_id INT UNSIGNED NOT NULL,
  PRIMARY KEY (set_id, role_id),
  KEY ix_role_set_roles_role (role_id),
  CONSTRAINT fk_role_set_roles_set FOREIGN KEY (set_id) REFERENCES role_sets (id) ON DELETE CASCADE,
  CONSTRAINT fk_role_set_roles_role FOREIGN KEY (role_id) REFERENCES roles (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE org_role_sets (
  org_id     BIGINT UNSIGNED NOT NULL,
  set_id     INT UNSIGNED NOT NULL,
  enabled_by BIGINT UNSIGNED NULL,
  enabled_at BIGINT NOT NULL,
  PRIMARY KEY (org_id, set_id),
  KEY ix_org_role_sets_set (set_id),
  CONSTRAINT fk_org_role_sets_org FOREIGN KEY (org_id) REFERENCES organisations (id) ON DELETE CASCADE,
  CONSTRAINT fk_org_role_sets_set FOREIGN KEY (set_id) REFERENCES role_sets (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER role_sets_ai AFTER INSERT ON role_sets FOR EACH ROW UPDATE catalogue_meta SET version = version + 1 WHERE id = 1;
CREATE TRIGGER role_sets_au AFTER UPDATE ON role_sets FOR EACH ROW UPDATE catalogue_meta SET version = version + 1 WHERE id = 1;
CREATE TRIGGER role_sets_ad AFTER DELETE ON role_sets FOR EACH ROW UPDATE catalogue_meta SET version = version + 1 WHERE id = 1;
CREATE TRIGGER role_set_roles_ai AFTER INSERT ON role_set_roles FOR EACH ROW UPDATE catalogue_meta SET version = version + 1 WHERE id = 1;
CREATE TRIGGER role_set_roles_ad AFTER DELETE ON role_set_roles FOR EACH ROW UPDATE catalogue_meta SET version = version + 1 WHERE id = 1;

ALTER TABLE organisations ADD COLUMN set_ids VARCHAR(500) CHARACTER SET ascii NOT NULL DEFAULT '';

CREATE TRIGGER org_role_sets_ai AFTER INSERT ON org_role_sets FOR EACH ROW
  UPDATE organisations o SET o.set_ids = COALESCE((SELECT GROUP_CONCAT(x.set_id ORDER BY x.set_id)
    FROM org_role_sets x WHERE x.org_id = o.id), '') WHERE o.id = NEW.org_id;
CREATE TRIGGER org_role_sets_ad AFTER DELETE ON org_role_sets FOR EACH ROW
  UPDATE organisations o SET o.set_ids = COALESCE((SELECT GROUP_CONCAT(x.set_id ORDER BY x.set_id)
    FROM org_role_sets x WHERE x.org_id = o.id), '') WHERE o.id = OLD.org_id;

-- The four source portals as packages. Medewerker (news, release notes, courses) belongs to the two portals
-- whose users are an organisation's own staff; Incidentmanagement stays a single role switched on by request.
INSERT INTO role_sets (skey, sort_order, name_nl, name_en) VALUES
 ('aip',        10, 'Intermediair (AIP)', 'Intermediary (AIP)'),
 ('afas',       20, 'Klantportal (AFAS)', 'Customer portal (AFAS)'),
 ('backoffice', 30, 'Backoffice', 'Back office'),
 ('dossiers',   40, 'Dossierportaal', 'Dossier portal');
INSERT INTO role_set_roles (set_id, role_id)
  SELECT s.id, r.id FROM role_sets s JOIN roles r ON
   (s.skey = 'aip' AND r.rkey IN ('medewerker', 'klantbeeld', 'financiele_documenten'))
   OR (s.skey = 'afas' AND r.rkey IN ('medewerker', 'incidentenbeheer'))
   OR (s.skey = 'backoffice' AND r.kind = 'org' AND r.rkey REGEXP '^(relations|policies|claims|ledger|debtors|creditors|products)_')
   OR (s.skey = 'dossiers' AND r.kind = 'profile');

-- Existing customers keep every role they use: the packages holding a role one of their colleagues holds (the
-- core role aside), and each held role no package of theirs holds switched on by itself. A customer that uses
-- none yet gets every package: it could use all of them until now, and the vendor narrows it down.
CREATE TEMPORARY TABLE held_roles AS
  SELECT DISTINCT ur.org_id, ur.role_id FROM user_roles ur JOIN users u ON u.id = ur.user_id
   JOIN roles r ON r.id = ur.role_id JOIN organisations o ON o.id = ur.org_id
  WHERE u.status <> 'removed' AND o.kind = 'customer' AND r.kind IN ('org', 'profile') AND r.core = 0;
INSERT IGNORE INTO org_role_sets (org_id, set_id, enabled_at)
  SELECT DISTINCT h.org_id, sr.set_id, UNIX_TIMESTAMP() FROM held_roles h JOIN role_set_roles sr ON sr.role_id = h.role_id;
-- (the customers copied first: the trigger of org_role_sets writes organisations, which the INSERT must not read)
CREATE TEMPORARY TABLE customers AS SELECT id FROM organisations WHERE kind = 'customer';
INSERT IGNORE INTO org_role_sets (org_id, set_id, enabled_at)
  SELECT c.id, s.id, UNIX_TIMESTAMP() FROM customers c JOIN role_sets s
  WHERE NOT EXISTS (SELECT 1 FROM held_roles h WHERE h.org_id = c.id);
INSERT IGNORE INTO org_roles (org_id, role_id, enabled_at)
  SELECT h.org_id, h.role_id, UNIX_TIMESTAMP() FROM held_roles h
  WHERE NOT EXISTS (SELECT 1 FROM org_role_sets os JOIN role_set_roles sr ON sr.set_id = os.set_id
   WHERE os.org_id = h.org_id AND sr.role_id = h.role_id);
DROP TEMPORARY TABLE held_roles, customers;
