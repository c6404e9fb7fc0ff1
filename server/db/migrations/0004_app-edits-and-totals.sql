DROP INDEX `person_usage_daily_day_idx`;--> statement-breakpoint
CREATE INDEX `person_usage_daily_app_day_idx` ON `person_usage_daily` (`app_id`,`day`,`active_seconds`);--> statement-breakpoint
ALTER TABLE `apps` ADD `edited_at` integer;--> statement-breakpoint
ALTER TABLE `person_app_usage` ADD `total_seconds` integer DEFAULT 0 NOT NULL;