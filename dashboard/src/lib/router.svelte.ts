// A tiny hash router: `#/page/id?key=value`, so the server only has to serve index.html.
export const HOME = '/overview';

class Route {
  path = $state(HOME);
  params = $state<URLSearchParams>(new URLSearchParams());

  constructor() {
    this.read();
    window.addEventListener('hashchange', () => this.read());
  }

  /** The path's parts: `/subscriptions/12` -> ['subscriptions', '12']. */
  get segments(): string[] {
    return this.path.split('/').filter(Boolean);
  }

  private read(): void {
    const hash = window.location.hash.replace(/^#/, '') || HOME;
    const [path, query] = hash.split('?');
    this.path = path && path !== '/' ? path : HOME;
    this.params = new URLSearchParams(query ?? '');
  }
}

export const route = new Route();

export function navigate(path: string): void {
  window.location.hash = path;
}

/** Replaces the query of the current page without adding history (filters, sort, page). */
export function setParams(values: Record<string, string | number | null | undefined>): void {
  const params = new URLSearchParams(route.params);
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined || value === '') params.delete(key);
    else params.set(key, String(value));
  }
  const query = params.toString();
  history.replaceState(null, '', `#${route.path}${query ? `?${query}` : ''}`);
  route.params = params;
}
