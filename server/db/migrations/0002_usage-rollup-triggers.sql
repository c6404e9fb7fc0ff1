-- Keep the per-person rollups in step with per-device usage inside the same statement that writes usage,
-- so they can never drift, and backfill them from usage stored before this migration.
CREATE TRIGGER usage_daily_after_insert AFTER INSERT ON usage_daily BEGIN
  INSERT INTO person_usage_daily (person_id, app_id, day, active_seconds, visits, last_active_at)
    SELECT d.person_id, NEW.app_id, NEW.day, NEW.active_seconds, NEW.visits, NEW.last_active_at
    FROM devices d WHERE d.id = NEW.device_id
  ON CONFLICT (person_id, app_id, day) DO UPDATE SET
    active_seconds = active_seconds + excluded.active_seconds,
    visits = visits + excluded.visits,
    last_active_at = nullif(max(coalesce(last_active_at, 0), coalesce(excluded.last_active_at, 0)), 0);
  INSERT INTO person_app_usage (person_id, app_id, first_day, last_day, last_active_at)
    SELECT d.person_id, NEW.app_id, NEW.day, NEW.day, NEW.last_active_at
    FROM devices d WHERE d.id = NEW.device_id AND NEW.active_seconds > 0
  ON CONFLICT (person_id, app_id) DO UPDATE SET
    first_day = min(first_day, excluded.first_day),
    last_day = max(last_day, excluded.last_day),
    last_active_at = nullif(max(coalesce(last_active_at, 0), coalesce(excluded.last_active_at, 0)), 0);
END;
--> statement-breakpoint
CREATE TRIGGER usage_daily_after_update AFTER UPDATE ON usage_daily BEGIN
  UPDATE person_usage_daily SET
    active_seconds = active_seconds + (NEW.active_seconds - OLD.active_seconds),
    visits = visits + (NEW.visits - OLD.visits),
    last_active_at = nullif(max(coalesce(last_active_at, 0), coalesce(NEW.last_active_at, 0)), 0)
  WHERE person_id = (SELECT person_id FROM devices WHERE id = NEW.device_id) AND app_id = NEW.app_id AND day = NEW.day;
  INSERT INTO person_app_usage (person_id, app_id, first_day, last_day, last_active_at)
    SELECT d.person_id, NEW.app_id, NEW.day, NEW.day, NEW.last_active_at
    FROM devices d WHERE d.id = NEW.device_id AND NEW.active_seconds > 0
  ON CONFLICT (person_id, app_id) DO UPDATE SET
    first_day = min(first_day, excluded.first_day),
    last_day = max(last_day, excluded.last_day),
    last_active_at = nullif(max(coalesce(last_active_at, 0), coalesce(excluded.last_active_at, 0)), 0);
END;
--> statement-breakpoint
CREATE TRIGGER usage_daily_after_delete AFTER DELETE ON usage_daily BEGIN
  UPDATE person_usage_daily SET
    active_seconds = max(0, active_seconds - OLD.active_seconds),
    visits = max(0, visits - OLD.visits)
  WHERE person_id = (SELECT person_id FROM devices WHERE id = OLD.device_id) AND app_id = OLD.app_id AND day = OLD.day;
END;
--> statement-breakpoint
CREATE TRIGGER device_days_after_insert AFTER INSERT ON device_days BEGIN
  INSERT OR IGNORE INTO person_days (person_id, day)
    SELECT d.person_id, NEW.day FROM devices d WHERE d.id = NEW.device_id;
END;
--> statement-breakpoint
INSERT INTO person_usage_daily (person_id, app_id, day, active_seconds, visits, last_active_at)
  SELECT d.person_id, u.app_id, u.day, sum(u.active_seconds), sum(u.visits), max(u.last_active_at)
  FROM usage_daily u JOIN devices d ON d.id = u.device_id
  GROUP BY d.person_id, u.app_id, u.day;
--> statement-breakpoint
INSERT INTO person_app_usage (person_id, app_id, first_day, last_day, last_active_at)
  SELECT d.person_id, u.app_id, min(u.day), max(u.day), max(u.last_active_at)
  FROM usage_daily u JOIN devices d ON d.id = u.device_id
  WHERE u.active_seconds > 0
  GROUP BY d.person_id, u.app_id;
--> statement-breakpoint
INSERT OR IGNORE INTO person_days (person_id, day)
  SELECT d.person_id, dd.day FROM device_days dd JOIN devices d ON d.id = dd.device_id;
