// Drag previews: the backend reschedules for every snapped pointer step, but
// never more than one request is in flight; the newest waiting one replaces
// any older, and a cancelled drag ignores answers still on their way.
import type { Rescheduled } from '../lib/ipc';
import type { Span } from './bars';

export class LatestOnly<Req, Res> {
  private busy = false;
  private waiting: { req: Req } | null = null;
  private generation = 0;

  constructor(
    private readonly send: (req: Req) => Promise<Res>,
    private readonly deliver: (res: Res, req: Req) => void,
    private readonly fail: (e: unknown) => void,
  ) {}

  push(req: Req): void {
    if (this.busy) this.waiting = { req };
    else void this.run(req);
  }

  /** Forgets waiting requests and answers not yet delivered. */
  cancel(): void {
    this.waiting = null;
    this.generation += 1;
  }

  /** Whether a request is on its way. */
  get pending(): boolean {
    return this.busy;
  }

  private async run(req: Req): Promise<void> {
    this.busy = true;
    const generation = this.generation;
    try {
      const res = await this.send(req);
      if (generation === this.generation && this.waiting === null) this.deliver(res, req);
    } catch (e) {
      if (generation === this.generation) this.fail(e);
    } finally {
      this.busy = false;
      const next = this.waiting;
      this.waiting = null;
      if (next && generation === this.generation) void this.run(next.req);
    }
  }
}

/** The dates a preview gives, by task. */
export function previewSpans(r: Rescheduled): Map<number, Span> {
  return new Map(r.moved.map((m) => [m.id, { start: m.start, finish: m.finish }]));
}
