// Short messages at the bottom of the window, some with an action (Undo).

export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
  action?: { label: string; run: () => void };
}

let next = 1;
export const toasts = $state<Toast[]>([]);

export function toast(text: string, tone: Toast['tone'] = 'info', action?: Toast['action']): void {
  const id = next++;
  toasts.push({ id, text, tone, action });
  setTimeout(() => dismiss(id), tone === 'error' ? 9000 : 6000);
}

export function dismiss(id: number): void {
  const at = toasts.findIndex((t) => t.id === id);
  if (at >= 0) toasts.splice(at, 1);
}

/** Awaits a change and says it is done (`done`) or why it was refused;
 * true when it was made. */
export async function attempt<T>(what: Promise<T>, done?: string): Promise<boolean> {
  try {
    await what;
    if (done) toast(done);
    return true;
  } catch (e) {
    toast((e as Error).message, 'error');
    return false;
  }
}
