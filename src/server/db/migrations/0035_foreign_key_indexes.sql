DROP INDEX "comments_client_idx";--> statement-breakpoint
CREATE INDEX "messages_reply_to_idx" ON "messages" USING btree ("reply_to_message_id") WHERE "messages"."reply_to_message_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "privacy_requests_client_idx" ON "privacy_requests" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "suggestions_session_idx" ON "suggestions" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "suggestions_message_idx" ON "suggestions" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "comments_client_idx" ON "comments" USING btree ("client_id","created_at" DESC NULLS LAST);