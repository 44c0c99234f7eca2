ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "webhook_deliveries_webhook_id_webhooks_id_fk";
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "webhook_deliveries_company_id_companies_id_fk";
--> statement-breakpoint
DROP INDEX "webhook_deliveries_queue_idx";--> statement-breakpoint
DROP INDEX "webhook_deliveries_created_idx";--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ALTER COLUMN "webhook_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "chats" ADD COLUMN "notify_on_events" text[];--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "channel_secret" text DEFAULT ('whsec_' || encode(decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'), 'base64')) NOT NULL;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "channel_previous_secret" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "channel_previous_secret_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "callback_url" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "callback_data" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "event_callback_url" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "event_callback_data" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "notify_on_events" text[];--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "chat_id" uuid;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "url" text;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_pending_idx" ON "webhook_deliveries" USING btree ("queue","seq") WHERE "webhook_deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_chat_log_idx" ON "webhook_deliveries" USING btree ("chat_id","seq") WHERE "webhook_deliveries"."chat_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_created_idx" ON "webhook_deliveries" USING brin ("created_at");--> statement-breakpoint
UPDATE "webhook_deliveries" SET "queue" = "webhook_id" || '/' || "queue";
