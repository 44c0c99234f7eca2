CREATE TABLE "duplicate_keys" (
	"company_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"clients" integer NOT NULL,
	CONSTRAINT "duplicate_keys_company_id_kind_key_pk" PRIMARY KEY("company_id","kind","key")
);
--> statement-breakpoint
CREATE INDEX "duplicate_keys_shared_idx" ON "duplicate_keys" USING btree ("company_id") WHERE "duplicate_keys"."clients" > 1;--> statement-breakpoint
-- The keys a client counts under: the phone's last 10 digits (+7 and 8 agree) and the e-mail in lower case, the
-- expressions of the indexes clients_phone_key_idx and clients_email_key_idx, which find a key's clients.
CREATE FUNCTION client_keys(phone_digits text, email text) RETURNS TABLE (kind text, key text) LANGUAGE sql IMMUTABLE AS $$
  SELECT * FROM (VALUES ('phone', CASE WHEN length(phone_digits) >= 10 THEN right(phone_digits, 10) END),
    ('email', lower(nullif(email, '')))) k(kind, key) WHERE key IS NOT NULL
$$;
--> statement-breakpoint
-- Adds clients to their keys (a negative count takes them off). Keys gaining clients are upserted in one ordered
-- pass, so that concurrent writers lock them in the same order; keys losing clients are only ever updated (never
-- made anew: a company being deleted takes its keys and its clients in either order), and go when none is left.
CREATE FUNCTION duplicate_keys_count(company_ids uuid[], kinds text[], keys text[], ns int[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO duplicate_keys AS k (company_id, kind, key, clients)
  SELECT company_id, kind, key, sum(n) FROM unnest(company_ids, kinds, keys, ns) x(company_id, kind, key, n)
  GROUP BY 1, 2, 3 HAVING sum(n) > 0 ORDER BY 1, 2, 3
  ON CONFLICT (company_id, kind, key) DO UPDATE SET clients = k.clients + excluded.clients;
  UPDATE duplicate_keys k SET clients = k.clients + d.n
  FROM (SELECT company_id, kind, key, sum(n)::int AS n FROM unnest(company_ids, kinds, keys, ns) x(company_id, kind, key, n)
    GROUP BY 1, 2, 3 HAVING sum(n) < 0 ORDER BY 1, 2, 3) d
  WHERE k.company_id = d.company_id AND k.kind = d.kind AND k.key = d.key;
  DELETE FROM duplicate_keys k USING unnest(company_ids, kinds, keys, ns) x(company_id, kind, key, n)
  WHERE x.n < 0 AND k.company_id = x.company_id AND k.kind = x.kind AND k.key = x.key AND k.clients <= 0;
END $$;
--> statement-breakpoint
CREATE FUNCTION duplicate_keys_came() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM duplicate_keys_count(array_agg(c.company_id), array_agg(k.kind), array_agg(k.key), array_agg(1))
  FROM came c, client_keys(c.phone_digits, c.email) k;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION duplicate_keys_went() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM duplicate_keys_count(array_agg(c.company_id), array_agg(k.kind), array_agg(k.key), array_agg(-1))
  FROM went c, client_keys(c.phone_digits, c.email) k;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION duplicate_keys_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM duplicate_keys_count(array_agg(x.company_id), array_agg(x.kind), array_agg(x.key), array_agg(x.n)) FROM (
    SELECT OLD.company_id AS company_id, k.kind, k.key, -1 AS n FROM client_keys(OLD.phone_digits, OLD.email) k
    UNION ALL
    SELECT NEW.company_id, k.kind, k.key, 1 FROM client_keys(NEW.phone_digits, NEW.email) k) x;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER clients_duplicate_keys_insert AFTER INSERT ON clients
  REFERENCING NEW TABLE AS came FOR EACH STATEMENT EXECUTE FUNCTION duplicate_keys_came();
--> statement-breakpoint
CREATE TRIGGER clients_duplicate_keys_update AFTER UPDATE OF phone, email ON clients
  FOR EACH ROW WHEN (OLD.phone_digits IS DISTINCT FROM NEW.phone_digits OR lower(OLD.email) IS DISTINCT FROM lower(NEW.email))
  EXECUTE FUNCTION duplicate_keys_changed();
--> statement-breakpoint
CREATE TRIGGER clients_duplicate_keys_delete AFTER DELETE ON clients
  REFERENCING OLD TABLE AS went FOR EACH STATEMENT EXECUTE FUNCTION duplicate_keys_went();
--> statement-breakpoint
-- Counts every key again from the clients: on upgrade, and after a load made with triggers off.
CREATE FUNCTION duplicate_keys_backfill() RETURNS void LANGUAGE sql AS $$
  DELETE FROM duplicate_keys;
  INSERT INTO duplicate_keys (company_id, kind, key, clients)
  SELECT c.company_id, k.kind, k.key, count(*) FROM clients c, client_keys(c.phone_digits, c.email) k GROUP BY 1, 2, 3;
$$;
--> statement-breakpoint
SELECT duplicate_keys_backfill();
