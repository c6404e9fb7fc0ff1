// Who is signed in, shared by every page.
import type { Me, Role } from '../../../server/contract.ts';
import { api, whenUnauthenticated } from './api.ts';

const EDITORS: Record<'subscriptions' | 'spend' | 'seats' | 'apps' | 'devices' | 'admin', Role[]> = {
  subscriptions: ['admin', 'finance'],
  spend: ['admin', 'finance'],
  seats: ['admin', 'it'],
  apps: ['admin', 'it'],
  devices: ['admin', 'it'],
  admin: ['admin'],
};

class Session {
  me = $state<Me | null>(null);
  checked = $state(false);
  /** Set by signing out here, so the sign-in page can offer signing out at the identity provider too. */
  signedOut = $state(false);

  async load(): Promise<void> {
    try {
      this.me = (await api.session()).user;
    } finally {
      this.checked = true;
    }
  }

  async logout(): Promise<void> {
    await api.logout();
    this.me = null;
    this.signedOut = true;
  }

  /** The server enforces roles; this only hides controls a person may not use. */
  canEdit(area: keyof typeof EDITORS): boolean {
    return this.me !== null && EDITORS[area].includes(this.me.role);
  }
}

export const session = new Session();
whenUnauthenticated(() => {
  session.me = null;
});
