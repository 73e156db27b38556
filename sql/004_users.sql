-- 004_users.sql: what user management needs: the mail outbox, single-use e-mailed tokens (invitation,
-- password reset, e-mail change), index-backed sort keys for the colleagues overview, and the number an
-- SMS code went to (so a right code confirms exactly that number, AUTH-10).

-- Outgoing e-mail, drained by `portalctl send` like the SMS outbox: rows are claimed with a random claim id.
CREATE TABLE mail_outbox (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  user_id     BIGINT UNSIGNED NULL,
  to_addr     VARCHAR(254) NOT NULL,
  subject     VARCHAR(200) NOT NULL,
  body        TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  claim       BINARY(16) NULL,
  claimed_at  BIGINT NULL,
  sent_at     BIGINT NULL,
  attempts    INT UNSIGNED NOT NULL DEFAULT 0,
  last_error  VARCHAR(255) NULL,
  PRIMARY KEY (id),
  KEY ix_mail_outbox_pending (sent_at, id),
  KEY ix_mail_outbox_claim (claim),
  KEY ix_mail_outbox_user (user_id, created_at),
  CONSTRAINT fk_mail_outbox_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Tokens sent by e-mail: only the SHA-256 of the token is stored; single use (used_at), bounded life
-- (AUTH-11: reset ≤ 1 hour; AUTH-13: invitation ≤ 72 hours). A new token of a purpose voids the older ones.
CREATE TABLE user_tokens (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  user_id     BIGINT UNSIGNED NOT NULL,
  purpose     ENUM('invite','reset','email') NOT NULL,
  token_hash  BINARY(32) NOT NULL,
  new_email   VARCHAR(254) NULL,
  created_by  BIGINT UNSIGNED NULL,
  created_at  BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL,
  used_at     BIGINT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_user_tokens_hash (token_hash),
  KEY ix_user_tokens_user (user_id, purpose),
  CONSTRAINT fk_user_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Sort keys of the colleagues overview, each with an index that starts with the organisation, so a page
-- is a range read of at most one page of rows whatever the organisation's size (keyset pagination).
ALTER TABLE users
  ADD COLUMN name_key VARCHAR(240) AS (CONCAT(family_name, ' ', given_name, ' ', name_prefix)) PERSISTENT,
  ADD COLUMN login_key BIGINT AS (COALESCE(last_login_at, 0)) PERSISTENT,
  ADD KEY ix_users_org_name (org_id, name_key, id),
  ADD KEY ix_users_org_email (org_id, email, id),
  ADD KEY ix_users_org_login (org_id, login_key, id),
  ADD KEY ix_users_org_status_mobile (org_id, status, mobile_verified_at);

ALTER TABLE sms_challenges ADD COLUMN phone VARCHAR(16) NULL AFTER user_id;

-- The organisation of each role holder, so "the admins of this organisation" is an index range of that
-- organisation's rows (last-admin guard, holiday checklist) instead of every organisation's admins.
-- A trigger fills it from the user (a user never changes organisation).
ALTER TABLE user_roles ADD COLUMN org_id BIGINT UNSIGNED NOT NULL DEFAULT 0 AFTER user_id;
CREATE TEMPORARY TABLE user_org AS SELECT id, org_id FROM users;
UPDATE user_roles ur JOIN user_org t ON t.id = ur.user_id SET ur.org_id = t.org_id;
DROP TEMPORARY TABLE user_org;
ALTER TABLE user_roles ADD KEY ix_user_roles_org (org_id, role_id, user_id);
CREATE TRIGGER user_roles_bi BEFORE INSERT ON user_roles FOR EACH ROW
  SET NEW.org_id = (SELECT u.org_id FROM users u WHERE u.id = NEW.user_id);
