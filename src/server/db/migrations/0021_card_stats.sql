CREATE TABLE "attribute_fill" (
	"attribute_id" uuid PRIMARY KEY NOT NULL,
	"filled" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "card_changes_daily" (
	"company_id" uuid NOT NULL,
	"day" date NOT NULL,
	"user_id" uuid NOT NULL,
	"changes" integer NOT NULL,
	CONSTRAINT "card_changes_daily_company_id_day_user_id_pk" PRIMARY KEY("company_id","day","user_id")
);
--> statement-breakpoint
CREATE TABLE "tag_use_daily" (
	"tag_id" uuid NOT NULL,
	"day" date NOT NULL,
	"uses" integer NOT NULL,
	CONSTRAINT "tag_use_daily_tag_id_day_pk" PRIMARY KEY("tag_id","day")
);
--> statement-breakpoint
ALTER TABLE "attribute_fill" ADD CONSTRAINT "attribute_fill_attribute_id_attributes_id_fk" FOREIGN KEY ("attribute_id") REFERENCES "public"."attributes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_changes_daily" ADD CONSTRAINT "card_changes_daily_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tag_use_daily" ADD CONSTRAINT "tag_use_daily_tag_id_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Clients with a value, per attribute. Inserts and deletes are counted per statement, so an import or a bulk
-- edit of 50,000 values costs one pass; an update only when a value appears or goes (a row trigger with a
-- WHEN that most edits, one value for another, do not even call).
CREATE FUNCTION attribute_fill_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO attribute_fill AS f (attribute_id, filled)
    SELECT attribute_id, count(*) FROM came WHERE value IS NOT NULL GROUP BY attribute_id ORDER BY attribute_id
    ON CONFLICT (attribute_id) DO UPDATE SET filled = f.filled + excluded.filled;
  ELSE
    UPDATE attribute_fill f SET filled = f.filled - g.n
    FROM (SELECT attribute_id, count(*) AS n FROM gone WHERE value IS NOT NULL GROUP BY attribute_id) g
    WHERE f.attribute_id = g.attribute_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION attribute_fill_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO attribute_fill AS f (attribute_id, filled) VALUES (NEW.attribute_id, CASE WHEN NEW.value IS NULL THEN -1 ELSE 1 END)
  ON CONFLICT (attribute_id) DO UPDATE SET filled = f.filled + excluded.filled;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER attribute_values_fill_insert AFTER INSERT ON attribute_values
  REFERENCING NEW TABLE AS came FOR EACH STATEMENT EXECUTE FUNCTION attribute_fill_count();
--> statement-breakpoint
CREATE TRIGGER attribute_values_fill_update AFTER UPDATE OF value ON attribute_values
  FOR EACH ROW WHEN ((OLD.value IS NULL) IS DISTINCT FROM (NEW.value IS NULL)) EXECUTE FUNCTION attribute_fill_update();
--> statement-breakpoint
CREATE TRIGGER attribute_values_fill_delete AFTER DELETE ON attribute_values
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION attribute_fill_count();
--> statement-breakpoint
-- Changes per day (in the company's time zone) and author; catalog renames are not anyone's work on a card.
CREATE FUNCTION card_changes_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO card_changes_daily AS d (company_id, day, user_id, changes)
  SELECT h.company_id, (h.changed_at AT TIME ZONE c.time_zone)::date, coalesce(h.changed_by, '00000000-0000-0000-0000-000000000000'), count(*)
  FROM changed h JOIN companies c ON c.id = h.company_id
  WHERE h.source::text <> 'catalog'
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (company_id, day, user_id) DO UPDATE SET changes = d.changes + excluded.changes;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER attribute_history_daily AFTER INSERT ON attribute_history
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION card_changes_count();
--> statement-breakpoint
CREATE TRIGGER client_tag_history_daily AFTER INSERT ON client_tag_history
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION card_changes_count();
--> statement-breakpoint
CREATE TRIGGER client_field_history_daily AFTER INSERT ON client_field_history
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION card_changes_count();
--> statement-breakpoint
-- Tags put on, per tag and day: client tags from their history, session tags from their links.
CREATE FUNCTION client_tag_use_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tag_use_daily AS u (tag_id, day, uses)
  SELECT h.tag_id, (h.changed_at AT TIME ZONE c.time_zone)::date, count(*)
  FROM changed h JOIN companies c ON c.id = h.company_id WHERE h.action = 'added'
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (tag_id, day) DO UPDATE SET uses = u.uses + excluded.uses;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER client_tag_history_use AFTER INSERT ON client_tag_history
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION client_tag_use_count();
--> statement-breakpoint
CREATE FUNCTION session_tag_use_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tag_use_daily AS u (tag_id, day, uses)
  SELECT l.tag_id, (l.created_at AT TIME ZONE c.time_zone)::date, count(*)
  FROM changed l JOIN tags t ON t.id = l.tag_id JOIN companies c ON c.id = t.company_id
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (tag_id, day) DO UPDATE SET uses = u.uses + excluded.uses;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER session_tags_use AFTER INSERT ON session_tags
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION session_tag_use_count();
--> statement-breakpoint
-- The figures from what is already there: on this upgrade, and after a bulk load with triggers off (the bench).
CREATE FUNCTION card_stats_backfill() RETURNS void LANGUAGE sql AS $$
  DELETE FROM attribute_fill;
  DELETE FROM card_changes_daily;
  DELETE FROM tag_use_daily;
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
SELECT card_stats_backfill();
