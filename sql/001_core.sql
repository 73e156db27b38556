-- 001_core.sql: organisations, users, sessions, the SMS challenge and outbox, throttling, the audit trail.
-- Times are UTC unix seconds (BIGINT) supplied by the application, so one clock (with its test offset)
-- governs every timeout. Every table: InnoDB, utf8mb4, a primary key.

CREATE TABLE organisations (
  id             BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  kind           ENUM('customer','vendor') NOT NULL DEFAULT 'customer',
  name           VARCHAR(200) NOT NULL,
  size_class     TINYINT UNSIGNED NOT NULL DEFAULT 1,
  quota_override INT UNSIGNED NULL,
  created_at     BIGINT NOT NULL,
  PRIMARY KEY (id),
  KEY ix_organisations_name (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE users (
  id                  BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  org_id              BIGINT UNSIGNED NOT NULL,
  email               VARCHAR(254) NOT NULL,
  -- the login must be unique among users that are not removed; a removed user's address can be reused
  email_live          VARCHAR(254) AS (IF(status = 'removed', NULL, email)) PERSISTENT,
  given_name          VARCHAR(100) NOT NULL,
  name_prefix         VARCHAR(30) NOT NULL DEFAULT '',
  family_name         VARCHAR(100) NOT NULL,
  mobile              VARCHAR(16) NULL,
  mobile_verified_at  BIGINT NULL,
  password_hash       VARCHAR(160) NULL,
  password_changed_at BIGINT NULL,
  status              ENUM('invited','active','disabled','removed') NOT NULL DEFAULT 'invited',
  certified_expert    TINYINT(1) NOT NULL DEFAULT 0,
  lang                CHAR(2) NULL,
  created_at          BIGINT NOT NULL,
  last_login_at       BIGINT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_users_email_live (email_live),
  KEY ix_users_org_status (org_id, status),
  CONSTRAINT fk_users_org FOREIGN KEY (org_id) REFERENCES organisations (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Only the SHA-256 of the session token is stored (SES-01).
CREATE TABLE sessions (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  token_hash   BINARY(32) NOT NULL,
  user_id      BIGINT UNSIGNED NOT NULL,
  stage        ENUM('pending','full') NOT NULL,
  created_at   BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  auth_at      BIGINT NULL,
  client_addr  VARCHAR(45) NOT NULL DEFAULT '',
  user_agent   VARCHAR(200) NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  UNIQUE KEY uq_sessions_token (token_hash),
  KEY ix_sessions_user (user_id),
  CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- SMS codes: only an HMAC of the code, bound to one half-logged-in session (AUTH-05).
CREATE TABLE sms_challenges (
  id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  session_id BIGINT UNSIGNED NOT NULL,
  user_id    BIGINT UNSIGNED NOT NULL,
  code_mac   BINARY(32) NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  attempts   TINYINT UNSIGNED NOT NULL DEFAULT 0,
  state      ENUM('open','used','void') NOT NULL DEFAULT 'open',
  PRIMARY KEY (id),
  KEY ix_sms_challenges_session (session_id, state),
  CONSTRAINT fk_sms_challenges_session FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE,
  CONSTRAINT fk_sms_challenges_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Outgoing SMS, drained by `portalctl sms-send`; rows are claimed with a random claim id.
CREATE TABLE sms_outbox (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  user_id     BIGINT UNSIGNED NULL,
  phone       VARCHAR(16) NOT NULL,
  body        VARCHAR(640) NOT NULL,
  client_addr VARCHAR(45) NOT NULL DEFAULT '',
  created_at  BIGINT NOT NULL,
  claim       BINARY(16) NULL,
  claimed_at  BIGINT NULL,
  sent_at     BIGINT NULL,
  attempts    INT UNSIGNED NOT NULL DEFAULT 0,
  last_error  VARCHAR(255) NULL,
  PRIMARY KEY (id),
  KEY ix_sms_outbox_pending (sent_at, id),
  KEY ix_sms_outbox_claim (claim),
  KEY ix_sms_outbox_user (user_id, created_at),
  KEY ix_sms_outbox_addr (client_addr, created_at),
  CONSTRAINT fk_sms_outbox_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Failure counters for login and second factor (AUTH-04, AUTH-06). The subject is an HMAC of the
-- typed e-mail address, the user id or the client address: the same for existing and unknown accounts.
CREATE TABLE auth_throttle (
  scope         TINYINT UNSIGNED NOT NULL,
  subject       BINARY(32) NOT NULL,
  failures      INT UNSIGNED NOT NULL DEFAULT 0,
  window_start  BIGINT NOT NULL,
  blocked_until BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (scope, subject)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The audit trail (LOG-01, LOG-02): insert-only. Triggers refuse UPDATE and DELETE for everyone;
-- the application's database user has no right to drop them (see README, database users).
CREATE TABLE audit_log (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  at          BIGINT NOT NULL,
  event       VARCHAR(40) NOT NULL,
  org_id      BIGINT UNSIGNED NULL,
  user_id     BIGINT UNSIGNED NULL,
  actor_id    BIGINT UNSIGNED NULL,
  client_addr VARCHAR(45) NOT NULL DEFAULT '',
  request_id  CHAR(16) NOT NULL DEFAULT '',
  detail      VARCHAR(1000) NOT NULL DEFAULT '',
  PRIMARY KEY (id),
  KEY ix_audit_org (org_id, id),
  KEY ix_audit_user (user_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only';

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW
  SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only';
