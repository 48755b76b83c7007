import { LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import ApexCharts from 'apexcharts';
import { axisStep, tickLabel } from './time-axis';

/**
 * A point: `[epochMillis, value, expected, lower, upper, anomaly (0|1), injected (0|1), severity,
 * score, why]`, null where unknown; the last three only for anomalies, and optional.
 */
type Row = [number, number | null, number | null, number | null, number | null, number?, number?,
  (number | null)?, (number | null)?, (string | null)?];
type Load = { from: number; to: number; live: boolean; highlight: number | null; rows: Row[] };
type P = { x: number; y: number };
type SeriesDef = {
  name: string;
  type: string;
  data: unknown[];
  color: string;
  fill: number;
  width: number;
  dash: number;
  marker: number;
};

const UTC_FULL = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
  second: '2-digit', hour12: false,
});

/**
 * The dashboard's chart: a Lit element over ApexCharts 4.7.0 (the last MIT release), in UTC.
 *
 * The server loads a time range (`load`): the points thinned to the chart's width and every
 * anomaly kept whole. In live mode it then sends only new points (`append`) and the window slides
 * with them, thinning itself so the chart never holds more than a few points per pixel. Zooming
 * (drag across the plot, or the toolbar's + and -) asks the server for the range shown
 * (`range-request`), which loads it at full detail and leaves live mode.
 *
 * ApexCharts rebuilds its whole SVG on every update, so redraws for pushes are paced by their own
 * cost: after a redraw that took d ms, pushes within the next d * (1 / DRAW_SHARE - 1) ms are only
 * stored, which keeps the chart's share of the main thread near DRAW_SHARE; points are never
 * dropped, only drawn together. What a person asked for (a load, a preview) is drawn at once.
 * Rendered in light DOM because ApexCharts injects global styles and measures its own container.
 */
@customElement('zscope-live-chart')
export class LiveChart extends LitElement {
  /** Without a loaded range (a backtest's points): how many points the chart keeps; older ones scroll out. */
  @property({ type: Number, attribute: 'max-points' }) maxPoints = 600;
  /** With a range in live mode: points kept per pixel of width at most, before it thins them. */
  @property({ type: Number, attribute: 'points-per-pixel' }) pointsPerPixel = 2;

  private static readonly DRAW_SHARE = 0.25;
  /** Band and expected points this close to a straight line (share of the value range) are not drawn. */
  private static readonly STRAIGHT = 0.002;
  private static readonly FALLBACK_MS = 500;
  /** Roughly one time label per this many pixels of width. */
  private static readonly PX_PER_TICK = 110;

  private chart?: ApexCharts;
  /** The time axis under the plot, drawn by this element: round UTC steps inside the exact window. */
  private axis?: HTMLDivElement;
  private resize?: ResizeObserver;
  private nextRedrawAt = 0;
  private fallback?: ReturnType<typeof setTimeout>;
  private redrawPending = false;
  private rows: Row[] = [];
  /** The anomalies and injected points among the rows, kept whole whatever is thinned. */
  private marks: Row[] = [];
  /** Whether a range was loaded; without one the window is the points' own span. */
  private ranged = false;
  private previewPoints: P[] = [];
  private from = 0;
  private to = 0;
  private live = false;
  private highlight: number | null = null;
  /** The series drawn, for the tooltip. */
  private drawn: SeriesDef[] = [];

  protected createRenderRoot() {
    return this;
  }

