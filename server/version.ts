// The running Seatwise version, from package.json.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const manifest = JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8')) as {
  version: string;
};

export const SEATWISE_VERSION: string = manifest.version;
