// Authenticates the extension by its device token; a device can only ever act as itself. Usage uploads (`uploads`)
// remember the devices they saw, and their own transaction refuses a device revoked since (services/principals.ts).
import type { MiddlewareHandler } from 'hono';
import type { AppDeps } from '../app-env.ts';
import { Unauthenticated } from '../errors.ts';
import { withAccess } from '../openapi/route-meta.ts';
import {
  type DevicePrincipal,
  deviceTokenRefused,
  forgetUploadingDevice,
  identifyDevice,
  identifyUploadingDevice,
} from '../services/principals.ts';
import { bearerToken } from './principal.ts';

export type DeviceVariables = { device: DevicePrincipal };

export function requireDevice(
  db: AppDeps['db'],
  { uploads = false }: { uploads?: boolean } = {},
): MiddlewareHandler<{ Variables: DeviceVariables }> {
  const identify = uploads ? identifyUploadingDevice : identifyDevice;
  return withAccess(
    async function requireDeviceMiddleware(c, next) {
      const token = bearerToken(c);
      const device = token?.startsWith('swd_') ? await identify(db, token) : null;
      if (!device) throw deviceTokenRefused();
      c.set('device', device);
      await next();
      if (uploads && c.error instanceof Unauthenticated) forgetUploadingDevice(db, token!);
    },
    { kind: 'device' },
  );
}
