-- 002_rights.sql: rights, roles and who holds them, with the vendor's initial catalogue.
-- The catalogue expresses the four source portals as data: AIP's Klantbeeld and Financiële Documenten
-- (000), AFAS's roles (001/004), the back office's per-module view/change/new-input rights (002) and
-- the six dossier access profiles (003).

CREATE TABLE rights (
  id         INT UNSIGNED NOT NULL AUTO_INCREMENT,
  rkey       VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  scope      ENUM('org','dossier','vendor') NOT NULL DEFAULT 'org',
  label_nl   VARCHAR(200) NOT NULL,
  label_en   VARCHAR(200) NOT NULL,
  sort_order INT NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uq_rights_key (rkey)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE roles (
  id         INT UNSIGNED NOT NULL AUTO_INCREMENT,
  rkey       VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  kind       ENUM('org','profile','vendor') NOT NULL DEFAULT 'org',
  name_nl    VARCHAR(100) NOT NULL,
  name_en    VARCHAR(100) NOT NULL,
  sort_order INT NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uq_roles_key (rkey)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE role_rights (
  role_id  INT UNSIGNED NOT NULL,
  right_id INT UNSIGNED NOT NULL,
  PRIMARY KEY (role_id, right_id),
  KEY ix_role_rights_right (right_id),
  CONSTRAINT fk_role_rights_role FOREIGN KEY (role_id) REFERENCES roles (id) ON DELETE CASCADE,
  CONSTRAINT fk_role_rights_right FOREIGN KEY (right_id) REFERENCES rights (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE user_roles (
  user_id    BIGINT UNSIGNED NOT NULL,
  role_id    INT UNSIGNED NOT NULL,
  granted_by BIGINT UNSIGNED NULL,
  granted_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, role_id),
  KEY ix_user_roles_role (role_id),
  CONSTRAINT fk_user_roles_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
  CONSTRAINT fk_user_roles_role FOREIGN KEY (role_id) REFERENCES roles (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

INSERT INTO rights (rkey, scope, sort_order, label_nl, label_en) VALUES
 ('users.view',         'org', 10, 'Collega''s en hun rollen inzien', 'See colleagues and their roles'),
 ('users.manage',       'org', 11, 'Collega''s beheren en rollen toekennen', 'Manage colleagues and grant roles'),
 ('org.manage',         'org', 12, 'Organisatiegegevens aanpassen', 'Edit organisation data'),
 ('invoices.view',      'org', 13, 'Facturen raadplegen', 'View invoices'),
 ('audit.view',         'org', 14, 'Logboek van de organisatie inzien', 'View the organisation''s audit log'),
 ('support.grant',      'org', 15, 'Support tijdelijk toegang geven', 'Grant support temporary access'),
 ('incidents.submit',   'org', 20, 'Incidenten insturen en eigen incidenten inzien', 'Submit incidents and see own incidents'),
 ('incidents.view_all', 'org', 21, 'Alle incidenten van de organisatie inzien', 'See all incidents of the organisation'),
 ('courses.view',       'org', 22, 'Inschrijven voor cursussen en cursusmateriaal', 'Enrol in courses and use course material'),
 ('releasenotes.view',  'org', 23, 'Releasenotes raadplegen', 'Read release notes'),
 ('clients.view',       'org', 30, 'Klantbeeld: dossierinformatie van klanten', 'Client view: clients'' file information'),
 ('finance.documents',  'org', 31, 'Financiële documenten: rekening-courantpositie', 'Financial documents: current-account position'),
 ('relations.view',     'org', 40, 'Relaties (NAW belanghebbenden en adviseurs): kijken', 'Relations (parties and advisers): view'),
 ('relations.change',   'org', 41, 'Relaties: wijzigen', 'Relations: change'),
 ('relations.create',   'org', 42, 'Relaties: nieuwe input', 'Relations: new input'),
 ('policies.view',      'org', 43, 'Polisadministratie: kijken', 'Policies: view'),
 ('policies.change',    'org', 44, 'Polisadministratie: wijzigen', 'Policies: change'),
 ('policies.create',    'org', 45, 'Polisadministratie: nieuwe input', 'Policies: new input'),
 ('claims.view',        'org', 46, 'Schadeadministratie: kijken', 'Claims: view'),
 ('claims.change',      'org', 47, 'Schadeadministratie: wijzigen', 'Claims: change'),
 ('claims.create',      'org', 48, 'Schadeadministratie: nieuwe input', 'Claims: new input'),
 ('ledger.view',        'org', 49, 'Grootboek: kijken', 'General ledger: view'),
 ('ledger.change',      'org', 50, 'Grootboek: wijzigen', 'General ledger: change'),
 ('ledger.create',      'org', 51, 'Grootboek: nieuwe input', 'General ledger: new input'),
 ('debtors.view',       'org', 52, 'Rekening-courant debiteuren: kijken', 'Debtors'' current accounts: view'),
 ('debtors.change',     'org', 53, 'Rekening-courant debiteuren: wijzigen', 'Debtors'' current accounts: change'),
 ('debtors.create',     'org', 54, 'Rekening-courant debiteuren: nieuwe input', 'Debtors'' current accounts: new input'),
 ('creditors.view',     'org', 55, 'Rekening-courant crediteuren: kijken', 'Creditors'' current accounts: view'),
 ('creditors.change',   'org', 56, 'Rekening-courant crediteuren: wijzigen', 'Creditors'' current accounts: change'),
 ('creditors.create',   'org', 57, 'Rekening-courant crediteuren: nieuwe input', 'Creditors'' current accounts: new input'),
 ('products.view',      'org', 58, 'Productontwikkeling: kijken', 'Product development: view'),
 ('products.change',    'org', 59, 'Productontwikkeling: wijzigen', 'Product development: change'),
 ('products.create',    'org', 60, 'Productontwikkeling: nieuwe input', 'Product development: new input'),
 ('products.approve',   'org', 61, 'Producten goedkeuren voor testmodus', 'Approve products for test mode'),
 ('dossier.settings',   'dossier', 70, 'Dossierinstellingen beheren', 'Manage dossier settings'),
 ('documents.deliver',  'dossier', 71, 'Eigen documenten aanleveren en doorsturen', 'Deliver and forward own documents'),
 ('documents.process',  'dossier', 72, 'Documenten invoeren, verwerken en doorsturen', 'Enter, process and forward documents'),
 ('archive.view',       'dossier', 73, 'Digitaal archief inzien', 'View the digital archive'),
 ('reports.view',       'dossier', 74, 'Cijfers, rapporten en historiek inzien', 'View figures, reports and history'),
 ('payments.use',       'dossier', 75, 'Betaalmodule gebruiken', 'Use the payment module'),
 ('finance.view',       'dossier', 76, 'Menu Financieel (bankrekeningen)', 'Financial menu (bank accounts)'),
 ('incidents.handle',   'vendor', 90, 'Incidenten van klanten behandelen', 'Handle customers'' incidents'),
 ('orgs.manage',        'vendor', 91, 'Organisaties beheren', 'Manage organisations'),
 ('catalogue.manage',   'vendor', 92, 'Rollencatalogus beheren', 'Manage the role catalogue');

INSERT INTO roles (rkey, kind, sort_order, name_nl, name_en) VALUES
 ('beheerder',          'org', 10, 'Beheerder', 'Administrator'),
 ('medewerker',         'org', 11, 'Medewerker', 'Employee'),
 ('incidentenbeheer',   'org', 12, 'Incidentenbeheer', 'Incident submitter'),
 ('incidentmanagement', 'org', 13, 'Incidentmanagement', 'Incident management'),
 ('klantbeeld',         'org', 14, 'Klantbeeld', 'Client view'),
 ('financiele_documenten', 'org', 15, 'Financiële Documenten', 'Financial documents'),
 ('relations_view',     'org', 20, 'Relaties kijken', 'Relations view'),
 ('relations_change',   'org', 21, 'Relaties wijzigen', 'Relations change'),
 ('relations_create',   'org', 22, 'Relaties nieuwe input', 'Relations new input'),
 ('policies_view',      'org', 23, 'Polissen kijken', 'Policies view'),
 ('policies_change',    'org', 24, 'Polissen wijzigen', 'Policies change'),
 ('policies_create',    'org', 25, 'Polissen nieuwe input', 'Policies new input'),
 ('claims_view',        'org', 26, 'Schade kijken', 'Claims view'),
 ('claims_change',      'org', 27, 'Schade wijzigen', 'Claims change'),
 ('claims_create',      'org', 28, 'Schade nieuwe input', 'Claims new input'),
 ('ledger_view',        'org', 29, 'Grootboek kijken', 'Ledger view'),
 ('ledger_change',      'org', 30, 'Grootboek wijzigen', 'Ledger change'),
 ('ledger_create',      'org', 31, 'Grootboek nieuwe input', 'Ledger new input'),
 ('debtors_view',       'org', 32, 'Debiteuren kijken', 'Debtors view'),
 ('debtors_change',     'org', 33, 'Debiteuren wijzigen', 'Debtors change'),
 ('debtors_create',     'org', 34, 'Debiteuren nieuwe input', 'Debtors new input'),
 ('creditors_view',     'org', 35, 'Crediteuren kijken', 'Creditors view'),
 ('creditors_change',   'org', 36, 'Crediteuren wijzigen', 'Creditors change'),
 ('creditors_create',   'org', 37, 'Crediteuren nieuwe input', 'Creditors new input'),
 ('products_view',      'org', 38, 'Productontwikkeling kijken', 'Product development view'),
 ('products_change',    'org', 39, 'Productontwikkeling wijzigen', 'Product development change'),
 ('products_create',    'org', 40, 'Productontwikkeling nieuwe input', 'Product development new input'),
 ('products_approve',   'org', 41, 'Producten goedkeuren', 'Product approval'),
 ('profile_administrator',   'profile', 50, 'Administrator', 'Administrator'),
 ('profile_full_access',     'profile', 51, 'Full Access', 'Full Access'),
 ('profile_doc_processing',  'profile', 52, 'Document processing', 'Document processing'),
 ('profile_doc_archive',     'profile', 53, 'Document processing + Archive', 'Document processing + Archive'),
 ('profile_full_feedback',   'profile', 54, 'Full Feedback', 'Full Feedback'),
 ('profile_doc_delivery',    'profile', 55, 'Document Delivery', 'Document Delivery'),
 ('vendor_support',     'vendor', 90, 'Supportmedewerker', 'Support agent'),
 ('vendor_admin',       'vendor', 91, 'Leveranciersbeheerder', 'Vendor administrator');

-- role → rights, as (role key, right key) pairs
CREATE TEMPORARY TABLE seed_rr (role VARCHAR(64) CHARACTER SET ascii, rgt VARCHAR(64) CHARACTER SET ascii);
INSERT INTO seed_rr VALUES
 ('beheerder','users.view'), ('beheerder','users.manage'), ('beheerder','org.manage'),
 ('beheerder','invoices.view'), ('beheerder','audit.view'), ('beheerder','support.grant'),
 ('beheerder','incidents.view_all'), ('beheerder','courses.view'), ('beheerder','releasenotes.view'),
 ('medewerker','courses.view'), ('medewerker','releasenotes.view'),
 ('incidentenbeheer','incidents.submit'),
 ('incidentmanagement','incidents.view_all'),
 ('klantbeeld','clients.view'),
 ('financiele_documenten','finance.documents'),
 ('relations_view','relations.view'),
 ('relations_change','relations.view'), ('relations_change','relations.change'),
 ('relations_create','relations.view'), ('relations_create','relations.create'),
 ('policies_view','policies.view'),
 ('policies_change','policies.view'), ('policies_change','policies.change'),
 ('policies_create','policies.view'), ('policies_create','policies.create'),
 ('claims_view','claims.view'),
 ('claims_change','claims.view'), ('claims_change','claims.change'),
 ('claims_create','claims.view'), ('claims_create','claims.create'),
 ('ledger_view','ledger.view'),
 ('ledger_change','ledger.view'), ('ledger_change','ledger.change'),
 ('ledger_create','ledger.view'), ('ledger_create','ledger.create'),
 ('debtors_view','debtors.view'),
 ('debtors_change','debtors.view'), ('debtors_change','debtors.change'),
 ('debtors_create','debtors.view'), ('debtors_create','debtors.create'),
 ('creditors_view','creditors.view'),
 ('creditors_change','creditors.view'), ('creditors_change','creditors.change'),
 ('creditors_create','creditors.view'), ('creditors_create','creditors.create'),
 ('products_view','products.view'),
 ('products_change','products.view'), ('products_change','products.change'),
 ('products_create','products.view'), ('products_create','products.create'),
 ('products_approve','products.view'), ('products_approve','products.approve'),
 ('profile_administrator','dossier.settings'), ('profile_administrator','documents.deliver'),
 ('profile_administrator','documents.process'), ('profile_administrator','archive.view'),
 ('profile_administrator','reports.view'), ('profile_administrator','payments.use'),
 ('profile_administrator','finance.view'),
 ('profile_full_access','documents.deliver'), ('profile_full_access','documents.process'),
 ('profile_full_access','archive.view'), ('profile_full_access','reports.view'),
 ('profile_full_access','payments.use'), ('profile_full_access','finance.view'),
 ('profile_doc_processing','documents.deliver'), ('profile_doc_processing','documents.process'),
 ('profile_doc_archive','documents.deliver'), ('profile_doc_archive','documents.process'),
 ('profile_doc_archive','archive.view'),
 ('profile_full_feedback','archive.view'), ('profile_full_feedback','reports.view'),
 ('profile_full_feedback','payments.use'), ('profile_full_feedback','finance.view'),
 ('profile_doc_delivery','documents.deliver'),
 ('vendor_support','incidents.handle'),
 ('vendor_admin','incidents.handle'), ('vendor_admin','orgs.manage'), ('vendor_admin','catalogue.manage');

INSERT INTO role_rights (role_id, right_id)
  SELECT ro.id, ri.id FROM seed_rr s JOIN roles ro ON ro.rkey = s.role JOIN rights ri ON ri.rkey = s.rgt;

DROP TEMPORARY TABLE seed_rr;
