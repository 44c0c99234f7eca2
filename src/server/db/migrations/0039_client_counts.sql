CREATE TABLE "client_counts" (
	"company_id" uuid NOT NULL,
	"clients" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "client_counts" ADD CONSTRAINT "client_counts_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_counts_company_idx" ON "client_counts" USING btree ("company_id");--> statement-breakpoint
-- Clients per company, for "Качество карточек": each statement adding clients appends their number, each deleting
-- them appends it negative. Only appends, so that an import and a dialogue started with a new client never wait
-- on one another's counter row. Clients deleted with their company (a cascade) append nothing.
CREATE FUNCTION client_counts_came() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO client_counts (company_id, clients) SELECT company_id, count(*) FROM came GROUP BY company_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION client_counts_went() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO client_counts (company_id, clients)
  SELECT w.company_id, -count(*) FROM went w WHERE EXISTS (SELECT 1 FROM companies c WHERE c.id = w.company_id)
  GROUP BY w.company_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER clients_count_insert AFTER INSERT ON clients
  REFERENCING NEW TABLE AS came FOR EACH STATEMENT EXECUTE FUNCTION client_counts_came();
--> statement-breakpoint
CREATE TRIGGER clients_count_delete AFTER DELETE ON clients
  REFERENCING OLD TABLE AS went FOR EACH STATEMENT EXECUTE FUNCTION client_counts_went();
--> statement-breakpoint
-- Counted from the clients: on upgrade, and after a load made with triggers off.
CREATE OR REPLACE FUNCTION card_stats_backfill() RETURNS void LANGUAGE sql AS $$
  DELETE FROM attribute_fill;
  DELETE FROM card_changes_daily;
  DELETE FROM tag_use_daily;
  DELETE FROM client_counts;
  INSERT INTO client_counts (company_id, clients) SELECT company_id, count(*) FROM clients GROUP BY company_id;
  INSERT INTO attribute_fill (attribute_id, filled)
    SELECT attribute_id, count(*) FROM attribute_values WHERE value IS NOT NULL GROUP BY attribute_id;
  INSERT INTO card_changes_daily (company_id, day, user_id, changes)
    SELECT h.company_id, (h.changed_at AT TIME ZONE c.time_zone)::date, coalesce(h.changed_by, '00000000-0000-0000-0000-000000000000'), count(*)
    FROM (
      SELECT company_id, changed_at, changed_by, source FROM attribute_history
      UNION ALL SELECT company_id, changed_at, changed_by, source FROM client_tag_history
      UNION ALL SELECT company_id, changed_at, changed_by, source FROM client_field_history
    ) h JOIN companies c ON c.id = h.company_id
    WHERE h.source::text <> 'catalog' GROUP BY 1, 2, 3;
  INSERT INTO tag_use_daily (tag_id, day, uses)
    SELECT tag_id, day, sum(n) FROM (
      SELECT h.tag_id, (h.changed_at AT TIME ZONE c.time_zone)::date AS day, count(*) AS n
        FROM client_tag_history h JOIN companies c ON c.id = h.company_id WHERE h.action = 'added' GROUP BY 1, 2
      UNION ALL SELECT l.tag_id, (l.created_at AT TIME ZONE c.time_zone)::date, count(*)
        FROM session_tags l JOIN tags t ON t.id = l.tag_id JOIN companies c ON c.id = t.company_id GROUP BY 1, 2
    ) x GROUP BY 1, 2;
$$;
--> statement-breakpoint
INSERT INTO client_counts (company_id, clients) SELECT company_id, count(*) FROM clients GROUP BY company_id;
