ALTER TABLE `apps` ADD `owner_email` text;--> statement-breakpoint
ALTER TABLE `people` ADD `location` text;--> statement-breakpoint
ALTER TABLE `people` ADD `manager_email` text;--> statement-breakpoint
ALTER TABLE `person_usage_daily` ADD `cumulative_seconds` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `person_usage_daily_cumulative_idx` ON `person_usage_daily` (`person_id`,`app_id`,`day`,`cumulative_seconds`);