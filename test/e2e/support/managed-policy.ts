// Writes a Chromium managed policy file for the extension, as IT's Linux deployment would, and removes it again.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_ID } from '../../../extension/extension-id.ts';

export const CHROMIUM_POLICY_DIR = '/etc/chromium/policies/managed';

export type ManagedPolicy = { path: string; remove: () => void };

/** Needs root: the policy directory is root-owned by design, so that only the machine's admin sets policy. */
export function writeExtensionPolicy(values: Record<string, unknown>): ManagedPolicy {
  if (process.getuid?.() !== 0) {
    throw new Error(`writing ${CHROMIUM_POLICY_DIR} needs root (CI runs as root); run the e2e tests as root`);
  }
  mkdirSync(CHROMIUM_POLICY_DIR, { recursive: true });
  // One file per test run, so a parallel run's policy is never overwritten or removed.
  const path = join(CHROMIUM_POLICY_DIR, `seatwise-e2e-${process.pid}.json`);
  writeFileSync(path, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: values } } }, null, 2));
  return { path, remove: () => rmSync(path, { force: true }) };
}

/** Writes policy text as IT pastes it (the whole file, e.g. from the dashboard) under a name only this run uses. */
export function writeChromiumPolicyFile(name: string, text: string): ManagedPolicy {
  if (process.getuid?.() !== 0) {
    throw new Error(`writing ${CHROMIUM_POLICY_DIR} needs root (CI runs as root); run the e2e tests as root`);
  }
  mkdirSync(CHROMIUM_POLICY_DIR, { recursive: true });
  const path = join(CHROMIUM_POLICY_DIR, `${name}-${process.pid}.json`);
  writeFileSync(path, text);
  return { path, remove: () => rmSync(path, { force: true }) };
}
