// The popup: shows the person what is measured, today's and this week's totals, the last upload word for word, and
// what the company's server holds about them.

import { LOADING, loadCompanyView } from '../../lib/company-view';
import { earlyView } from '../../lib/early-connection';
import { formatDuration } from '../../lib/format';
import type { AppDay, StatusReply, UploadNowReply } from '../../lib/messages';
import * as store from '../../lib/storage-items';
import { renderCompanyView } from './company-view';

let rendered = false;
const $ = <T extends HTMLElement = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

function showConnection({ state, message }: StatusReply['connection']): void {
  const connection = $('#connection');
  connection.dataset.state = state;
  connection.textContent = message;
  connection.hidden = false;
}

function showCatalog(names: string[]): void {
  if (names.length > 0) $('#catalog-apps').textContent = names.join(', ');
}

/** From storage, at once: the background may need a moment to read the managed policy after a worker restart. */
async function renderEarly(): Promise<void> {
  const [device, sync, catalog] = await Promise.all([
    store.device.getValue(),
    store.sync.getValue(),
    store.catalog.getValue(),
  ]);
  // The background's answer may have come first; it is the better one.
  if (rendered) return;
  const early = earlyView(device, sync, catalog);
  if (early.connection) showConnection(early.connection);
  showCatalog(early.catalogApps);
}

function render(status: StatusReply): void {
  showConnection(status.connection);

  const problems = $('#config-problems');
  problems.replaceChildren(...status.config.problems.map((problem) => element('li', problem)));
  problems.hidden = status.config.problems.length === 0;

  $('#today').textContent = status.today;
  $('#week').textContent = `from ${status.weekStart}`;
  $('#catalog-apps').textContent = status.catalogApps.length > 0 ? status.catalogApps.join(', ') : 'none yet';
  rendered = true;
  renderTotals('#today-totals', '#nothing-today', status.todayTotals);
  renderTotals('#week-totals', '#nothing-week', status.weekTotals);

  const last = status.lastUpload;
  $('#last-upload').textContent = last
    ? `${new Date(last.at).toLocaleString()}: ` +
      (last.ok ? `accepted ${last.accepted ?? 0} record(s)` : `failed: ${last.error}`) +
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
    showConnection({
      state: 'failing',
      message:
        `Seatwise is not answering in this browser (${(error as Error).message}). ` +
        'Restart the browser; if it stays, tell your IT team.',
    });
  }
}

$('#upload-now').addEventListener('click', async () => {
  const button = $<HTMLButtonElement>('#upload-now');
  const result = $('#upload-result');
  button.disabled = true;
  result.textContent = 'Uploading…';
  let outcome: string;
  try {
    const reply = (await browser.runtime.sendMessage({ type: 'upload-now' })) as UploadNowReply;
    outcome = !reply.ok
      ? `Failed: ${reply.error}`
      : reply.accepted
        ? `Uploaded: ${reply.accepted} record(s) accepted.`
        : 'Uploaded: nothing new since the last upload (heartbeat).';
  } catch (error) {
    outcome = `Failed: ${(error as Error).message}`;
  }
  // The connection line and the result change together, so the person never reads "Connected" beside "Failed".
  await Promise.all([refresh(), refreshCompanyView()]);
  result.textContent = outcome;
  button.disabled = false;
});

/** The server's view, read when the popup opens and after each upload (which may have changed it). */
async function refreshCompanyView(): Promise<void> {
  renderCompanyView(await loadCompanyView((input, init) => fetch(input, init)));
}

void renderEarly().catch(() => undefined);
void refresh();
renderCompanyView(LOADING);
void refreshCompanyView();
// Opened while the browser enrolls or uploads, the popup follows: "Connecting…" turns into what the upload said.
// Not during "Upload now", which shows the connection and its result together when the upload is done.
const followUploads = () => {
  if ($<HTMLButtonElement>('#upload-now').disabled) return;
  void refresh();
  void refreshCompanyView();
};
store.sync.watch(followUploads);
store.device.watch(followUploads);
