// Dragging a handle (a column edge, a splitter): the pointer is captured by
// the handle, `move` hears how far it went, `done` runs on release.

export function followPointer(down: PointerEvent, move: (dx: number) => void, done: () => void): void {
  const handle = down.currentTarget as HTMLElement;
  handle.setPointerCapture(down.pointerId);
  const from = down.clientX;
  const onMove = (e: PointerEvent) => move(e.clientX - from);
  handle.addEventListener('pointermove', onMove);
  handle.addEventListener(
    'pointerup',
    () => {
      handle.removeEventListener('pointermove', onMove);
      done();
    },
    { once: true },
  );
}
