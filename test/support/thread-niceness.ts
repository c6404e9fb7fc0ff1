// The nice value of each thread of this process (Linux), by thread id: for tests of the background threads' priority.
import { readdirSync, readFileSync } from 'node:fs';

export function nicenessOfThreads(): Map<number, number> {
  const niceness = new Map<number, number>();
  for (const id of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${id}/stat`, 'utf8');
    // Fields after the command's closing parenthesis: the 17th of them is the nice value.
    niceness.set(Number(id), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
  }
  return niceness;
}
