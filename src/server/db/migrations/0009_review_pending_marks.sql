-- Review queue marks (table review_pending), kept here so that every writer of history keeps them.
-- A reviewer (supervisor or admin) gets the company's changes of the last 30 days, or of any time after
-- their own review of the card; their own changes and catalog renames do not count. (The source is compared
-- as text: the 'catalog' value is added by 0007, in the same transaction on an upgrade.)
CREATE FUNCTION review_pending_backfill(reviewer uuid, company uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO review_pending (user_id, client_id, pending_since, last_changed_at, change_count)
  SELECT reviewer, h.client_id, min(h.changed_at), max(h.changed_at), count(*)
  FROM (
    SELECT client_id, changed_at, changed_by, source FROM attribute_history WHERE company_id = company
    UNION ALL SELECT client_id, changed_at, changed_by, source FROM client_tag_history WHERE company_id = company
    UNION ALL SELECT client_id, changed_at, changed_by, source FROM client_field_history WHERE company_id = company
  ) h
  LEFT JOIN client_reviews r ON r.client_id = h.client_id AND r.user_id = reviewer
  WHERE h.changed_by IS DISTINCT FROM reviewer AND h.source::text <> 'catalog'
    AND h.changed_at > coalesce(r.reviewed_at, now() - interval '30 days')
  GROUP BY h.client_id
  ON CONFLICT DO NOTHING
$$;
--> statement-breakpoint
-- New history rows mark their cards for every other reviewer of the company. Statement-level, so a batch
-- of rows costs one pass; ordered by card, so concurrent batches take the marks' locks in one order.
CREATE FUNCTION review_pending_mark() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO review_pending AS p (user_id, client_id, pending_since, last_changed_at, change_count)
  SELECT u.id, h.client_id, min(h.changed_at), max(h.changed_at), count(*)
  FROM changed h JOIN users u ON u.company_id = h.company_id AND u.role <> 'operator'
  WHERE h.changed_by IS DISTINCT FROM u.id AND h.source::text <> 'catalog'
  GROUP BY u.id, h.client_id
  ORDER BY h.client_id, u.id
  ON CONFLICT (user_id, client_id) DO UPDATE SET
    pending_since = least(p.pending_since, excluded.pending_since),
    last_changed_at = greatest(p.last_changed_at, excluded.last_changed_at),
    change_count = p.change_count + excluded.change_count;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER attribute_history_review_pending AFTER INSERT ON attribute_history
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION review_pending_mark();
--> statement-breakpoint
CREATE TRIGGER client_tag_history_review_pending AFTER INSERT ON client_tag_history
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION review_pending_mark();
--> statement-breakpoint
CREATE TRIGGER client_field_history_review_pending AFTER INSERT ON client_field_history
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION review_pending_mark();
--> statement-breakpoint
-- Becoming a reviewer fills the queue; ceasing to be one empties it.
CREATE FUNCTION review_pending_role() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.role = 'operator' THEN
    DELETE FROM review_pending WHERE user_id = NEW.id;
  ELSIF TG_OP = 'INSERT' OR OLD.role = 'operator' THEN
    PERFORM review_pending_backfill(NEW.id, NEW.company_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER users_review_pending AFTER INSERT OR UPDATE OF role ON users
  FOR EACH ROW EXECUTE FUNCTION review_pending_role();
--> statement-breakpoint
SELECT review_pending_backfill(id, company_id) FROM users WHERE role <> 'operator';