  connectedCallback() {
    super.connectedCallback();
    const host = document.createElement('div');
    host.className = 'zscope-live-chart-canvas';
    this.appendChild(host);
    this.axis = document.createElement('div');
    this.axis.className = 'zscope-time-axis';
    this.appendChild(this.axis);
    this.chart = new ApexCharts(host, this.options());
    this.chart.render();
    this.resize = new ResizeObserver(() => requestAnimationFrame(() => this.drawTicks()));
    this.resize.observe(this);
    this.drawNextFrame();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.fallback);
    this.fallback = undefined;
    this.resize?.disconnect();
    this.chart?.destroy();
    this.chart = undefined;
    this.axis = undefined;
    this.replaceChildren();
  }

  /**
   * Shows a range (`{from, to, live, highlight, rows}`): its thinned points with every anomaly, the
   * window, whether it follows new points, and a highlighted moment (or null).
   */
  load(json: string) {
    const l = JSON.parse(json) as Load;
    this.rows = l.rows;
    this.marks = l.rows.filter(flagged);
    this.ranged = true;
    this.from = l.from;
    this.to = l.to;
    this.live = l.live;
    this.highlight = l.highlight;
    this.dataset.from = String(l.from);
    this.dataset.to = String(l.to);
    this.dataset.live = String(l.live);
    this.dataset.highlight = l.highlight === null ? '' : String(l.highlight);
    this.drawNextFrame();
  }

  /** Forgets every point (another stream is about to be shown). */
  clear() {
    this.rows = [];
    this.marks = [];
    this.ranged = false;
    this.previewPoints = [];
    this.highlight = null;
    this.dataset.highlight = '';
    this.drawNextFrame();
  }

  /** Marks the points candidate settings would have flagged (`[[t, v], ...]`); empty to clear. */
  preview(json: string) {
    this.previewPoints = (JSON.parse(json) as [number, number][]).map(([x, y]) => ({ x, y }));
    this.dataset.preview = String(this.previewPoints.length);
    this.drawNextFrame();
  }

  /** New points at the right edge; in live mode the window slides with them. */
  append(json: string) {
    const more = JSON.parse(json) as Row[];
    for (const r of more) {
      this.rows.push(r);
      if (flagged(r)) this.marks.push(r);
    }
    if (!this.ranged) {
      const extra = this.rows.length - this.maxPoints;
      if (extra > 0) this.rows.splice(0, extra);
      const first = this.rows.length > 0 ? this.rows[0][0] : 0;
      this.marks = this.marks.filter((m) => m[0] >= first);
    } else if (this.live && this.rows.length > 0) {
      const newest = this.rows[this.rows.length - 1][0];
      if (newest > this.to) {
        const width = this.to - this.from;
        this.to = newest;
        this.from = newest - width;
        this.dataset.from = String(this.from);
        this.dataset.to = String(this.to);
      }
      this.trim();
      this.thin();
    }
    this.scheduleRedraw();
  }

  /** Drops what slid out of the window (one row before it stays, so the line enters from the edge). */
  private trim() {
    let first = 0;
    while (first + 1 < this.rows.length && this.rows[first + 1][0] < this.from) first++;
    if (first > 0) this.rows.splice(0, first);
    this.marks = this.marks.filter((m) => m[0] >= this.from);
  }

  /**
   * Keeps at most `pointsPerPixel` points per pixel: when there are more, each pixel's worth of
   * points becomes its lowest and highest, in time order, as the server thins a loaded range.
   */
  private thin() {
    const width = Math.max(100, this.clientWidth);
    if (this.rows.length <= 2 * this.pointsPerPixel * width) return;
    const bucket = Math.max(1, (this.to - this.from) / width);
    const out: Row[] = [];
    let i = 0;
    while (i < this.rows.length) {
      const key = Math.floor((this.rows[i][0] - this.from) / bucket);
      let lo = this.rows[i];
      let hi = this.rows[i];
      let j = i + 1;
      while (j < this.rows.length && Math.floor((this.rows[j][0] - this.from) / bucket) === key) {
        const r = this.rows[j];
        if (flagged(r)) out.push(r); // kept whole, as the server keeps anomalies
        if (r[1] !== null && (lo[1] === null || r[1] < lo[1])) lo = r;
        if (r[1] !== null && (hi[1] === null || r[1] > hi[1])) hi = r;
        j++;
      }
      if (lo === hi) out.push(lo);
      else if (lo[0] <= hi[0]) out.push(lo, hi);
      else out.push(hi, lo);
      i = j;
    }
    this.rows = [...new Set(out)].sort((a, b) => a[0] - b[0]);
  }

  private scheduleRedraw() {
    const wait = this.nextRedrawAt - performance.now();
    if (wait <= 0) {
      this.drawNextFrame();
    } else if (this.fallback === undefined) {
      this.fallback = setTimeout(() => this.drawNextFrame(), wait + LiveChart.FALLBACK_MS);
    }
  }

  private drawNextFrame() {
    clearTimeout(this.fallback);
    this.fallback = undefined;
    if (this.redrawPending) return;
    this.redrawPending = true;
    requestAnimationFrame(() => {
      this.redrawPending = false;
      const start = performance.now();
      this.redraw();
      const end = performance.now();
      this.nextRedrawAt = end + (end - start) * (1 / LiveChart.DRAW_SHARE - 1);
    });
  }

  private redraw() {
    if (!this.chart) return;
    const value: P[] = [];
    const expected: P[] = [];
    const band: { x: number; y: [number, number] }[] = [];
    const anomalies: P[] = [];
    const injected: P[] = [];
    let lowest = Infinity;
    let highest = -Infinity;
    for (const [t, v, e, lo, hi] of this.rows) {
      // ApexCharts 4.7 fails on null y values in mixed charts: points without a value are left out.
      if (v !== null) {
        value.push({ x: t, y: v });
        lowest = Math.min(lowest, v);
        highest = Math.max(highest, v);
      }
      if (e !== null) expected.push({ x: t, y: e });
      if (lo !== null && hi !== null) {
        band.push({ x: t, y: [lo, hi] });
        lowest = Math.min(lowest, lo);
        highest = Math.max(highest, hi);
      }
    }
    for (const m of this.marks) {
      if (m[1] === null) continue;
      if (m[5] === 1) anomalies.push({ x: m[0], y: m[1] });
      if (m[6] === 1) injected.push({ x: m[0], y: m[1] });
      lowest = Math.min(lowest, m[1]);
      highest = Math.max(highest, m[1]);
    }
    if (!this.ranged) {
      this.from = this.rows.length > 0 ? this.rows[0][0] : 0;
      this.to = this.rows.length > 0 ? this.rows[this.rows.length - 1][0] : 1;
    }
    const preview = this.previewPoints.filter((p) => p.x >= this.from && p.x <= this.to);
    const pad = Math.max((highest - lowest) * 0.05, 1e-9);
    const tolerance = (highest - lowest) * LiveChart.STRAIGHT;
    const defs: SeriesDef[] = [];
    if (band.length > 0) {
      defs.push({ name: 'Normal band', type: 'rangeArea', data: straighten(band, (p) => p.y, tolerance),
        color: '#9bb7e0', fill: 0.3, width: 0, dash: 0, marker: 0 });
    }
    defs.push({ name: 'Value', type: 'line', data: value, color: '#1a66d6', fill: 1, width: 2, dash: 0, marker: 0 });
    if (expected.length > 0) {
      defs.push({ name: 'Expected', type: 'line', data: straighten(expected, (p) => [p.y], tolerance),
        color: '#3b4654', fill: 1, width: 1.5, dash: 5, marker: 0 });
    }
    defs.push({ name: 'Anomaly', type: 'scatter', data: anomalies, color: '#e0242b', fill: 1, width: 0, dash: 0, marker: 7 });
    if (injected.length > 0) {
      defs.push({ name: 'Injected by the simulator', type: 'scatter', data: injected, color: '#f59f00', fill: 1,
        width: 0, dash: 0, marker: 4 });
    }
    if (preview.length > 0) {
      defs.push({ name: 'Preview: would be flagged', type: 'scatter', data: preview, color: '#8e44ad', fill: 0.5,
        width: 0, dash: 0, marker: 10 });
    }
    this.drawn = defs;
    const from = this.from;
    const to = Math.max(this.to, from + 1);
    this.chart.updateOptions(
      {
        series: defs.map((d) => ({ name: d.name, type: d.type, data: d.data })),
        colors: defs.map((d) => d.color),
        fill: { opacity: defs.map((d) => d.fill) },
        stroke: { curve: 'straight', width: defs.map((d) => d.width), dashArray: defs.map((d) => d.dash) },
        markers: { size: defs.map((d) => d.marker), strokeWidth: 0, hover: { sizeOffset: 2 } },
        // The exact window; its labels are this element's own (drawTicks): ApexCharts puts numeric
        // ticks at even fractions of the window, so times would be uneven and jump as it slides.
        xaxis: { type: 'numeric', min: from, max: to, labels: { show: false }, axisTicks: { show: false } },
        // Fit the data: a range-area chart would otherwise start its axis at zero.
        yaxis: Number.isFinite(lowest)
          ? { decimalsInFloat: 2, min: lowest - pad, max: highest + pad }
          : { decimalsInFloat: 2 },
        annotations: this.annotations(),
      },
      false,
      false,
    );
    this.dataset.points = String(this.rows.length);
    this.dataset.anomalies = String(anomalies.length);
    this.dataset.injected = String(injected.length);
  }

  /** The highlighted moment: a line across the plot and a ring around its point. */
  private annotations(): ApexCharts.ApexOptions['annotations'] {
    const t = this.highlight;
    if (t === null) return { xaxis: [], points: [] };
    const mark = this.marks.find((m) => m[0] === t);
    let y: number | null = mark ? mark[1] : null;
    if (y === null) {
      let best = Infinity;
      for (const r of this.rows) {
        if (r[1] !== null && Math.abs(r[0] - t) < best) {
          best = Math.abs(r[0] - t);
          y = r[1];
        }
      }
    }
    return {
      xaxis: [{ x: t, borderColor: '#111', strokeDashArray: 0, opacity: 0.5 }],
      points: y === null ? [] : [{
        x: t, y, marker: { size: 11, fillColor: 'transparent', strokeColor: '#111', strokeWidth: 3 },
        label: { text: 'Selected', borderColor: '#111', style: { background: '#111', color: '#fff' } },
      }],
    };
  }

  /**
   * Labels the plot's time axis at round UTC steps (a few per 110 pixels), positioned from the
   * plot's own geometry, so they stay put while a live window slides under them; the labels are
   * also in `data-ticks` for tests.
   */
  private drawTicks() {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const g = (this.chart as any)?.w?.globals;
    if (!g || !this.axis || !(g.maxX > g.minX) || !(g.gridWidth > 0)) return;
    const min: number = g.minX;
    const max: number = g.maxX;
    const step = axisStep(max - min, Math.max(2, Math.floor(g.gridWidth / LiveChart.PX_PER_TICK)));
    const first = Math.ceil(min / step) * step;
    const year = new Date().getUTCFullYear();
    const ticks: HTMLElement[] = [];
    const texts: string[] = [];
    for (let t = first; t <= max; t += step) {
      const text = tickLabel(t, step, t === first, year);
      const tick = document.createElement('span');
      tick.className = 'zscope-time-tick';
      tick.textContent = text;
      tick.style.left = `${g.translateX + ((t - min) / (max - min)) * g.gridWidth}px`;
      ticks.push(tick);
      texts.push(text);
    }
    const zone = document.createElement('span');
    zone.className = 'zscope-time-zone';
    zone.textContent = 'UTC';
    this.axis.replaceChildren(...ticks, zone);
    // Labels that would overlap drop out: the first (it carries the date) stays, left-aligned where
    // centring it would run into the value axis; the others need room after it and before "UTC".
    const end = zone.offsetLeft - 6;
    let lastRight = -Infinity;
    const kept: string[] = [];
    ticks.forEach((tick, i) => {
      const x = parseFloat(tick.style.left);
      const width = tick.offsetWidth;
      let left = x - width / 2;
      if (i === 0 && left < g.translateX - 4) {
        tick.classList.add('zscope-time-tick-start');
        left = x;
      }
      if (i === 0 || (left >= lastRight + 8 && left + width <= end)) {
        lastRight = left + width;
        kept.push(texts[i]);
      } else {
        tick.remove();
      }
    });
    this.dataset.ticks = kept.join('|');
  }

  /** What a point under the pointer is: its time, value, and for a mark why it was flagged. */
  private tooltip(seriesIndex: number, dataPointIndex: number): string {
    const def = this.drawn[seriesIndex];
    if (!def) return '';
    const p = def.data[dataPointIndex] as { x: number; y: number | [number, number] };
    if (!p) return '';
    const lines: string[] = [`<b>${esc(UTC_FULL.format(p.x))} UTC</b>`];
    const mark = def.type === 'scatter' ? this.marks.find((m) => m[0] === p.x) : undefined;
    if (mark) {
      lines.push(`${esc(def.name)}: ${fmt(mark[1])}`);
      if (mark[5] === 1) {
        if (mark[7] !== null && mark[7] !== undefined) lines.push(`Severity ${fmt(mark[7])} (raw score ${fmt(mark[8])})`);
        else if (mark[8] !== null && mark[8] !== undefined) lines.push(`Score ${fmt(mark[8])}`);
        if (mark[9]) lines.push(esc(mark[9]));
      }
    } else if (Array.isArray(p.y)) {
      lines.push(`Normal band ${fmt(p.y[0])} … ${fmt(p.y[1])}`);
    } else {
      lines.push(`${esc(def.name)} ${fmt(p.y)}`);
    }
    return `<div class="zscope-chart-tip">${lines.join('<br>')}</div>`;
  }

  private options(): ApexCharts.ApexOptions {
    return {
      chart: {
        type: 'rangeArea',
        height: '100%',
        animations: { enabled: false },
        toolbar: {
          show: true,
          tools: { download: false, selection: false, zoom: true, zoomin: true, zoomout: true, pan: false, reset: false },
        },
        zoom: { enabled: true, type: 'x', autoScaleYaxis: true },
        events: {
          zoomed: (_ctx: unknown, range: { xaxis: { min?: number; max?: number } }) => this.zoomed(range.xaxis),
          mounted: () => this.drawTicks(),
          updated: () => this.drawTicks(),
        },
        fontFamily: 'inherit',
      },
      series: [{ name: 'Value', type: 'line', data: [] }],
      dataLabels: { enabled: false },
      legend: { show: true, position: 'top', horizontalAlign: 'left' },
      // A numeric axis: ApexCharts' datetime axis measures a label for every unit of its time scale
      // on each redraw, which made a third of a redraw's cost; the labels are drawTicks'.
      xaxis: { type: 'numeric', labels: { show: false }, axisTicks: { show: false } },
      yaxis: { decimalsInFloat: 2 },
      tooltip: {
        shared: false,
        intersect: false,
        custom: (o: { seriesIndex: number; dataPointIndex: number }) => this.tooltip(o.seriesIndex, o.dataPointIndex),
      },
      noData: { text: 'No points in this range' },
    };
  }

  /** The person zoomed: the server loads that range at full detail, and live mode ends. */
  private zoomed(x: { min?: number; max?: number }) {
    if (x.min === undefined || x.max === undefined) return;
    this.live = false;
    this.dataset.live = 'false';
    this.dispatchEvent(new CustomEvent('range-request', {
      detail: { from: Math.round(x.min), to: Math.round(x.max), width: this.clientWidth },
    }));
  }
}

