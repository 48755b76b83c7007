import { LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import ApexCharts from 'apexcharts';

/** Formatters made once: ApexCharts formats many values per redraw, and each Intl setup is slow. */
const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const DATE_TIME = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

type Row = [number, number | null, number | null, number | null, number | null, number, number];

/**
 * A thin live chart over ApexCharts 4.7.0 (the last MIT release).
 *
 * The server sends only new points (`append`) as compact rows
 * `[epochMillis, value, mean, lower, upper, anomaly(0|1), injected(0|1)]`; this element keeps a bounded window
 * of them and redraws at most a few times per second, so neither the network nor the browser
 * pays for re-sending the whole series.
 *
 * ApexCharts rebuilds its whole SVG on every update (50-90 ms of script for 600 points in headless
 * Chromium on these machines), so redraws are paced by their own cost: after a redraw that took
 * d ms, pushes within the next d * (1 / DRAW_SHARE - 1) ms are only stored, which keeps the chart's
 * share of the page's main thread near DRAW_SHARE. A fast browser redraws at every push (one on
 * these machines at about every other); a slow or busy one at every few pushes, rather than making
 * pushes queue behind redraws (a push that arrives during a redraw waits for it). Points are never
 * dropped, only drawn together. A redraw starts right after the push that allows it, in the quiet
 * time before the next push.
 * Rendered in light DOM because ApexCharts injects global styles and measures its own container.
 */
@customElement('zscope-live-chart')
export class LiveChart extends LitElement {
  /** How many points the chart keeps; older ones scroll out. */
  @property({ type: Number, attribute: 'max-points' }) maxPoints = 600;

  /** The share of the main thread the chart may take for redrawing (see the class comment). */
  private static readonly DRAW_SHARE = 0.25;
  /** Band and mean points this close to a straight line (share of the value range) are not drawn. */
  private static readonly STRAIGHT = 0.002;
  /** How long after a redraw is allowed again stored points wait for a push before drawing alone. */
  private static readonly FALLBACK_MS = 500;

  private chart?: ApexCharts;
  /** Pushes before this performance.now() are stored without a redraw. */
  private nextRedrawAt = 0;
  /** Draws what is stored if no push allows a redraw in time (the stream paused or stopped). */
  private fallback?: ReturnType<typeof setTimeout>;
  private rows: Row[] = [];
  private previewRows: Row[] = [];
  private redrawPending = false;

  protected createRenderRoot() {
    return this;
  }

  connectedCallback() {
    super.connectedCallback();
    const host = document.createElement('div');
    host.className = 'zscope-live-chart-canvas';
    this.appendChild(host);
    this.chart = new ApexCharts(host, this.options());
    this.chart.render();
    this.scheduleRedraw();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.fallback);
    this.fallback = undefined;
    this.chart?.destroy();
    this.chart = undefined;
    this.replaceChildren();
  }

  /** Forgets every point (another stream is about to be shown). */
  clear() {
    this.rows = [];
    this.previewRows = [];
    this.drawNextFrame(); // asked for by a person: not paced
  }

  /** Marks the points candidate settings would have flagged (a preview, not anomalies). */
  preview(json: string) {
    this.previewRows = JSON.parse(json) as Row[];
    this.drawNextFrame(); // asked for by a person: not paced
  }

  /** Adds new points at the right edge. */
  append(json: string) {
    const more = JSON.parse(json) as Row[];
    for (const r of more) this.rows.push(r);
    this.trim();
    this.scheduleRedraw();
  }

  private trim() {
    const extra = this.rows.length - this.maxPoints;
    if (extra > 0) this.rows.splice(0, extra);
  }

  /** Redraws for new points when the last redraw's cost allows, else keeps them for a later one. */
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
    type P = { x: number; y: number };
    const value: P[] = [];
    const mean: P[] = [];
    const band: { x: number; y: [number, number] }[] = [];
    const anomalies: P[] = [];
    const injected: P[] = [];
    let lowest = Infinity;
    let highest = -Infinity;
    for (const [t, v, m, lo, hi, a, inj] of this.rows) {
      // ApexCharts 4.7 fails on null y values in mixed charts: points without a value are left out.
      if (v !== null) {
        value.push({ x: t, y: v });
        lowest = Math.min(lowest, v);
        highest = Math.max(highest, v);
        if (a === 1) anomalies.push({ x: t, y: v });
        if (inj === 1) injected.push({ x: t, y: v });
      }
      if (m !== null) mean.push({ x: t, y: m });
      if (lo !== null && hi !== null) {
        band.push({ x: t, y: [lo, hi] });
        lowest = Math.min(lowest, lo);
        highest = Math.max(highest, hi);
      }
    }
    const first = this.rows.length > 0 ? this.rows[0][0] : Infinity;
    const preview: P[] = this.previewRows
      .filter(([t, v]) => t >= first && v !== null)
      .map(([t, v]) => ({ x: t, y: v as number }));
    const pad = Math.max((highest - lowest) * 0.05, 1e-9);
    const tolerance = (highest - lowest) * LiveChart.STRAIGHT;
    this.chart.updateOptions(
      {
        series: [
          { name: 'Band', type: 'rangeArea', data: straighten(band, (p) => p.y, tolerance) },
          { name: 'Value', type: 'line', data: value },
          { name: 'Mean', type: 'line', data: straighten(mean, (p) => [p.y], tolerance) },
          { name: 'Anomaly', type: 'scatter', data: anomalies },
          { name: 'Injected', type: 'scatter', data: injected },
          { name: 'Preview', type: 'scatter', data: preview },
        ],
        // Fit the data: a range-area chart would otherwise start its axis at zero.
        yaxis: Number.isFinite(lowest)
          ? { decimalsInFloat: 2, min: lowest - pad, max: highest + pad }
          : { decimalsInFloat: 2 },
      },
      false,
      false,
    );
    this.dataset.points = String(this.rows.length);
    this.dataset.anomalies = String(anomalies.length);
  }

  /** Local time of day, with the date when the points shown span more than a day (a backtest). */
  private timeLabel(epochMillis: number): string {
    if (!Number.isFinite(epochMillis)) return '';
    const span = this.rows.length > 1 ? this.rows[this.rows.length - 1][0] - this.rows[0][0] : 0;
    return (span > 86_400_000 ? DATE_TIME : TIME).format(epochMillis);
  }

  private options(): ApexCharts.ApexOptions {
    return {
      chart: {
        type: 'rangeArea',
        height: '100%',
        animations: { enabled: false },
        toolbar: { show: false },
        zoom: { enabled: false },
        fontFamily: 'inherit',
      },
      series: [
        { name: 'Band', type: 'rangeArea', data: [] },
        { name: 'Value', type: 'line', data: [] },
        { name: 'Mean', type: 'line', data: [] },
        { name: 'Anomaly', type: 'scatter', data: [] },
        { name: 'Injected', type: 'scatter', data: [] },
        { name: 'Preview', type: 'scatter', data: [] },
      ],
      colors: ['#9bb7e0', '#1a66d6', '#6b7785', '#e0242b', '#f59f00', '#8e44ad'],
      fill: { opacity: [0.25, 1, 1, 1, 1, 0.5] },
      stroke: { curve: 'straight', width: [0, 2, 1, 0, 0, 0], dashArray: [0, 0, 4, 0, 0, 0] },
      markers: { size: [0, 0, 0, 7, 3, 10], strokeWidth: 0, hover: { sizeOffset: 2 } },
      dataLabels: { enabled: false },
      legend: { show: true, position: 'top', horizontalAlign: 'right' },
      // A numeric axis with a few ticks: ApexCharts' datetime axis measures a label for every unit
      // of its time scale on each redraw, which made a third of a redraw's cost.
      xaxis: {
        type: 'numeric',
        tickAmount: 6,
        labels: { formatter: (v: string) => this.timeLabel(Number(v)), hideOverlappingLabels: true },
      },
      yaxis: { decimalsInFloat: 2 },
      tooltip: { shared: false, x: { formatter: (v: number) => this.timeLabel(v) } },
      noData: { text: 'Waiting for data…' },
    };
  }
}

/**
 * Leaves out the points that lie within {@code tolerance} of the straight line from the last point
 * kept to the next one, in every coordinate {@code ys} gives: about one pixel at the chart's usual
 * height, so the band and the mean look the same, but ApexCharts builds a group per range-area point
 * and a flat band of 600 points cost a fifth of each redraw. The first and last points are kept.
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
