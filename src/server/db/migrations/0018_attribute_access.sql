CREATE TYPE "public"."attribute_editor" AS ENUM('all', 'supervisor', 'admin', 'api');--> statement-breakpoint
ALTER TYPE "public"."change_source" ADD VALUE 'override';--> statement-breakpoint
ALTER TABLE "attributes" ADD COLUMN "visible_to" "role"[] DEFAULT '{operator,supervisor,admin}'::role[] NOT NULL;--> statement-breakpoint
ALTER TABLE "attributes" ADD COLUMN "editable_by" "attribute_editor" DEFAULT 'all' NOT NULL;