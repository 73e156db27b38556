-- 027_reauth_resume.sql: a change that needed the password again is not lost (SES-07). The form the user sent is
-- kept with their session while they confirm their password, then offered once to send again; the row goes
-- when it is shown, when a newer form replaces it, and with the session.
CREATE TABLE session_resume (
  session_id BIGINT UNSIGNED NOT NULL,
  path       VARCHAR(255) NOT NULL,
  form       MEDIUMBLOB NOT NULL,
  back       VARCHAR(255) NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (session_id),
  CONSTRAINT fk_session_resume_session FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
