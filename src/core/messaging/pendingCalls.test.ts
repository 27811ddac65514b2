import { describe, expect, it } from 'vitest';
import { createPendingCalls } from './pendingCalls';

describe('pending calls', () => {
  it('answers each request by its id, whatever the order of the replies', async () => {
    const calls = createPendingCalls();
    const sent: number[] = [];
    const a = calls.call<string>((id) => sent.push(id));
    const b = calls.call<string>((id) => sent.push(id));
    expect(sent).toEqual([0, 1]);
    calls.settle({ id: 1, result: 'second' });
    calls.settle({ id: 0, error: 'first failed' });
    await expect(b).resolves.toBe('second');
    await expect(a).rejects.toThrow('first failed');
  });

  it('rejects what waits and every later call once the channel fails, keeping the first reason', async () => {
    const calls = createPendingCalls();
    const waiting = calls.call(() => {});
    calls.fail('the worker exited (code 1)');
    calls.fail('The replica was closed.');
    await expect(waiting).rejects.toThrow('the worker exited (code 1)');
    let sent = false;
    await expect(calls.call(() => (sent = true))).rejects.toThrow('the worker exited (code 1)');
    expect(sent).toBe(false);
  });
});
