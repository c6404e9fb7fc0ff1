import { Hono } from 'hono';
import { expect, it } from 'vitest';
import { admitInTurn } from '../../server/middleware/admission.ts';

/** An app whose handler waits until the test lets request `n` finish (or fail); records who started when. */
function gatedApp(limit: number) {
  const started: number[] = [];
  const finish = new Map<number, { ok: () => void; fail: () => void }>();
  const app = new Hono()
    .onError((_error, c) => c.text('failed', 500))
    .get('/work/:n', admitInTurn(limit), async (c) => {
      const n = Number(c.req.param('n'));
      started.push(n);
      await new Promise<void>((ok, fail) => finish.set(n, { ok, fail: () => fail(new Error(`request ${n} failed`)) }));
      return c.text(`done ${n}`);
    });
  return { app, started, finish };
}

const settle = () => new Promise((done) => setImmediate(done));

it('works on at most `limit` requests at once and admits the rest in arrival order', async () => {
  const { app, started, finish } = gatedApp(2);
  const replies = [1, 2, 3, 4, 5].map((n) => app.request(`/work/${n}`));
  await settle();
  expect(started).toEqual([1, 2]);
  finish.get(2)!.ok();
  await settle();
  expect(started).toEqual([1, 2, 3]);
  finish.get(1)!.ok();
  finish.get(3)!.ok();
  await settle();
  expect(started).toEqual([1, 2, 3, 4, 5]);
  finish.get(4)!.ok();
  finish.get(5)!.ok();
  const texts = await Promise.all(replies.map(async (reply) => (await reply).text()));
  expect(texts).toEqual(['done 1', 'done 2', 'done 3', 'done 4', 'done 5']);
});

it('a request that fails passes its turn on, so a failing burst never wedges the route', async () => {
  const { app, started, finish } = gatedApp(1);
  const first = app.request('/work/1');
  const second = app.request('/work/2');
  await settle();
  expect(started).toEqual([1]);
  finish.get(1)!.fail();
  expect((await first).status).toBe(500);
  await settle();
  expect(started).toEqual([1, 2]);
  finish.get(2)!.ok();
  expect(await (await second).text()).toBe('done 2');
  // With nobody waiting, the freed turn is counted back: a later request starts at once.
  const third = app.request('/work/3');
  await settle();
  expect(started).toEqual([1, 2, 3]);
  finish.get(3)!.ok();
  expect((await third).status).toBe(200);
});

it('a request ending its turn early lets the next one in while it still waits; its turn counts once', async () => {
  const started: number[] = [];
  const finish = new Map<number, () => void>();
  const app = new Hono().get('/work/:n', admitInTurn(1), async (c) => {
    const n = Number(c.req.param('n'));
    started.push(n);
    c.get('endTurn')();
    // Ending twice (here and when the request finishes) gives back one turn, not two.
    c.get('endTurn')();
    await new Promise<void>((ok) => finish.set(n, ok));
    return c.text(`done ${n}`);
  });
  const replies = [1, 2, 3].map((n) => app.request(`/work/${n}`));
  await settle();
  expect(started).toEqual([1, 2, 3]);
  for (const n of [1, 2, 3]) finish.get(n)!();
  expect(await Promise.all(replies.map(async (reply) => (await reply).text()))).toEqual(['done 1', 'done 2', 'done 3']);

  // The three turns ended once each: with the limit of 1, a gated fourth and fifth still go one at a time.
  const gated = new Hono().get('/hold/:n', admitInTurn(1), async (c) => {
    const n = Number(c.req.param('n'));
    started.push(n);
    await new Promise<void>((ok) => finish.set(n, ok));
    c.get('endTurn')();
    return c.text(`done ${n}`);
  });
  const fourth = gated.request('/hold/4');
  const fifth = gated.request('/hold/5');
  await settle();
  expect(started).toEqual([1, 2, 3, 4]);
  finish.get(4)!();
  expect(await (await fourth).text()).toBe('done 4');
  await settle();
  expect(started).toEqual([1, 2, 3, 4, 5]);
  finish.get(5)!();
  expect(await (await fifth).text()).toBe('done 5');
});
