// GET /devices/me: the device's person as the server holds them, within the retention period, with each seat's status
// taken from the one reconciliation read, so the extension shows what the dashboard shows.
import type { DeviceMe, DeviceMeSeat } from '../contract.ts';
import type { Db } from '../db/client.ts';
import { addDays, utcDay } from '../domain/days.ts';
import { NotFound } from '../errors.ts';
import { findDevicePerson, personUsageSince } from '../queries/device-person.ts';
import { personSeats } from '../queries/person-data.ts';
import { getPrivacySettings } from '../queries/privacy-settings.ts';
import { readPersonSeatStatuses } from './reconciliation.ts';

/** The retention period ending today: `days` days, today included. */
export function retentionPeriod(days: number, now: Date): DeviceMe['retention'] {
  const to = utcDay(now);
  return { days, from: addDays(to, -(days - 1)), to };
}

export async function describeDevicePerson(db: Db, deviceId: string, now: Date): Promise<DeviceMe> {
  const [person, privacy] = await Promise.all([findDevicePerson(db, deviceId), getPrivacySettings(db)]);
  // The token was just checked; the device can only be gone if it was deleted in between.
  if (!person) throw new NotFound('device_not_found', 'This device is no longer enrolled.');
  const retention = retentionPeriod(privacy.usageRetentionDays, now);
  // The inventory and usage index are kept in memory, so each call reconciles only this person's few seats.
  const [usage, seats, statuses] = await Promise.all([
    personUsageSince(db, person.personId, retention.from),
    personSeats(db, person.personId),
    readPersonSeatStatuses(db, retention.to, person.personId),
  ]);
  const statusOf = new Map(statuses.map((status) => [status.seatId, status]));
  const reconciled = seats.map((seat): DeviceMeSeat => {
    const holder = statusOf.get(seat.seatId);
    return {
      seatId: seat.seatId,
      subscriptionId: seat.subscriptionId,
      appId: seat.appId,
      appName: seat.appName,
      plan: seat.plan,
      assignedAt: seat.assignedAt,
      status: holder?.status ?? null,
      activityWindowDays: holder?.activityWindowDays ?? 0,
      activeSecondsInWindow: holder?.activeSecondsInWindow ?? 0,
    };
  });
  return {
    person: { email: person.email, name: person.name },
    device: { id: deviceId, verified: person.verified },
    retention,
    daysWithUsage: usage.daysWithUsage,
    totalSeconds: usage.apps.reduce((sum, app) => sum + app.activeSeconds, 0),
    apps: usage.apps,
    seats: reconciled,
  };
}
