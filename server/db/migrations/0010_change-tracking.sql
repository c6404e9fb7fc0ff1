CREATE TABLE `data_versions` (
	`name` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `usage_changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`device_id` text,
	`app_id` text,
	`day` text,
	`reset` integer DEFAULT false NOT NULL,
	`at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);

--> statement-breakpoint
CREATE TRIGGER usage_changes_on_usage_insert AFTER INSERT ON usage_daily BEGIN
  INSERT INTO usage_changes (device_id, app_id, day) VALUES (NEW.device_id, NEW.app_id, NEW.day);
END;
--> statement-breakpoint
-- A retried upload max-merges to the same values: nothing changed, nothing to log.
CREATE TRIGGER usage_changes_on_usage_update AFTER UPDATE ON usage_daily
WHEN NEW.active_seconds IS NOT OLD.active_seconds OR NEW.visits IS NOT OLD.visits
  OR NEW.last_active_at IS NOT OLD.last_active_at OR NEW.device_id IS NOT OLD.device_id
  OR NEW.app_id IS NOT OLD.app_id OR NEW.day IS NOT OLD.day BEGIN
  INSERT INTO usage_changes (device_id, app_id, day) VALUES (NEW.device_id, NEW.app_id, NEW.day);
  INSERT INTO usage_changes (device_id, app_id, day) SELECT OLD.device_id, OLD.app_id, OLD.day
    WHERE NEW.device_id IS NOT OLD.device_id OR NEW.app_id IS NOT OLD.app_id OR NEW.day IS NOT OLD.day;
END;
--> statement-breakpoint
CREATE TRIGGER usage_changes_on_usage_delete AFTER DELETE ON usage_daily BEGIN
  INSERT INTO usage_changes (device_id, app_id, day) VALUES (OLD.device_id, OLD.app_id, OLD.day);
END;
--> statement-breakpoint
CREATE TRIGGER usage_changes_on_upload_day_insert AFTER INSERT ON device_days BEGIN
  INSERT INTO usage_changes (device_id, day) VALUES (NEW.device_id, NEW.day);
END;
--> statement-breakpoint
CREATE TRIGGER usage_changes_on_upload_day_delete AFTER DELETE ON device_days BEGIN
  INSERT INTO usage_changes (device_id, day) VALUES (OLD.device_id, OLD.day);
END;
--> statement-breakpoint
-- A device given to another person, or deleted, moves or removes usage the rollups hold under a person.
CREATE TRIGGER usage_changes_on_device_person AFTER UPDATE OF person_id ON devices
WHEN NEW.person_id IS NOT OLD.person_id BEGIN
  INSERT INTO usage_changes (reset) VALUES (1);
END;
--> statement-breakpoint
CREATE TRIGGER usage_changes_on_device_delete AFTER DELETE ON devices BEGIN
  INSERT INTO usage_changes (reset) VALUES (1);
END;
--> statement-breakpoint
-- The rollups are written by triggers only; a direct delete (retention, a repair) must still be seen.
CREATE TRIGGER usage_changes_on_person_usage_delete AFTER DELETE ON person_usage_daily BEGIN
  INSERT INTO usage_changes (reset) VALUES (1);
END;
--> statement-breakpoint
CREATE TRIGGER usage_changes_on_person_app_delete AFTER DELETE ON person_app_usage BEGIN
  INSERT INTO usage_changes (reset) VALUES (1);
END;
--> statement-breakpoint
CREATE TRIGGER usage_changes_on_person_day_delete AFTER DELETE ON person_days BEGIN
  INSERT INTO usage_changes (reset) VALUES (1);
END;
--> statement-breakpoint
INSERT INTO data_versions (name, version) VALUES ('inventory', 0);
--> statement-breakpoint
CREATE TRIGGER inventory_version_on_subscriptions_insert AFTER INSERT ON subscriptions BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'inventory';
END;
--> statement-breakpoint
CREATE TRIGGER inventory_version_on_subscriptions_update AFTER UPDATE ON subscriptions BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'inventory';
END;
--> statement-breakpoint
CREATE TRIGGER inventory_version_on_subscriptions_delete AFTER DELETE ON subscriptions BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'inventory';
END;
--> statement-breakpoint
CREATE TRIGGER inventory_version_on_seats_insert AFTER INSERT ON seats BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'inventory';
END;
--> statement-breakpoint
CREATE TRIGGER inventory_version_on_seats_update AFTER UPDATE ON seats BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'inventory';
END;
--> statement-breakpoint
CREATE TRIGGER inventory_version_on_seats_delete AFTER DELETE ON seats BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'inventory';
END;
--> statement-breakpoint
CREATE TRIGGER inventory_version_on_people_insert AFTER INSERT ON people BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'inventory';
END;
--> statement-breakpoint
CREATE TRIGGER inventory_version_on_people_update AFTER UPDATE ON people BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'inventory';
END;
--> statement-breakpoint
CREATE TRIGGER inventory_version_on_people_delete AFTER DELETE ON people BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'inventory';
END;
--> statement-breakpoint
CREATE TRIGGER inventory_version_on_apps_insert AFTER INSERT ON apps BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'inventory';
END;
--> statement-breakpoint
CREATE TRIGGER inventory_version_on_apps_update AFTER UPDATE ON apps BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'inventory';
END;
--> statement-breakpoint
CREATE TRIGGER inventory_version_on_apps_delete AFTER DELETE ON apps BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'inventory';
END;
