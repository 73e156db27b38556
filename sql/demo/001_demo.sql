-- 001_demo.sql: demo data for `make run` and the tests; never installed (AUTH-13).
-- One vendor and one customer organisation per source document; `portalctl demo` gives every active
-- user a fresh random password and writes them to var/demo-logins.txt.
SET @now = UNIX_TIMESTAMP();

INSERT INTO organisations (id, kind, name, size_class, created_at) VALUES
 (1, 'vendor',   'Poortwachter Support', 1, @now),
 (2, 'customer', 'Assurantiekantoor De Haan', 1, @now),        -- 000: an intermediary on AIP
 (3, 'customer', 'Bakkerij Van den Berg B.V.', 2, @now),       -- 001/004: an AFAS-style customer
 (4, 'customer', 'Zeeuwse Onderlinge Verzekeringen', 3, @now), -- 002: a back office run by a data centre
 (5, 'customer', 'Brasserie Het Anker BV', 1, @now);           -- 003: an accountant's client with dossiers

INSERT INTO users (id, org_id, email, given_name, name_prefix, family_name, mobile, mobile_verified_at, status, lang, created_at) VALUES
 (1,  1, 'sanne.devries@poortwachter.example', 'Sanne', 'de', 'Vries', '+31610000001', @now, 'active', 'nl', @now),
 (2,  1, 'ahmed.elamrani@poortwachter.example', 'Ahmed', '', 'El Amrani', '+31610000002', @now, 'active', 'nl', @now),
 (3,  2, 'pieter@dehaan-assurantien.example', 'Pieter', 'de', 'Haan', '+31610000003', @now, 'active', 'nl', @now),
 (4,  2, 'fleur@dehaan-assurantien.example', 'Fleur', '', 'Jansen', '+31610000004', @now, 'active', 'nl', @now),
 (5,  2, 'daan@dehaan-assurantien.example', 'Daan', '', 'Bakker', '+31610000005', @now, 'active', 'nl', @now),
 (6,  2, 'zoe@dehaan-assurantien.example', 'Zoë', 'van', 'Dijk', '+31610000006', @now, 'active', 'nl', @now),
 (7,  2, 'noah@dehaan-assurantien.example', 'Noah', '', 'Visser', NULL, NULL, 'invited', 'nl', @now),
 (8,  3, 'marieke@bakkerij-vandenberg.example', 'Marieke', 'van den', 'Berg', '+31610000008', @now, 'active', 'nl', @now),
 (9,  3, 'joost@bakkerij-vandenberg.example', 'Joost', '', 'Visser', '+31610000009', @now, 'active', 'nl', @now),
 (10, 3, 'anouk@bakkerij-vandenberg.example', 'Anouk', '', 'Smit', '+31610000010', @now, 'active', 'en', @now),
 (11, 3, 'script.test@bakkerij-vandenberg.example', '<script>alert(1)</script>', '', 'O''Hara', '+31610000011', @now, 'active', 'nl', @now),
 (12, 3, 'thijs@bakkerij-vandenberg.example', 'Thijs', '', 'Mulder', '+31610000012', @now, 'disabled', 'nl', @now),
 (13, 4, 'willem.kok@zeeuwse-onderlinge.example', 'Willem', '', 'Kok', '+31610000013', @now, 'active', 'nl', @now),
 (14, 4, 'sophie.meijer@zeeuwse-onderlinge.example', 'Sophie', '', 'Meijer', '+31610000014', @now, 'active', 'nl', @now),
 (15, 4, 'lars.degroot@zeeuwse-onderlinge.example', 'Lars', 'de', 'Groot', '+31610000015', @now, 'active', 'nl', @now),
 (16, 4, 'eva.bos@zeeuwse-onderlinge.example', 'Eva', '', 'Bos', '+31610000016', @now, 'active', 'nl', @now),
 (17, 5, 'ingrid@hetanker.example', 'Ingrid', '', 'Peeters', '+32470000017', @now, 'active', 'nl', @now),
 (18, 5, 'bram@hetanker.example', 'Bram', '', 'Willems', '+32470000018', @now, 'active', 'nl', @now),
 (19, 5, 'lotte@hetanker.example', 'Lotte', '', 'Claes', '+32470000019', @now, 'active', 'nl', @now),
 (20, 5, 'jeroen@hetanker.example', 'Jeroen', '', 'Maes', '+32470000020', @now, 'active', 'nl', @now),
 (21, 5, 'renee@hetanker.example', 'Renée', '', 'Dubois', '+32470000021', @now, 'active', 'nl', @now),
 (22, 5, 'kim@hetanker.example', 'Kim', '', 'Janssens', '+32470000022', @now, 'active', 'nl', @now);

