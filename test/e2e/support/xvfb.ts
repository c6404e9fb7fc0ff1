// A virtual X display for headed Chromium (window focus and idle only behave for real when headed).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { waitFor } from '../../support/wait-for.ts';
import { markedEnv } from './child-marker.ts';

export type Display = { display: string; stop: () => Promise<void> };

/** Uses $DISPLAY when there is one (a developer's desktop or xvfb-run), else starts Xvfb on a free display. */
export async function ensureDisplay(): Promise<Display> {
  if (process.env.DISPLAY) return { display: process.env.DISPLAY, stop: async () => {} };
  if (!existsSync('/usr/bin/Xvfb'))
    throw new Error('Xvfb is missing: apt-get install -y xvfb (the e2e tests run Chromium headed)');
  let number = 90 + Math.floor(Math.random() * 400);
  while (existsSync(`/tmp/.X11-unix/X${number}`) || existsSync(`/tmp/.X${number}-lock`)) number += 1;
  const xvfb: ChildProcess = spawn(
    '/usr/bin/Xvfb',
    [`:${number}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
    {
      stdio: 'ignore',
      env: markedEnv(),
    },
  );
  let exited = false;
  xvfb.on('exit', () => {
    exited = true;
  });
  await waitFor(
    `Xvfb on :${number}`,
    () => {
      if (exited) throw new Error(`Xvfb :${number} exited at start`);
      return existsSync(`/tmp/.X11-unix/X${number}`);
    },
    { timeoutMs: 15_000 },
  );
  return {
    display: `:${number}`,
    stop: async () => {
      if (exited) return;
      const gone = new Promise((resolve) => xvfb.once('exit', resolve));
      xvfb.kill('SIGTERM');
      await gone;
    },
  };
}
