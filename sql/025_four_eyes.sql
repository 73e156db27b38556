-- 025_four_eyes.sql: every approval is by another person than the maker (ACC-04, document 002: "volledig
-- goedgekeurd door een daartoe bevoegde persoon"). A product goes from draft to test mode by a holder of
-- products.approve, and from test mode to in use ("live": offered on the websites of the organisation and its
-- intermediaries) by a holder of products.publish; neither may be the one who created or last changed it, and
-- each step keeps who and when. A change sends a product back to draft (the statements in lib/sql.c).
ALTER TABLE bo_records
  MODIFY COLUMN status ENUM('draft','test','live') NOT NULL DEFAULT 'draft',
  ADD COLUMN published_by BIGINT UNSIGNED NULL AFTER approved_at,
  ADD COLUMN published_at BIGINT NULL AFTER published_by;

INSERT INTO rights (rkey, scope, sort_order, label_nl, label_en) VALUES
 ('products.publish', 'org', 62, 'Producten in gebruik nemen (aanbieden) na de testmodus',
  'Put products in use (offer them) after test mode');
UPDATE rights SET label_nl = 'Producten goedkeuren voor de testmodus', label_en = 'Approve products for test mode'
  WHERE rkey = 'products.approve';
INSERT INTO roles (rkey, kind, sort_order, name_nl, name_en) VALUES
 ('products_publish', 'org', 42, 'Producten in gebruik nemen', 'Product publication');
INSERT INTO role_rights (role_id, right_id)
  SELECT ro.id, ri.id FROM roles ro JOIN rights ri ON ri.rkey IN ('products.view', 'products.publish')
  WHERE ro.rkey = 'products_publish';
INSERT INTO role_set_roles (set_id, role_id)
  SELECT s.id, r.id FROM role_sets s JOIN roles r ON r.rkey = 'products_publish' WHERE s.skey = 'backoffice';
