CREATE TABLE `person_app_usage` (
	`person_id` integer NOT NULL,
	`app_id` text NOT NULL,
	`first_day` text NOT NULL,
	`last_day` text NOT NULL,
	`last_active_at` integer,
	PRIMARY KEY(`person_id`, `app_id`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `person_app_usage_app_idx` ON `person_app_usage` (`app_id`);--> statement-breakpoint
CREATE TABLE `person_days` (
	`person_id` integer NOT NULL,
	`day` text NOT NULL,
	PRIMARY KEY(`person_id`, `day`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `person_days_day_idx` ON `person_days` (`day`,`person_id`);--> statement-breakpoint
CREATE TABLE `person_usage_daily` (
	`person_id` integer NOT NULL,
	`app_id` text NOT NULL,
	`day` text NOT NULL,
	`active_seconds` integer NOT NULL,
	`visits` integer NOT NULL,
	`last_active_at` integer,
	PRIMARY KEY(`person_id`, `app_id`, `day`),
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `person_usage_daily_day_idx` ON `person_usage_daily` (`day`,`app_id`);