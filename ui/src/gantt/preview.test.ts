import { describe, expect, it } from 'vitest';
import { LatestOnly, previewSpans } from './preview';

/** A backend that answers when told to. */
function backend() {
  const calls: { req: number; answer: (v: string) => void; refuse: (e: Error) => void }[] = [];
  const send = (req: number) =>
    new Promise<string>((answer, refuse) => {
      calls.push({ req, answer, refuse });
    });
  return { calls, send };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('drag previews', () => {
  it('keep one request in flight and send only the newest of those waiting', async () => {
    const b = backend();
    const got: string[] = [];
    const q = new LatestOnly(b.send, (res) => got.push(res), () => {});
    q.push(1);
    q.push(2);
    q.push(3);
    expect(b.calls.map((c) => c.req)).toEqual([1]);
    b.calls[0]!.answer('one');
    await settle();
    expect(got, 'a stale answer is not shown while a newer request waits').toEqual([]);
    expect(b.calls.map((c) => c.req)).toEqual([1, 3]);
    b.calls[1]!.answer('three');
    await settle();
    expect(got).toEqual(['three']);
  });

  it('ignore answers that arrive after the drag was cancelled', async () => {
    const b = backend();
    const got: string[] = [];
    const errors: unknown[] = [];
    const q = new LatestOnly(b.send, (res) => got.push(res), (e) => errors.push(e));
    q.push(1);
    q.push(2);
    q.cancel();
    b.calls[0]!.answer('late');
    await settle();
    expect(got).toEqual([]);
    expect(b.calls).toHaveLength(1);
    q.push(4);
    b.calls[1]!.refuse(new Error('cycle'));
    await settle();
    expect(errors).toHaveLength(1);
  });

  it('turn a reschedule into dates by task', () => {
    const spans = previewSpans({
      moved: [{ id: 4, name: 'Build', start: '2027-01-06T08:00:00', finish: '2027-01-07T17:00:00' }],
      movedCount: 1,
      finishBefore: '',
      finishAfter: '',
    });
    expect(spans.get(4)).toEqual({ start: '2027-01-06T08:00:00', finish: '2027-01-07T17:00:00' });
  });
});
