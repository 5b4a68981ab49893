CREATE TABLE "hook_refusals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" integer NOT NULL,
	"error" text NOT NULL,
	"fields" jsonb,
	"excerpt" text
);
--> statement-breakpoint
CREATE TABLE "call_payloads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"integration_id" uuid,
	"provider" text NOT NULL,
	"content_type" text,
	"body" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"times_received" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "calls" ADD COLUMN "vendor_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "transcript_segments" ADD COLUMN "speaker_role" text;--> statement-breakpoint
ALTER TABLE "hook_refusals" ADD CONSTRAINT "hook_refusals_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hook_refusals" ADD CONSTRAINT "hook_refusals_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_payloads" ADD CONSTRAINT "call_payloads_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_payloads" ADD CONSTRAINT "call_payloads_org_id_call_id_calls_org_id_id_fk" FOREIGN KEY ("org_id","call_id") REFERENCES "public"."calls"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hook_refusals_integration_idx" ON "hook_refusals" USING btree ("org_id","integration_id","received_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "call_payloads_call_hash_key" ON "call_payloads" USING btree ("org_id","call_id","content_hash");