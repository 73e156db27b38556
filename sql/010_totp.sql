-- 010_totp.sql: the authenticator app (RFC 6238; AUTH-08, AUTH-12, CRY-03). Secrets are stored only sealed
-- (AES-256-GCM, lib/totp.c) under a key that lives in a file outside the database; totp_last_step refuses a
-- code of a step already used (replay). An enrolment is pending until the user enters a right code.
ALTER TABLE users
  ADD COLUMN totp_secret      VARBINARY(92) NULL,
  ADD COLUMN totp_pending     VARBINARY(92) NULL,
  ADD COLUMN totp_pending_at  BIGINT NULL,
  ADD COLUMN totp_last_step   BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN totp_enabled_at  BIGINT NULL,
  ADD COLUMN second_factor    ENUM('sms','totp') NOT NULL DEFAULT 'sms';
