-- 003_auth_cache.sql: what lets the one authorisation query per request stay a lookup of constant rows.
--  * catalogue_meta.version: each program keeps the role catalogue (rights, roles, role_rights) in memory;
--    the query returns this number, so a catalogue change is seen on the very next request. Triggers bump
--    it on every change, whatever makes it.
--  * users.role_ids: the user's role ids, kept equal to user_roles by triggers in the same transaction
--    (user_roles stays the truth). A statement that changes user_roles must therefore not read `users`
--    itself (MariaDB error 1442): select the user ids first, then change user_roles.
CREATE TABLE catalogue_meta (
  id      TINYINT UNSIGNED NOT NULL,
  version BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO catalogue_meta (id, version) VALUES (1, 1);

CREATE TRIGGER rights_ai AFTER INSERT ON rights FOR EACH ROW UPDATE catalogue_meta SET version = version + 1 WHERE id = 1;
CREATE TRIGGER rights_au AFTER UPDATE ON rights FOR EACH ROW UPDATE catalogue_meta SET version = version + 1 WHERE id = 1;
CREATE TRIGGER rights_ad AFTER DELETE ON rights FOR EACH ROW UPDATE catalogue_meta SET version = version + 1 WHERE id = 1;
CREATE TRIGGER roles_ai AFTER INSERT ON roles FOR EACH ROW UPDATE catalogue_meta SET version = version + 1 WHERE id = 1;
CREATE TRIGGER roles_au AFTER UPDATE ON roles FOR EACH ROW UPDATE catalogue_meta SET version = version + 1 WHERE id = 1;
CREATE TRIGGER roles_ad AFTER DELETE ON roles FOR EACH ROW UPDATE catalogue_meta SET version = version + 1 WHERE id = 1;
CREATE TRIGGER role_rights_ai AFTER INSERT ON role_rights FOR EACH ROW UPDATE catalogue_meta SET version = version + 1 WHERE id = 1;
CREATE TRIGGER role_rights_au AFTER UPDATE ON role_rights FOR EACH ROW UPDATE catalogue_meta SET version = version + 1 WHERE id = 1;
CREATE TRIGGER role_rights_ad AFTER DELETE ON role_rights FOR EACH ROW UPDATE catalogue_meta SET version = version + 1 WHERE id = 1;

ALTER TABLE users ADD COLUMN role_ids VARCHAR(2000) CHARACTER SET ascii NOT NULL DEFAULT '';

UPDATE users u SET u.role_ids = COALESCE((SELECT GROUP_CONCAT(ur.role_id ORDER BY ur.role_id)
  FROM user_roles ur WHERE ur.user_id = u.id), '');

CREATE TRIGGER user_roles_ai AFTER INSERT ON user_roles FOR EACH ROW
  UPDATE users u SET u.role_ids = COALESCE((SELECT GROUP_CONCAT(ur.role_id ORDER BY ur.role_id)
    FROM user_roles ur WHERE ur.user_id = u.id), '') WHERE u.id = NEW.user_id;
CREATE TRIGGER user_roles_au AFTER UPDATE ON user_roles FOR EACH ROW
  UPDATE users u SET u.role_ids = COALESCE((SELECT GROUP_CONCAT(ur.role_id ORDER BY ur.role_id)
    FROM user_roles ur WHERE ur.user_id = u.id), '') WHERE u.id IN (NEW.user_id, OLD.user_id);
CREATE TRIGGER user_roles_ad AFTER DELETE ON user_roles FOR EACH ROW
  UPDATE users u SET u.role_ids = COALESCE((SELECT GROUP_CONCAT(ur.role_id ORDER BY ur.role_id)
    FROM user_roles ur WHERE ur.user_id = u.id), '') WHERE u.id = OLD.user_id;
