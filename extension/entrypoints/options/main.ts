// The options page: edits the storage.local configuration and shows every value in use and where it came from.
import { type ConfigKey, type ConfigSource, type OptionsConfig, serverUrlProblem } from '../../lib/config-resolution';
import type { StatusReply } from '../../lib/messages';
import { optionsConfig, sync } from '../../lib/storage-items';

const TEXT_KEYS = ['serverUrl', 'enrollmentToken', 'userEmail'] as const;
const NUMBER_KEYS = ['idleSeconds', 'uploadIntervalMinutes'] as const;
const KEYS = [...TEXT_KEYS, ...NUMBER_KEYS];
const SOURCE_WORDS: Record<ConfigSource, string> = {
  policy: 'your organisation’s policy',
  options: 'this page',
  profile: 'your browser profile',
  default: 'the default',
  missing: 'not set',
};
/** The fields as this page names them, for sentences. */
const FIELD_WORDS: Record<ConfigKey, string> = {
  serverUrl: 'the server URL',
  enrollmentToken: 'the enrollment token',
  userEmail: 'the work email',
  idleSeconds: 'the idle time',
  uploadIntervalMinutes: 'the upload interval',
};
const listed = (words: string[]) =>
  words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
const $ = <T extends HTMLElement = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const input = (key: ConfigKey) => $<HTMLInputElement>(`#${key}`);

async function status(): Promise<StatusReply | null> {
  try {
    return (await browser.runtime.sendMessage({ type: 'status' })) as StatusReply;
  } catch {
    return null;
  }
}

function valueInUse(reply: StatusReply, key: ConfigKey): string {
  if (key === 'enrollmentToken') return reply.config.enrollmentTokenSet ? '(set, hidden)' : '';
  const value = reply.config[key];
  return value === null ? '' : String(value);
}

function showStatus(reply: StatusReply | null): void {
  if (!reply) return;
  const connection = $('#connection');
  connection.dataset.state = reply.connection.state;
  connection.textContent = reply.connection.message;
  // The popup keeps to plain words; IT, here, also gets the policy key names.
  const missing = reply.connection.missing ?? [];
  const detail = $('#connection-detail');
  detail.textContent =
    missing.length > 0 ? `For IT: not set: ${missing.join(', ')} (managed policy keys, or the fields above).` : '';
  detail.hidden = missing.length === 0;
  const problems = $('#config-problems');
  problems.replaceChildren(
    ...reply.config.problems.map((text) => Object.assign(document.createElement('li'), { textContent: text })),
  );
  problems.hidden = reply.config.problems.length === 0;
  $('#config-sources tbody').replaceChildren(
    ...KEYS.map((key) => {
      const row = document.createElement('tr');
      row.dataset.key = key;
      row.dataset.source = reply.config.sources[key];
      for (const text of [key, valueInUse(reply, key), SOURCE_WORDS[reply.config.sources[key]]]) {
        row.append(Object.assign(document.createElement('td'), { textContent: text }));
      }
      return row;
    }),
  );
}

async function load(): Promise<void> {
  const [saved, reply] = await Promise.all([optionsConfig.getValue(), status()]);
  for (const key of KEYS) {
    const field = input(key);
    field.value = saved[key] === undefined ? '' : String(saved[key]);
    const source = reply?.config.sources[key];
    const note = $(`[data-source-for="${key}"]`);
    if (source === 'policy') {
      // Policy wins over anything typed here, so typing would only mislead.
      field.readOnly = true;
      field.value = reply ? (key === 'enrollmentToken' ? '' : valueInUse(reply, key)) : '';
      field.placeholder = key === 'enrollmentToken' ? 'Set by policy' : '';
      note.textContent = 'Set by your organisation’s policy.';
    } else if (source === 'profile') {
      field.placeholder = reply?.config.userEmail ?? '';
      note.textContent = 'Taken from your browser profile; type an address only to use another one.';
    }
  }
  showStatus(reply);
}

$('#options-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const saveStatus = $('#save-status');
  const next: OptionsConfig = { ...(await optionsConfig.getValue()) };
  for (const key of TEXT_KEYS) if (!input(key).readOnly) next[key] = input(key).value.trim();
  // Numbers are stored as typed; the background checks the bounds and says so in the problems list.
  for (const key of NUMBER_KEYS) {
    if (input(key).readOnly) continue;
    const text = input(key).value.trim();
    if (text === '') delete next[key];
    else next[key] = Number(text);
  }
  const refusal = next.serverUrl ? serverUrlProblem(next.serverUrl) : null;
  if (refusal) {
    saveStatus.textContent = `The server URL ${refusal}.`;
    return;
  }
  await optionsConfig.setValue(next);
  const reply = await status();
  showStatus(reply);
  saveStatus.textContent = savedText(reply);
});

/** What saving led to; without every value the extension makes no attempt, so it must not say "Connecting…". */
function savedText(reply: StatusReply | null): string {
  const missing = reply?.connection.missing ?? [];
  if (reply?.connection.state === 'not_configured' && missing.length > 0) {
    const fields = listed(missing.map((key) => FIELD_WORDS[key]));
    return `Saved. Not connecting until ${fields} ${missing.length === 1 ? 'is' : 'are'} set.`;
  }
  if (reply?.connection.state === 'connected') return 'Saved. Connected.';
  return 'Saved. Connecting…';
}

// The browser refuses an unparseable URL before the submit handler runs; say why in the same words as the rule.
input('serverUrl').addEventListener('invalid', () => {
  $('#save-status').textContent =
    `The server URL ${serverUrlProblem(input('serverUrl').value.trim()) ?? 'is not valid'}.`;
});

// The background uploads as soon as the configuration changes; show how that went.
sync.watch(async () => {
  const reply = await status();
  showStatus(reply);
  if (reply && $('#save-status').textContent?.startsWith('Saved')) {
    $('#save-status').textContent = reply.connection.state === 'connected' ? 'Saved. Connected.' : 'Saved.';
  }
});

void load();
