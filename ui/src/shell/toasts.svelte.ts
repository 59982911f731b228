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
