// Draws the workload's cells on a canvas: a frame of scrolling repaints the
// few hundred cells on screen in one pass, with no element made or laid out.
import { cellText, level, type Level, type Row } from './workload';

/** The colours of the cells, read from the page's theme when a frame is drawn. */
interface Palette {
  line: string;
  text: string;
  muted: string;
  red: string;
  fill: Record<Level | 'sub', string>;
  font: string;
}

/** The palette, read once per colour scheme: reading the page's style every frame costs a style pass. */
let cached: { dark: boolean; palette: Palette } | null = null;

function palette(from: Element): Palette {
  const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  if (cached?.dark !== dark) cached = { dark, palette: read(from) };
  return cached.palette;
}

function read(from: Element): Palette {
  const css = getComputedStyle(from);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return {
    line: v('--border'),
    text: v('--text'),
    muted: v('--muted'),
    red: v('--red'),
    fill: { over: v('--red-soft'), full: v('--amber-soft'), busy: v('--green-soft'), off: v('--surface-2'), free: v('--surface'), sub: v('--surface-2') },
    font: css.fontFamily,
  };
}

/**
 * Text drawn once and then copied: drawing a string costs far more than
 * copying its pixels, and a grid of hours holds few different strings.
 */
const sprites = new Map<string, { image: HTMLCanvasElement; width: number }>();

function sprite(text: string, font: string, colour: string, ratio: number): { image: HTMLCanvasElement; width: number } {
  const key = `${ratio}|${font}|${colour}|${text}`;
  let s = sprites.get(key);
  if (s) return s;
  if (sprites.size > 4000) sprites.clear();
  const image = document.createElement('canvas');
  const ctx = image.getContext('2d');
  let width = text.length * 7;
  if (ctx) {
    ctx.font = font;
    width = Math.ceil(ctx.measureText(text).width);
    image.width = Math.max(1, Math.ceil(width * ratio));
    image.height = Math.ceil(LINE * ratio);
    ctx.scale(ratio, ratio);
    ctx.font = font;
    ctx.fillStyle = colour;
      ctx.fillText(text, 0, LINE / 2);
  }
  s = { image, width };
  sprites.set(key, s);
  return s;
}

/** The height of a line of text in a sprite, in CSS pixels. */
const LINE = 16;

export interface Frame {
  rows: Row[];
  /** First and one-past-last row and column to draw. */
  r0: number;
  r1: number;
  c0: number;
  c1: number;
  top: number;
  left: number;
  col: number;
  row: number;
  width: number;
  height: number;
}

/** Paints the cells of `f` on `canvas`, sized to the area in CSS pixels. */
export function paint(canvas: HTMLCanvasElement, f: Frame): void {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(f.width * ratio));
  const h = Math.max(1, Math.round(f.height * ratio));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const p = palette(canvas);
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.fillStyle = p.fill.free;
  ctx.fillRect(0, 0, f.width, f.height);
  const big = `12px ${p.font}`;
  const bold = `700 12px ${p.font}`;
  const small = `10px ${p.font}`;
  for (let r = f.r0; r < f.r1; r++) {
    const row = f.rows[r];
    if (!row) continue;
    const y = r * f.row - f.top;
    for (let i = f.c0; i < f.c1; i++) {
      const x = i * f.col - f.left;
      if (row.kind === 'task') {
        ctx.fillStyle = p.fill.sub;
        ctx.fillRect(x, y, f.col, f.row);
        const m = row.minutes[i] ?? 0;
        if (m) {
          const t = sprite(String(Math.round(m / 60)), big, p.muted, ratio);
          ctx.drawImage(t.image, Math.round(x + (f.col - t.width) / 2), Math.round(y + (f.row - LINE) / 2), t.width, LINE);
        }
        continue;
      }
      const period = row.person.periods[i];
      if (!period) continue;
      const kind = level(period);
      if (kind !== 'free') {
        ctx.fillStyle = p.fill[kind];
        ctx.fillRect(x, y, f.col, f.row);
      }
      if (kind === 'over') {
        ctx.fillStyle = p.red;
        ctx.fillRect(x, y + f.row - 3, f.col, 3);
      }
      const [planned, available] = cellText(period.plannedMinutes, period.availableMinutes);
      if (!planned && !available) continue;
      // The planned hours and "/available" side by side, centred together.
      const a = sprite(planned, kind === 'over' ? bold : big, kind === 'over' ? p.red : kind === 'off' ? p.muted : p.text, ratio);
      const b = sprite(available, small, kind === 'over' ? p.red : p.muted, ratio);
      const x0 = Math.round(x + (f.col - a.width - b.width) / 2);
      const y0 = Math.round(y + (f.row - LINE) / 2);
      if (planned) ctx.drawImage(a.image, x0, y0, a.width, LINE);
      ctx.drawImage(b.image, x0 + (planned ? a.width : 0), y0 + 1, b.width, LINE);
    }
  }
  // The grid's lines, in one path: a line left of each column and under each row, down to the last row.
  const bottom = Math.min(f.height, f.r1 * f.row - f.top);
  const right = Math.min(f.width, f.c1 * f.col - f.left);
  ctx.beginPath();
  for (let i = f.c0; i <= f.c1; i++) {
    const x = Math.round(i * f.col - f.left) + 0.5;
    ctx.moveTo(x, 0);
    ctx.lineTo(x, bottom);
  }
  for (let r = f.r0; r < f.r1; r++) {
    const y = Math.round((r + 1) * f.row - f.top) - 0.5;
    ctx.moveTo(0, y);
    ctx.lineTo(right, y);
  }
  ctx.strokeStyle = p.line;
  ctx.lineWidth = 1;
  ctx.stroke();
}
