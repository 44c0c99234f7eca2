-- A webhook's delivery keeps only its event's data: the Standard Webhooks envelope (type, timestamp, data) is
-- put together when it is sent or shown, from the row's event and created_at. Rows written before keep their
-- data; a dialogue's callbacks (webhook_id IS NULL) keep their whole TWIN body.
UPDATE "webhook_deliveries" SET "payload" = "payload" -> 'data' WHERE "webhook_id" IS NOT NULL AND "payload" ?& array['type', 'timestamp', 'data'];
