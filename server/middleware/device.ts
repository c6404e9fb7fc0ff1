// Authenticates the extension by its device token; a device can only ever act as itself.
import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../app-env.ts';
import { Unauthenticated } from '../errors.ts';
import { withAccess } from '../openapi/route-meta.ts';
import { type DevicePrincipal, identifyDevice } from '../services/principals.ts';
import { bearerToken } from './principal.ts';

export type DeviceVariables = { device: DevicePrincipal };

export function requireDevice(db: AppDeps['db']): MiddlewareHandler<{ Variables: DeviceVariables }> {
  return withAccess(
    async function requireDeviceMiddleware(c, next) {
      const token = bearerToken(c);
      const device = token?.startsWith('swd_') ? await identifyDevice(db, token) : null;
      // One code for unknown and revoked: the extension re-enrolls on it.
      if (!device)
        throw new Unauthenticated('invalid_device_token', 'The device token is unknown or was revoked; enroll again.');
      c.set('device', device);
      await next();
    },
    { kind: 'device' },
  );
}
