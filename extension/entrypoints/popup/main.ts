// The popup: shows the person what is measured, today's and this week's totals and the last upload word for word.
import type { AppDay, StatusReply, UploadNowReply } from '../../lib/messages';
import { formatDuration } from '../../lib/format';

const $ = <T extends HTMLElement = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

function render(status: StatusReply): void {
  const connection = $('#connection');
  connection.dataset.state = status.connection.state;
  connection.textContent = status.connection.message;

  const problems = $('#config-problems');
  problems.replaceChildren(...status.config.problems.map((problem) => element('li', problem)));
  problems.hidden = status.config.problems.length === 0;

  $('#today').textContent = status.today;
  $('#week').textContent = `from ${status.weekStart}`;
  $('#catalog-apps').textContent = status.catalogApps.length > 0 ? status.catalogApps.join(', ') : 'none yet';
  renderTotals('#today-totals', '#nothing-today', status.todayTotals);
  renderTotals('#week-totals', '#nothing-week', status.weekTotals);

  const last = status.lastUpload;
  $('#last-upload').textContent = last
    ? `${new Date(last.at).toLocaleString()}: ${last.ok ? `accepted ${last.accepted ?? 0} record(s)` : `failed: ${last.error}`}` +
      (status.nextAttemptAt ? `; next attempt ${new Date(status.nextAttemptAt).toLocaleTimeString()}` : '')
    : 'Nothing uploaded yet.';
  $('#last-payload').textContent = last ? JSON.stringify(last.payload, null, 2) : '';
}

function renderTotals(table: string, empty: string, apps: AppDay[]): void {
  $(`${table} tbody`).replaceChildren(
    ...apps.map((app) => {
      const row = element('tr');
      row.dataset.appId = app.appId;
      const seconds = element('td', formatDuration(app.activeSeconds));
      seconds.dataset.seconds = String(app.activeSeconds);
      row.append(element('td', app.appName), seconds, element('td', String(app.visits), 'number'));
      return row;
    }),
  );
  $(empty).hidden = apps.length > 0;
}

function element(tag: string, text = '', className = ''): HTMLElement {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  return node;
}

async function refresh(): Promise<void> {
  try {
    render((await browser.runtime.sendMessage({ type: 'status' })) as StatusReply);
  } catch (error) {
    $('#connection').textContent = `The extension's background is not answering: ${(error as Error).message}`;
  }
}

$('#upload-now').addEventListener('click', async () => {
  const button = $<HTMLButtonElement>('#upload-now');
  const result = $('#upload-result');
  button.disabled = true;
  result.textContent = 'Uploading…';
  try {
    const reply = (await browser.runtime.sendMessage({ type: 'upload-now' })) as UploadNowReply;
    result.textContent = !reply.ok
      ? `Failed: ${reply.error}`
      : reply.accepted
        ? `Uploaded: ${reply.accepted} record(s) accepted.`
        : 'Uploaded: nothing new since the last upload (heartbeat).';
  } catch (error) {
    result.textContent = `Failed: ${(error as Error).message}`;
  } finally {
    button.disabled = false;
    await refresh();
  }
});

void refresh();