-- Each customer uses its document's role set (sql/023); Incidentmanagement is switched on by the vendor for
-- Bakkerij Van den Berg only (document 004)
INSERT INTO org_role_sets (org_id, set_id, enabled_by, enabled_at)
  SELECT o.id, s.id, 1, @now FROM (SELECT 2 AS id, 'aip' AS skey UNION ALL SELECT 3, 'afas' UNION ALL
   SELECT 4, 'backoffice' UNION ALL SELECT 5, 'dossiers') o JOIN role_sets s ON s.skey = o.skey;
INSERT INTO org_roles (org_id, role_id, enabled_by, enabled_at) SELECT 3, id, 1, @now FROM roles WHERE rkey = 'incidentmanagement';

CREATE TEMPORARY TABLE demo_ur (user_id BIGINT UNSIGNED, role VARCHAR(64) CHARACTER SET ascii);
INSERT INTO demo_ur VALUES
 (1, 'vendor_admin'), (1, 'vendor_support'), (2, 'vendor_support'),
 (3, 'beheerder'), (3, 'klantbeeld'), (3, 'financiele_documenten'),
 (4, 'medewerker'), (4, 'klantbeeld'),
 (5, 'klantbeeld'), (5, 'financiele_documenten'),
 (6, 'medewerker'),
 (8, 'beheerder'), (9, 'medewerker'), (9, 'incidentenbeheer'),
 (10, 'medewerker'), (10, 'incidentmanagement'), (11, 'medewerker'), (12, 'medewerker'),
 (13, 'beheerder'), (13, 'products_approve'), (13, 'products_publish'),
 (14, 'relations_view'), (14, 'policies_change'), (14, 'claims_create'),
 (15, 'relations_create'), (15, 'ledger_view'), (15, 'products_create'),
 (16, 'debtors_create'), (16, 'creditors_create'), (16, 'ledger_change'),
 (17, 'beheerder'), (17, 'profile_administrator'),
 (18, 'profile_full_access'), (19, 'profile_doc_processing'), (20, 'profile_full_feedback'),
 (21, 'profile_doc_delivery'), (22, 'profile_doc_archive');
INSERT INTO user_roles (user_id, role_id, granted_at)
  SELECT d.user_id, r.id, @now FROM demo_ur d JOIN roles r ON r.rkey = d.role;
DROP TEMPORARY TABLE demo_ur;

-- Dossiers (document 003): Brasserie Het Anker's accountant keeps two dossiers; the second has no payment
-- module and no financial menu, so even Full Access sees neither there. Bakkerij Van den Berg has one, for
-- the isolation tests (its role set has no dossier profiles: only its admin sees the dossier). Ingrid
-- (Administrator profile and Beheerder) is responsible for both of Het Anker's.
INSERT INTO dossiers (id, org_id, name, modules, responsible_id, created_at) VALUES
 (1, 5, 'Brasserie Het Anker BV — boekhouding', 'documents,archive,reports,payments,finance', 17, @now),
 (2, 5, 'Het Anker Vastgoed BV', 'documents,archive,reports', 17, @now),
 (3, 3, 'Bakkerij Van den Berg — administratie', 'documents,archive,reports,payments,finance', 8, @now);
INSERT INTO dossier_users (dossier_id, user_id, assigned_by, assigned_at) VALUES
 (1, 17, 17, @now), (1, 18, 17, @now), (1, 19, 17, @now), (1, 20, 17, @now), (1, 21, 17, @now), (1, 22, 17, @now),
 (2, 17, 17, @now), (2, 18, 17, @now), (2, 20, 17, @now), (2, 21, 17, @now),
 (3, 8, 8, @now);
