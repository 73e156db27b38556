-- 021_org_open_incidents.sql: the vendor's list of customers (/orgs) shows per customer how many of its
-- incidents are open (not resolved or closed). Counting them per row read every open incident's index entry:
-- about 5,000 for a page of bench/gen.sh's data, and more with every busy customer. The count is kept here,
-- in the organisation's row, by triggers in the same transaction as the incident's change (a new incident, a
-- status that opens or closes it, one deleted), so it is exact at every commit and survives any crash with it.
-- Signed on purpose: a count that ever drifted shows as wrong rather than refusing the incident's change.
-- The triggers come first and the count is set after them: a change committed while this runs is counted once.

ALTER TABLE organisations ADD COLUMN open_incidents INT NOT NULL DEFAULT 0;

CREATE TRIGGER open_incidents_ai AFTER INSERT ON incidents FOR EACH ROW
  UPDATE organisations SET open_incidents = open_incidents + 1
    WHERE id = NEW.org_id AND NEW.status NOT IN ('resolved', 'closed');
CREATE TRIGGER open_incidents_au AFTER UPDATE ON incidents FOR EACH ROW
  UPDATE organisations
    SET open_incidents = open_incidents + (id = NEW.org_id AND NEW.status NOT IN ('resolved', 'closed'))
      - (id = OLD.org_id AND OLD.status NOT IN ('resolved', 'closed'))
    WHERE id IN (OLD.org_id, NEW.org_id)
      AND NOT (OLD.org_id <=> NEW.org_id
        AND (OLD.status IN ('resolved', 'closed')) <=> (NEW.status IN ('resolved', 'closed')));
CREATE TRIGGER open_incidents_ad AFTER DELETE ON incidents FOR EACH ROW
  UPDATE organisations SET open_incidents = open_incidents - 1
    WHERE id = OLD.org_id AND OLD.status NOT IN ('resolved', 'closed');

UPDATE organisations o
  SET o.open_incidents = (SELECT COUNT(*) FROM incidents i WHERE i.org_id = o.id AND i.status NOT IN ('resolved', 'closed'));
