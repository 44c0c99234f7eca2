-- Trigram indexes (next migration) make keyword search (ILIKE '%…%') fast on large directories.
-- pg_trgm is a trusted extension: the database owner may create it without superuser rights.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
