// Dragging a card or a backlog row with the pointer: nothing happens until
// the pointer has moved a few pixels (so a click stays a click), then a
// copy follows the pointer, the page hears where it is, and release drops
// it there. Escape cancels.

export interface DragHandlers {
  move: (x: number, y: number) => void;
  drop: (x: number, y: number) => void;
  cancel: () => void;
}

const THRESHOLD = 4;

export function dragFrom(down: PointerEvent, label: string, h: DragHandlers): void {
  if (down.button !== 0) return;
  const source = down.currentTarget as HTMLElement;
  const [x0, y0] = [down.clientX, down.clientY];
  let ghost: HTMLElement | null = null;
  const place = (x: number, y: number) => {
    if (ghost) ghost.style.transform = `translate(${x + 10}px, ${y + 6}px)`;
  };
  const onMove = (e: PointerEvent) => {
    if (!ghost) {
      if (Math.hypot(e.clientX - x0, e.clientY - y0) < THRESHOLD) return;
      ghost = document.createElement('div');
      ghost.className = 'drag-ghost';
      ghost.textContent = label;
      ghost.style.width = `${Math.min(260, source.offsetWidth)}px`;
      document.body.append(ghost);
      source.classList.add('dragging');
    }
    place(e.clientX, e.clientY);
    h.move(e.clientX, e.clientY);
  };
  const finish = () => {
    window.removeEventListener('pointermove', onMove);
    window.removeEventListener('pointerup', onUp);
    window.removeEventListener('keydown', onKey, true);
    ghost?.remove();
    source.classList.remove('dragging');
  };
  const onUp = (e: PointerEvent) => {
    const dragged = ghost !== null;
    finish();
    if (dragged) h.drop(e.clientX, e.clientY);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    const dragged = ghost !== null;
    finish();
    if (dragged) h.cancel();
  };
  window.addEventListener('pointermove', onMove);
  window.addEventListener('pointerup', onUp);
  window.addEventListener('keydown', onKey, true);
}
