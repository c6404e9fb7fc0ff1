-- person_usage_daily.cumulative_seconds is a running total per person and app ordered by day, and
-- person_app_usage.total_seconds the total of all days, so the active seconds of any window are at most two
-- index seeks instead of a scan of every day in it. The triggers keep both exact on insert, update and delete.
DROP TRIGGER usage_daily_after_insert;
--> statement-breakpoint
DROP TRIGGER usage_daily_after_update;
--> statement-breakpoint
DROP TRIGGER usage_daily_after_delete;
--> statement-breakpoint
CREATE TRIGGER usage_daily_after_insert AFTER INSERT ON usage_daily BEGIN
  INSERT INTO person_usage_daily (person_id, app_id, day, active_seconds, visits, last_active_at, cumulative_seconds)
    SELECT d.person_id, NEW.app_id, NEW.day, NEW.active_seconds, NEW.visits, NEW.last_active_at,
      NEW.active_seconds + coalesce((
        SELECT p.cumulative_seconds FROM person_usage_daily p
        WHERE p.person_id = d.person_id AND p.app_id = NEW.app_id AND p.day < NEW.day
        ORDER BY p.day DESC LIMIT 1), 0)
    FROM devices d WHERE d.id = NEW.device_id
  ON CONFLICT (person_id, app_id, day) DO UPDATE SET
    active_seconds = active_seconds + excluded.active_seconds,
    visits = visits + excluded.visits,
    last_active_at = nullif(max(coalesce(last_active_at, 0), coalesce(excluded.last_active_at, 0)), 0),
    cumulative_seconds = cumulative_seconds + excluded.active_seconds;
  UPDATE person_usage_daily SET cumulative_seconds = cumulative_seconds + NEW.active_seconds
    WHERE NEW.active_seconds <> 0 AND app_id = NEW.app_id AND day > NEW.day
      AND person_id = (SELECT person_id FROM devices WHERE id = NEW.device_id);
  INSERT INTO person_app_usage (person_id, app_id, first_day, last_day, last_active_at, total_seconds)
    SELECT d.person_id, NEW.app_id, NEW.day, NEW.day, NEW.last_active_at, NEW.active_seconds
    FROM devices d WHERE d.id = NEW.device_id AND NEW.active_seconds > 0
  ON CONFLICT (person_id, app_id) DO UPDATE SET
    first_day = min(first_day, excluded.first_day),
    last_day = max(last_day, excluded.last_day),
    last_active_at = nullif(max(coalesce(last_active_at, 0), coalesce(excluded.last_active_at, 0)), 0),
    total_seconds = total_seconds + excluded.total_seconds;
END;
--> statement-breakpoint
CREATE TRIGGER usage_daily_after_update AFTER UPDATE ON usage_daily BEGIN
  UPDATE person_usage_daily SET
    active_seconds = active_seconds + (NEW.active_seconds - OLD.active_seconds),
    visits = visits + (NEW.visits - OLD.visits),
    last_active_at = nullif(max(coalesce(last_active_at, 0), coalesce(NEW.last_active_at, 0)), 0),
    cumulative_seconds = cumulative_seconds + (NEW.active_seconds - OLD.active_seconds)
  WHERE person_id = (SELECT person_id FROM devices WHERE id = NEW.device_id) AND app_id = NEW.app_id AND day = NEW.day;
  UPDATE person_usage_daily SET cumulative_seconds = cumulative_seconds + (NEW.active_seconds - OLD.active_seconds)
    WHERE NEW.active_seconds <> OLD.active_seconds AND app_id = NEW.app_id AND day > NEW.day
      AND person_id = (SELECT person_id FROM devices WHERE id = NEW.device_id);
  UPDATE person_app_usage SET total_seconds = total_seconds + (NEW.active_seconds - OLD.active_seconds)
    WHERE NEW.active_seconds <> OLD.active_seconds AND app_id = NEW.app_id
      AND person_id = (SELECT person_id FROM devices WHERE id = NEW.device_id);
  -- A pair whose earlier totals were all zero has no row yet: it starts with this day's seconds.
  INSERT INTO person_app_usage (person_id, app_id, first_day, last_day, last_active_at, total_seconds)
    SELECT d.person_id, NEW.app_id, NEW.day, NEW.day, NEW.last_active_at, NEW.active_seconds
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
  UPDATE person_usage_daily SET cumulative_seconds = max(0, cumulative_seconds - OLD.active_seconds)
    WHERE OLD.active_seconds <> 0 AND app_id = OLD.app_id AND day >= OLD.day
      AND person_id = (SELECT person_id FROM devices WHERE id = OLD.device_id);
  UPDATE person_app_usage SET total_seconds = max(0, total_seconds - OLD.active_seconds)
    WHERE OLD.active_seconds <> 0 AND app_id = OLD.app_id
      AND person_id = (SELECT person_id FROM devices WHERE id = OLD.device_id);
END;
--> statement-breakpoint
UPDATE person_usage_daily AS p SET cumulative_seconds = running.total
  FROM (
    SELECT person_id, app_id, day,
      sum(active_seconds) OVER (PARTITION BY person_id, app_id ORDER BY day ROWS UNBOUNDED PRECEDING) AS total
    FROM person_usage_daily
  ) AS running
  WHERE running.person_id = p.person_id AND running.app_id = p.app_id AND running.day = p.day;
--> statement-breakpoint
UPDATE person_app_usage AS a SET total_seconds = sums.total
  FROM (SELECT person_id, app_id, sum(active_seconds) AS total FROM person_usage_daily GROUP BY person_id, app_id) AS sums
  WHERE sums.person_id = a.person_id AND sums.app_id = a.app_id;
