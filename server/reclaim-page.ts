// The small page a seat holder reaches from the keep-or-release email: no login, no script, one form.
import { escapeHtml } from './domain/html-text.ts';

const STYLE =
  'body{font-family:system-ui,sans-serif;color:#1d2440;background:#f5f6fa;margin:0}' +
  'main{max-width:32rem;margin:8vh auto;background:white;border:1px solid #dde1ea;border-radius:10px;padding:2rem}\n' +
  'h1{font-size:1.4rem;margin-top:0}' +
  'button{font:inherit;padding:.6rem 1rem;border-radius:6px;border:1px solid #3a56d4;background:#3a56d4;color:white;' +
  'cursor:pointer;margin:.25rem .5rem .25rem 0}\n' +
  'button.secondary{background:white;color:#1d2440;border-color:#b9bfcc}label{display:block;margin:.75rem 0 .25rem}' +
  'textarea{width:100%;font:inherit;box-sizing:border-box}.muted{color:#5a6275}';

const HEAD =
  '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">\n';

export function page(title: string, body: string): string {
  return (
    `${HEAD}<title>${escapeHtml(title)} · Seatwise</title><style>${STYLE}</style></head>` +
    `<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`
  );
}

export function questionPage(input: {
  subscriptionName: string;
  email: string;
  respondBy: string | null;
  action: string;
}): string {
  return page(
    `Do you still need ${input.subscriptionName}?`,
    `<p>Your ${escapeHtml(input.subscriptionName)} account (${escapeHtml(input.email)}) ` +
      'has seen little or no use lately.</p>\n' +
      `<form method="post" action="${escapeHtml(input.action)}">\n` +
      '<label for="reason">If you keep it, what do you use it for? (optional)</label>\n' +
      '<textarea id="reason" name="reason" rows="2" maxlength="500"></textarea>\n' +
      '<p><button type="submit" name="decision" value="keep">I still need it</button>' +
      '<button type="submit" name="decision" value="release" class="secondary">Give the seat back</button></p>\n' +
      `</form>${input.respondBy ? `<p class="muted">Please answer by ${escapeHtml(input.respondBy)}.</p>` : ''}`,
  );
}
