// Enrolled devices for IT: the list with their person, browser and last upload, and revoking one (its usage stays).
import type { Db } from '../db/client.ts';
import { notFound } from '../errors.ts';
import { recordAudit } from '../queries/audit.ts';
import { revokeDevice as revokeLiveDevice } from '../queries/devices.ts';

export { listDevices } from '../queries/devices.ts';

/** NotFound unless a live device has this id; its next upload answers 401 and the extension enrolls again. */
export async function revokeDevice({ db, now }: { db: Db; now: () => Date }, id: string, actor: string): Promise<void> {
  if (!(await revokeLiveDevice(db, id, now()))) throw notFound('A live device with this id');
  await recordAudit(db, { actor, action: 'device.revoke', subjectType: 'device', subjectId: id });
}
