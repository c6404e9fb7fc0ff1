// The options page: edits the storage.local configuration; values set by policy are shown read-only.
import type { StatusReply } from '../../lib/messages';
import { optionsConfig, sync } from '../../lib/store';

const KEYS = ['serverUrl', 'enrollmentToken', 'userEmail'] as const;
const $ = <T extends HTMLElement = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const input = (key: (typeof KEYS)[number]) => $<HTMLInputElement>(`#${key}`);

async function status(): Promise<StatusReply | null> {
  try {
    return (await browser.runtime.sendMessage({ type: 'status' })) as StatusReply;
  } catch {
    return null;
  }
}

function showStatus(reply: StatusReply | null): void {
  if (!reply) return;
  const connection = $('#connection');
  connection.dataset.state = reply.connection.state;
  connection.textContent = reply.connection.message;
  const problems = $('#config-problems');
  problems.replaceChildren(
    ...reply.config.problems.map((text) => Object.assign(document.createElement('li'), { textContent: text })),
  );
  problems.hidden = reply.config.problems.length === 0;
}

async function load(): Promise<void> {
  const [saved, reply] = await Promise.all([optionsConfig.getValue(), status()]);
  for (const key of KEYS) {
    const field = input(key);
    field.value = saved[key] ?? '';
    const source = reply?.config.sources[key];
    const note = $(`[data-source-for="${key}"]`);
    if (source === 'policy') {
      // Policy wins over anything typed here, so typing would only mislead.
      field.readOnly = true;
      field.value = key === 'enrollmentToken' ? '' : (reply?.config[key] ?? '');
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
  const next = { ...(await optionsConfig.getValue()) };
  for (const key of KEYS) if (!input(key).readOnly) next[key] = input(key).value.trim();
  if (next.serverUrl && !/^https?:\/\/[^/]/i.test(next.serverUrl)) {
    saveStatus.textContent = 'The server URL must start with http:// or https://.';
    return;
  }
  await optionsConfig.setValue(next);
  saveStatus.textContent = 'Saved. Connecting…';
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
