-- 019_form_once.sql: a form sent twice stores once (DI-02). A form that creates something carries a one-time
-- token (32 random digits); the handler records it with the path of what it created, in the same
-- transaction. The same form again (a double click, or a retry after an answer that was lost) finds the
-- record and is sent to that path instead of creating a second row. portalctl nightly removes records
-- older than a day.

CREATE TABLE form_once (
  user_id    BIGINT UNSIGNED NOT NULL,
  token      CHAR(32) CHARACTER SET ascii NOT NULL,
  done_path  VARCHAR(300) NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, token),
  KEY ix_form_once_created (created_at),
  CONSTRAINT fk_form_once_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
