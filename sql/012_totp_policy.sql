-- 012_totp_policy.sql: an organisation may require the authenticator app of its admins (AUTH-08); they then
-- enrol one before anything else, as the vendor's staff always do.
ALTER TABLE organisations ADD COLUMN admins_need_app TINYINT(1) NOT NULL DEFAULT 0;
