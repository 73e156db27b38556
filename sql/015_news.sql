-- 015_news.sql: announcements and release notes from the vendor (documents 000 and 004). A note has a topic
-- ("Nieuw in de portal", "Onderhoud", ...) and is addressed to everyone with releasenotes.view, or only to
-- those among them who ticked a given role in their organisation (a "job role", e.g. applicatiebeheer).
-- Users opt in per topic in Mijn account and then get an e-mail when a note is published.

CREATE TABLE news_topics (
  id         INT UNSIGNED NOT NULL AUTO_INCREMENT,
  tkey       VARCHAR(32) CHARACTER SET ascii NOT NULL,
  name_nl    VARCHAR(100) NOT NULL,
  name_en    VARCHAR(100) NOT NULL,
  sort_order INT NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uq_news_topics_key (tkey)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO news_topics (tkey, sort_order, name_nl, name_en) VALUES
 ('new',         10, 'Nieuw in de portal', 'New in the portal'),
 ('releases',    20, 'Releasenotes', 'Release notes'),
 ('maintenance', 30, 'Onderhoud en storingen', 'Maintenance and outages'),
 ('courses',     40, 'Cursussen en webinars', 'Courses and webinars');

CREATE TABLE job_roles (
  id         INT UNSIGNED NOT NULL AUTO_INCREMENT,
  jkey       VARCHAR(32) CHARACTER SET ascii NOT NULL,
  name_nl    VARCHAR(100) NOT NULL,
  name_en    VARCHAR(100) NOT NULL,
  sort_order INT NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uq_job_roles_key (jkey)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO job_roles (jkey, sort_order, name_nl, name_en) VALUES
 ('appbeheer',  10, 'Applicatiebeheer', 'Application management'),
 ('finance',    20, 'Financiële administratie', 'Financial administration'),
 ('management', 30, 'Directie', 'Management'),
 ('ict',        40, 'ICT en systeembeheer', 'IT and system administration'),
 ('hr',         50, 'Personeelszaken', 'Human resources');

CREATE TABLE user_news_topics (
  user_id  BIGINT UNSIGNED NOT NULL,
  topic_id INT UNSIGNED NOT NULL,
  PRIMARY KEY (user_id, topic_id),
  KEY ix_unt_topic (topic_id, user_id),
  CONSTRAINT fk_unt_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_unt_topic FOREIGN KEY (topic_id) REFERENCES news_topics (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE user_job_roles (
  user_id     BIGINT UNSIGNED NOT NULL,
  job_role_id INT UNSIGNED NOT NULL,
  PRIMARY KEY (user_id, job_role_id),
  KEY ix_ujr_role (job_role_id, user_id),
  CONSTRAINT fk_ujr_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_ujr_role FOREIGN KEY (job_role_id) REFERENCES job_roles (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE news (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  topic_id     INT UNSIGNED NOT NULL,
  job_role_id  INT UNSIGNED NULL,            -- NULL: everyone with releasenotes.view
  title        VARCHAR(200) NOT NULL,
  body         TEXT NOT NULL,
  author_id    BIGINT UNSIGNED NULL,
  published_at BIGINT NOT NULL,
  mailed       INT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  KEY ix_news_published (published_at, id),
  CONSTRAINT fk_news_topic FOREIGN KEY (topic_id) REFERENCES news_topics (id),
  CONSTRAINT fk_news_role FOREIGN KEY (job_role_id) REFERENCES job_roles (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- publishing is the vendor's (its administrator by default)
INSERT INTO rights (rkey, scope, sort_order, label_nl, label_en) VALUES
 ('news.publish', 'vendor', 93, 'Berichten en releasenotes publiceren', 'Publish announcements and release notes');
INSERT INTO role_rights (role_id, right_id)
  SELECT ro.id, ri.id FROM roles ro JOIN rights ri ON ri.rkey = 'news.publish' WHERE ro.rkey = 'vendor_admin';
