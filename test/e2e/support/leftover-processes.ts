// Global setup of the e2e project: gives the run an id, and at the end fails the run if any process marked with
// it (a server, browser or display a test started) is still alive, after stopping it so nothing outlives the run.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { RUN_VARIABLE } from './child-marker.ts';

type Leftover = { pid: number; command: string };

function processesMarkedWith(run: string): Leftover[] {
  const mark = `${RUN_VARIABLE}=${run}`;
  const found: Leftover[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0');
      if (!environ.includes(mark)) continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, 'latin1').split('\0').join(' ').trim().slice(0, 160);
      // A zombie has no command line left and is gone once its parent reaps it.
      if (command) found.push({ pid: Number(entry), command });
    } catch {
      // The process ended while we looked, or is not ours to read.
    }
  }
  return found;
}

export default function setup(project: TestProject) {
  const run = randomUUID();
  project.provide('e2eRun', run);
  return () => {
    const leftovers = processesMarkedWith(run);
    if (leftovers.length === 0) return;
    for (const { pid } of leftovers) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    // vitest only logs an error thrown here; the exit code is what makes the run fail.
    process.exitCode = 1;
    throw new Error(
      `e2e tests left ${leftovers.length} process(es) running (now killed):\n` +
        leftovers.map((p) => `  ${p.pid} ${p.command}`).join('\n'),
    );
  };
}
