// Fails when a source line is longer than the formatter's width: Biome wraps code, but not strings and comments.
// Usage: node --import tsx tools/line-length.ts [folder ...]   (default: the whole tree git knows of)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MAX = 120;
const CHECKED = /\.(ts|js|svelte|css|html|json)$/;
const SKIPPED = [/^server\/db\/migrations\/meta\//, /(^|\/)package-lock\.json$/, /^test\/fixtures\//];

const folders = process.argv.slice(2);
const listed = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '--', ...folders], { encoding: 'utf8' });
const files = listed.split('\n').filter((f) => CHECKED.test(f) && !SKIPPED.some((skip) => skip.test(f)));

let over = 0;
for (const file of files) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // listed but deleted in the working tree
  }
  text.split('\n').forEach((line, index) => {
    if (line.length <= MAX) return;
    over += 1;
    console.log(`${file}:${index + 1}: ${line.length} characters (at most ${MAX})`);
  });
}
if (over > 0) {
  console.log(`${over} line(s) longer than ${MAX} characters: wrap the comment or split the string.`);
  process.exit(1);
}
