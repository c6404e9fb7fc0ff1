ALTER TABLE `devices` ADD `enrollment_token_id` integer REFERENCES enrollment_tokens(id);--> statement-breakpoint
CREATE INDEX `devices_enrollment_token_idx` ON `devices` (`enrollment_token_id`);--> statement-breakpoint
ALTER TABLE `enrollment_tokens` ADD `expires_at` integer;--> statement-breakpoint
ALTER TABLE `enrollment_tokens` ADD `max_devices` integer;--> statement-breakpoint
ALTER TABLE `people` ADD `source` text DEFAULT 'directory' NOT NULL;--> statement-breakpoint
ALTER TABLE `people` ADD `confirmed_at` integer;