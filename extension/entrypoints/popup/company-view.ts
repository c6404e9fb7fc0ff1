// Renders the popup's "What your company sees" section from a CompanyView (lib/company-view.ts holds the logic).
import { type CompanyView, type LocalApp, retentionLine, seatStatusLine, signedInLine } from '../../lib/company-view';
import { formatDuration } from '../../lib/format';

const $ = (selector: string) => document.querySelector<HTMLElement>(selector)!;

function cell(text: string, className = ''): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function showTable(table: string, empty: string, rows: HTMLTableRowElement[] | null): void {
  $(`${table} tbody`).replaceChildren(...(rows ?? []));
  $(table).hidden = rows === null || rows.length === 0;
  $(empty).hidden = rows === null || rows.length > 0;
}

function appRows(apps: readonly LocalApp[]): HTMLTableRowElement[] {
  return apps.map((app) => {
    const row = document.createElement('tr');
    row.dataset.appId = app.appId;
    const seconds = cell(formatDuration(app.activeSeconds));
    seconds.dataset.seconds = String(app.activeSeconds);
    row.append(cell(app.appName), seconds, cell(String(app.days), 'number'));
    return row;
  });
}

export function renderCompanyView(view: CompanyView): void {
  const state = $('#company-state');
  state.dataset.state = view.state;
  const me = view.state === 'loaded' ? view.me : null;
  state.hidden = me !== null;
  if (view.state === 'loading') state.textContent = "Asking your company's server what it holds…";
  else if (view.state !== 'loaded') state.textContent = view.message;

  $('#company-signed-in').hidden = me === null;
  $('#company-retention').hidden = me === null;
  if (me) {
    $('#company-signed-in').textContent = signedInLine(me);
    $('#company-retention').textContent = retentionLine(me);
  }
  const apps = me?.apps ?? (view.state === 'unreachable' ? view.local : null);
  showTable('#company-apps', '#company-no-usage', apps ? appRows(apps) : null);

  $('#company-seats-heading').hidden = me === null;
  const seats = me?.seats.map((seat) => {
    const row = document.createElement('tr');
    row.dataset.seatId = String(seat.seatId);
    row.dataset.status = seat.status ?? 'assigned_later';
    row.append(cell(seat.appName), cell(seat.plan), cell(seatStatusLine(seat)));
    return row;
  });
  showTable('#company-seats', '#company-no-seats', seats ?? null);
}
