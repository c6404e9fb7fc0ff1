// One Firefox suite's parts: a Seatwise server, the stand-in SaaS sites, an admin API client, the machine's Firefox
// policy for the add-on and Firefox with the built add-on (headed on Xvfb if asked); stopped in reverse, whatever
// part was started, also when starting failed half way.
import { rmSync } from 'node:fs';
import { expect } from 'vitest';
import { waitFor } from '../../support/wait-for.ts';
import { type ApiClient, signIn } from './api-client.ts';
import { FIREFOX_POLICIES, type FirefoxWithAddon, launchFirefoxWithAddon, writeFirefoxPolicy } from './firefox.ts';
import { type SaasSites, startSaasSites } from './saas-sites.ts';
import { E2E_ADMIN, type SeatwiseProcess, startSeatwise } from './seatwise-process.ts';
import { type Display, ensureDisplay } from './xvfb.ts';

export type FirefoxScenarioOptions = {
  person: string;
  label: string;
  idleSeconds: number;
  /** Headed on a virtual display, where idle is read from the X server. */
  headed?: boolean;
  /** More of the server's environment (single sign-on, say). */
  seatwiseEnv?: Record<string, string>;
  /** Runs once the server is up and before Firefox starts (which enrolls at once): settings the add-on meets. */
  beforeFirefox?: (scenario: FirefoxScenario) => Promise<void>;
};

const started = <T>(part: T | undefined, name: string): T => {
  if (part === undefined) throw new Error(`the Firefox scenario's ${name} is not started`);
  return part;
};

export class FirefoxScenario {
  #seatwise: SeatwiseProcess | undefined;
  #sites: SaasSites | undefined;
  #api: ApiClient | undefined;
  #display: Display | undefined;
  #firefox: FirefoxWithAddon | undefined;
  #wrotePolicy = false;

  get seatwise() {
    return started(this.#seatwise, 'server');
  }
  get api() {
    return started(this.#api, 'API client');
  }
  get firefox() {
    return started(this.#firefox, 'Firefox');
  }
  get display() {
    return started(this.#display, 'display');
  }

  async start(options: FirefoxScenarioOptions): Promise<void> {
    expect(process.getuid?.(), `this suite writes ${FIREFOX_POLICIES} and needs root`).toBe(0);
    this.#seatwise = await startSeatwise(options.seatwiseEnv);
    this.#sites = await startSaasSites();
    if (options.headed) this.#display = await ensureDisplay();
    this.#api = await signIn(this.seatwise.url, E2E_ADMIN.email, E2E_ADMIN.password);
    await options.beforeFirefox?.(this);
    const { token } = await this.api.post<{ token: string }>('/api/v1/enrollment-tokens', { label: options.label });
    writeFirefoxPolicy({
      serverUrl: this.seatwise.url,
      enrollmentToken: token,
      userEmail: options.person,
      uploadIntervalMinutes: 1,
      idleSeconds: options.idleSeconds,
    });
    this.#wrotePolicy = true;
    this.#firefox = await launchFirefoxWithAddon({
      sitesPort: this.#sites.port,
      hosts: /^([a-z0-9-]+\.)*(slack\.com|example\.org)$/,
      ...(this.#display ? { display: this.#display.display } : {}),
    });
  }

  /** After an outage: the server started again on the same database and port, and a new admin session on it. */
  async serverBack(server: SeatwiseProcess): Promise<void> {
    this.#seatwise = server;
    this.#api = await signIn(server.url, E2E_ADMIN.email, E2E_ADMIN.password);
  }

  /** Waits until the person's device has enrolled from the policy, and returns it. */
  enrolledDevice(person: string, timeoutMs: number) {
    return waitFor(
      'the add-on to enroll with the policy settings',
      async () => {
        const { devices } = await this.api.get<{ devices: { email: string; browser: string }[] }>('/api/v1/devices');
        return devices.find((d) => d.email === person);
      },
      { timeoutMs },
    );
  }

  /** Waits for the first upload with Slack seconds for the person (uploads run every minute by policy). */
  async firstSlackUsage(person: string) {
    return waitFor(
      'Slack usage to reach the server',
      async () => {
        const rows = await this.api.get<{ appId: string; activeSeconds: number }[]>(`/api/v1/usage?email=${person}`);
        return rows.find((row) => row.appId === 'slack' && row.activeSeconds > 0);
      },
      { timeoutMs: 150_000 },
    );
  }

  /** Every part is stopped even when another fails to; the policy goes first (Firefox reads it only at start). */
  async stop(): Promise<void> {
    if (this.#wrotePolicy) rmSync(FIREFOX_POLICIES, { force: true });
    const failures: unknown[] = [];
    const firefox = this.#firefox;
    const steps = [firefox && (() => firefox.close()), this.#sites?.stop, this.#display?.stop, this.#seatwise?.stop];
    for (const step of steps) {
      try {
        await step?.();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw new AggregateError(failures, 'parts of the Firefox scenario failed to stop');
  }
}
