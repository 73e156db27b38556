-- 005_org_roles.sql: which roles an organisation may use (issue 4, document 004). Organisation roles and
-- dossier profiles are available to every customer unless the vendor marks a role "on request"
-- (Incidentmanagement: activated per organisation by the vendor). An activation is a row of org_roles;
-- organisations.role_ids holds the activated ids, kept equal by triggers (org_roles stays the truth), so the
-- one authorisation query of a request reads them with the organisation's constant row.
ALTER TABLE roles ADD COLUMN on_request TINYINT(1) NOT NULL DEFAULT 0 AFTER kind;
UPDATE roles SET on_request = 1 WHERE rkey = 'incidentmanagement';

CREATE TABLE org_roles (
  org_id     BIGINT UNSIGNED NOT NULL,
  role_id    INT UNSIGNED NOT NULL,
  enabled_by BIGINT UNSIGNED NULL,
  enabled_at BIGINT NOT NULL,
  PRIMARY KEY (org_id, role_id),
  KEY ix_org_roles_role (role_id),
  CONSTRAINT fk_org_roles_org FOREIGN KEY (org_id) REFERENCES organisations (id) ON DELETE CASCADE,
  CONSTRAINT fk_org_roles_role FOREIGN KEY (role_id) REFERENCES roles (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE organisations ADD COLUMN role_ids VARCHAR(2000) CHARACTER SET ascii NOT NULL DEFAULT '';

CREATE TRIGGER org_roles_ai AFTER INSERT ON org_roles FOR EACH ROW
  UPDATE organisations o SET o.role_ids = COALESCE((SELECT GROUP_CONCAT(x.role_id ORDER BY x.role_id)
    FROM org_roles x WHERE x.org_id = o.id), '') WHERE o.id = NEW.org_id;
CREATE TRIGGER org_roles_ad AFTER DELETE ON org_roles FOR EACH ROW
  UPDATE organisations o SET o.role_ids = COALESCE((SELECT GROUP_CONCAT(x.role_id ORDER BY x.role_id)
    FROM org_roles x WHERE x.org_id = o.id), '') WHERE o.id = OLD.org_id;
-- the catalogue's version also covers on_request (roles_au already bumps it)
