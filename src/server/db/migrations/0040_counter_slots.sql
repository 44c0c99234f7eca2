ALTER TABLE "attribute_fill" DROP CONSTRAINT "attribute_fill_pkey";--> statement-breakpoint
ALTER TABLE "card_changes_daily" DROP CONSTRAINT "card_changes_daily_company_id_day_user_id_pk";--> statement-breakpoint
ALTER TABLE "tag_use_daily" DROP CONSTRAINT "tag_use_daily_tag_id_day_pk";--> statement-breakpoint
ALTER TABLE "attribute_fill" ADD COLUMN "slot" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "card_changes_daily" ADD COLUMN "slot" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "tag_use_daily" ADD COLUMN "slot" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "attribute_fill" ADD CONSTRAINT "attribute_fill_attribute_id_slot_pk" PRIMARY KEY("attribute_id","slot");--> statement-breakpoint
ALTER TABLE "card_changes_daily" ADD CONSTRAINT "card_changes_daily_company_id_day_user_id_slot_pk" PRIMARY KEY("company_id","day","user_id","slot");--> statement-breakpoint
ALTER TABLE "tag_use_daily" ADD CONSTRAINT "tag_use_daily_tag_id_day_slot_pk" PRIMARY KEY("tag_id","day","slot");--> statement-breakpoint
-- The card-quality counters of migration 0021, kept in slots so that two transactions writing at once (two chunks of
-- an import on two connections) never wait for each other's commit on one counter row. A transaction takes a slot no
-- other open transaction holds (an advisory lock until it ends, tried from its backend's number on, so a connection
-- mostly keeps its slot) and adds only to that slot's rows. Past 16 writers at once they share slots, and wait as
-- before. The existing figures stay in slot 0; readers add the slots up.
CREATE FUNCTION counter_slot() RETURNS smallint LANGUAGE plpgsql AS $$
BEGIN
  FOR i IN 0..15 LOOP
    IF pg_try_advisory_xact_lock(hashtext('counter_slot'), (pg_backend_pid() + i) % 16) THEN
      RETURN (pg_backend_pid() + i) % 16;
    END IF;
  END LOOP;
  RETURN pg_backend_pid() % 16;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION attribute_fill_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE my_slot smallint := counter_slot();
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO attribute_fill AS f (attribute_id, slot, filled)
    SELECT attribute_id, my_slot, count(*) FROM came WHERE value IS NOT NULL GROUP BY attribute_id ORDER BY attribute_id
    ON CONFLICT (attribute_id, slot) DO UPDATE SET filled = f.filled + excluded.filled;
  ELSE
    -- Values deleted with their parameter (a cascade) leave nothing to count.
    INSERT INTO attribute_fill AS f (attribute_id, slot, filled)
    SELECT g.attribute_id, my_slot, -count(*) FROM gone g
    WHERE g.value IS NOT NULL AND EXISTS (SELECT 1 FROM attributes a WHERE a.id = g.attribute_id)
    GROUP BY g.attribute_id ORDER BY g.attribute_id
    ON CONFLICT (attribute_id, slot) DO UPDATE SET filled = f.filled + excluded.filled;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION attribute_fill_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE my_slot smallint := counter_slot();
BEGIN
  INSERT INTO attribute_fill AS f (attribute_id, slot, filled)
  VALUES (NEW.attribute_id, my_slot, CASE WHEN NEW.value IS NULL THEN -1 ELSE 1 END)
  ON CONFLICT (attribute_id, slot) DO UPDATE SET filled = f.filled + excluded.filled;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION card_changes_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE my_slot smallint := counter_slot();
BEGIN
  INSERT INTO card_changes_daily AS d (company_id, day, user_id, slot, changes)
  SELECT h.company_id, (h.changed_at AT TIME ZONE c.time_zone)::date, coalesce(h.changed_by, '00000000-0000-0000-0000-000000000000'),
    my_slot, count(*)
  FROM changed h JOIN companies c ON c.id = h.company_id
  WHERE h.source::text <> 'catalog'
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (company_id, day, user_id, slot) DO UPDATE SET changes = d.changes + excluded.changes;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION client_tag_use_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE my_slot smallint := counter_slot();
BEGIN
  INSERT INTO tag_use_daily AS u (tag_id, day, slot, uses)
  SELECT h.tag_id, (h.changed_at AT TIME ZONE c.time_zone)::date, my_slot, count(*)
  FROM changed h JOIN companies c ON c.id = h.company_id WHERE h.action = 'added'
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (tag_id, day, slot) DO UPDATE SET uses = u.uses + excluded.uses;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION session_tag_use_count() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE my_slot smallint := counter_slot();
BEGIN
  INSERT INTO tag_use_daily AS u (tag_id, day, slot, uses)
  SELECT l.tag_id, (l.created_at AT TIME ZONE c.time_zone)::date, my_slot, count(*)
  FROM changed l JOIN tags t ON t.id = l.tag_id JOIN companies c ON c.id = t.company_id
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (tag_id, day, slot) DO UPDATE SET uses = u.uses + excluded.uses;
  RETURN NULL;
END $$;