function flagged(r: Row): boolean {
  return r[5] === 1 || r[6] === 1;
}

function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  return Math.abs(v) >= 1e6 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : String(Number(v.toPrecision(5)));
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Leaves out the points that lie within {@code tolerance} of the straight line from the last point
 * kept to the next one, in every coordinate {@code ys} gives: about one pixel at the chart's usual
 * height, so the band and the expected value look the same, but ApexCharts builds a group per
 * range-area point. The first and last points are kept.
 */
function straighten<T extends { x: number }>(points: T[], ys: (p: T) => number[], tolerance: number): T[] {
  if (points.length < 3 || !(tolerance > 0)) return points;
  const kept: T[] = [points[0]];
  for (let i = 1; i < points.length - 1; i++) {
    const a = kept[kept.length - 1];
    const b = points[i];
    const c = points[i + 1];
    const f = (b.x - a.x) / (c.x - a.x);
    const ya = ys(a);
    const yb = ys(b);
    const yc = ys(c);
    if (yb.some((y, k) => Math.abs(y - (ya[k] + f * (yc[k] - ya[k]))) > tolerance)) kept.push(b);
  }
  kept.push(points[points.length - 1]);
  return kept;
}

declare global {
  interface HTMLElementTagNameMap {
    'zscope-live-chart': LiveChart;
  }
}
