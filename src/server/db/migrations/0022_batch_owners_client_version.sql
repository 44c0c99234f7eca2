ALTER TYPE "public"."batch_status" ADD VALUE 'interrupted';--> statement-breakpoint
ALTER TABLE "change_batches" ADD COLUMN "owner" uuid;--> statement-breakpoint
ALTER TABLE "change_batches" ADD COLUMN "resume" jsonb;--> statement-breakpoint
ALTER TABLE "clients" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;