INSERT INTO dossier_accounts (dossier_id, iban, label) VALUES
 (1, 'BE71096123456769', 'Zichtrekening KBC'),
 (1, 'BE68539007547034', 'Spaarrekening'),
 (3, 'NL91ABNA0417164300', 'Lopende rekening');

-- Back office records (document 002) for Zeeuwse Onderlinge, and the client view / current account of
-- Assurantiekantoor De Haan (document 000).
INSERT INTO bo_records (org_id, module, ref, title, amount_cents, note, created_at) VALUES
 (4, 'relations', 'R-1001', 'J. de Wit, Middelburg', 0, 'Belanghebbende; adviseur: Kok Advies', @now),
 (4, 'policies', 'P-2001', 'Opstalverzekering J. de Wit', 42000, 'Jaarpremie', @now),
 (4, 'claims', 'S-3001', 'Stormschade dak, J. de Wit', 185000, 'In behandeling', @now),
 (4, 'ledger', 'G-8000', 'Premie-opbrengsten', 4200000, '', @now),
 (4, 'debtors', 'D-1001', 'J. de Wit', 42000, 'Premiefactuur 2026', @now),
 (4, 'creditors', 'C-5001', 'Dakdekker Zeeland BV', -185000, 'Schade S-3001', @now),
 (4, 'products', 'PR-1', 'Fietsverzekering', 0, 'Concept', @now),
 (2, 'relations', 'K-0001', 'Familie Bakker, Utrecht', 0, 'Klantdossier', @now),
 (2, 'debtors', 'RC-2026', 'Rekening-courant Aegon', 1250000, 'Provisie en premies', @now),
 (3, 'relations', 'B-0001', 'Groothandel Meel BV', 0, 'Leverancier', @now);

-- Incidents (documents 001/004): Joost (Incidentenbeheer) of Bakkerij Van den Berg has submitted two; support
-- answered the first.
INSERT INTO incidents (id, org_id, submitter_id, title, body, category, priority, status, handler_id, form_token, created_at, updated_at) VALUES
 (1, 3, 9, 'Loonstrook geeft een foutmelding', 'Bij het afdrukken van de loonstroken van november krijgen we melding 4012.', 'error', 'high', 'waiting', 2, 'demo0000000000000000000000000001', @now - 86400, @now - 3600),
 (2, 3, 9, 'Vraag over de jaarafsluiting', 'Wanneer moeten we de jaarafsluiting uiterlijk klaar hebben?', 'question', 'normal', 'new', NULL, 'demo0000000000000000000000000002', @now - 7200, @now - 7200);
INSERT INTO incident_messages (incident_id, author_id, from_vendor, body, created_at) VALUES
 (1, 2, 1, 'Dank voor uw melding. Kunt u een schermafdruk van de foutmelding sturen?', @now - 3600);

-- Announcements (documents 000/004): one for everyone, one for application managers only. Pieter gets e-mails
-- about new features; Marieke ticked "Applicatiebeheer" as her role.
INSERT INTO news (id, topic_id, job_role_id, title, body, author_id, published_at) VALUES
 (1, (SELECT id FROM news_topics WHERE tkey = 'new'), NULL, 'Nieuw: support tijdelijk toegang geven',
  'Onder "Toegang voor support" geeft een beheerder support voortaan zelf tijdelijk toegang, bevestigd met de authenticator-app.\nU ziet precies wat support bekeek.', 1, @now - 86400),
 (2, (SELECT id FROM news_topics WHERE tkey = 'maintenance'), (SELECT id FROM job_roles WHERE jkey = 'appbeheer'),
  'Onderhoud zaterdag 06:00-08:00', 'Het portaal is zaterdag tussen 06:00 en 08:00 niet bereikbaar.', 1, @now - 3600);
INSERT INTO user_news_topics (user_id, topic_id) SELECT 3, id FROM news_topics WHERE tkey = 'new';
INSERT INTO user_job_roles (user_id, job_role_id) SELECT 8, id FROM job_roles WHERE jkey = 'appbeheer';
