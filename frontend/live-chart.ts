import { LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import ApexCharts from 'apexcharts';

/**
 * A thin live chart over ApexCharts 4.7.0 (the last MIT release).
 *
 * The server sends only new points (`append`) as compact rows
 * `[epochMillis, value, mean, lower, upper, anomaly(0|1), injected(0|1)]`; this element keeps a bounded window
 * of them and redraws at most a few times per second, so neither the network nor the browser
 * pays for re-sending the whole series. Rendered in light DOM because ApexCharts injects global
 * styles and measures its own container.
 */
type Row = [number, number | null, number | null, number | null, number | null, number, number];

@customElement('zscope-live-chart')
export class LiveChart extends LitElement {
  /** How many points the chart keeps; older ones scroll out. */
  @property({ type: Number, attribute: 'max-points' }) maxPoints = 600;

  private chart?: ApexCharts;
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
    this.chart?.destroy();
    this.chart = undefined;
    this.replaceChildren();
  }

  /** Forgets every point (another stream is about to be shown). */
  clear() {
    this.rows = [];
    this.previewRows = [];
    this.scheduleRedraw();
  }

  /** Marks the points candidate settings would have flagged (a preview, not anomalies). */
  preview(json: string) {
    this.previewRows = JSON.parse(json) as Row[];
    this.scheduleRedraw();
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

  private scheduleRedraw() {
    if (this.redrawPending) return;
    this.redrawPending = true;
    requestAnimationFrame(() => {
      this.redrawPending = false;
      this.redraw();
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
    this.chart.updateOptions(
      {
        series: [
          { name: 'Band', type: 'rangeArea', data: band },
          { name: 'Value', type: 'line', data: value },
          { name: 'Mean', type: 'line', data: mean },
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
      xaxis: { type: 'datetime', labels: { datetimeUTC: false } },
      yaxis: { decimalsInFloat: 2 },
      tooltip: { shared: false, x: { format: 'HH:mm:ss' } },
      noData: { text: 'Waiting for data…' },
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'zscope-live-chart': LiveChart;
  }
}
