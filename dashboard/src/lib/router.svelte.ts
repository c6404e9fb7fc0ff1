// A tiny hash router: `#/page?key=value`, so the server only has to serve index.html.
class Route {
  path = $state('/subscriptions');
  params = $state<URLSearchParams>(new URLSearchParams());

  constructor() {
    this.read();
    window.addEventListener('hashchange', () => this.read());
  }

  private read(): void {
    const hash = window.location.hash.replace(/^#/, '') || '/subscriptions';
    const [path, query] = hash.split('?');
    this.path = path || '/subscriptions';
    this.params = new URLSearchParams(query ?? '');
  }
}

export const route = new Route();

export function navigate(path: string): void {
  window.location.hash = path;
}
