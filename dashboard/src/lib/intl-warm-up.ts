// Runs as a worker while the dashboard loads: sets up the browser's number and date formatting, then ends.
// The first Intl formatter in a tab loads its locale data, which takes tens of ms on a phone; that set-up is shared
// by every thread of the tab, so done here it is off the main thread, and the page's own first figures draw sooner.
// (A phone's first overview spent 20 to 100 ms of one main-thread task on it before.) Nothing here is kept.

new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(1);
new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 }).format(0.5);
new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' }).format(new Date());
self.close();
