-- 026_identity.sql: who can log in stays the customer's (ACC-07), and no form tells whether an address has an
-- account in another organisation.
--  * users.email_live, the login, is unique among colleagues who have an account (active or disabled); an invited
--    colleague holds no login yet. So an admin can invite an address that has an account elsewhere without being
--    told: the invitation mail tells its owner instead, and accepting it is refused. Within one organisation an
--    address is one colleague's (email_here), and the admin may be told who.
--  * user_tokens.void_reason: why a link stopped working before its time, for the colleague's page: the first
--    admin activated and ended the vendor's bootstrap (every link vendor staff sent there is void), or the
--    colleague's address or number changed (links sent to the old ones are void).
ALTER TABLE users
  DROP KEY uq_users_email_live,
  MODIFY COLUMN email_live VARCHAR(254) AS (IF(status IN ('active', 'disabled'), email, NULL)) PERSISTENT,
  ADD UNIQUE KEY uq_users_email_live (email_live),
  ADD COLUMN email_here VARCHAR(254) AS (IF(status = 'removed', NULL, email)) PERSISTENT AFTER email_live,
  ADD UNIQUE KEY uq_users_org_email_here (org_id, email_here);

ALTER TABLE user_tokens ADD COLUMN void_reason ENUM('bootstrap', 'changed') NULL;
