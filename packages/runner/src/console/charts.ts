import { scaleLinear, scaleTime } from 'd3-scale';
import { line } from 'd3-shape';
import { html, raw } from 'hono/html';

/** One line of a chart. */
export interface ChartSeries {
  readonly name: string;
  readonly color: string;
  readonly points: readonly { readonly x: Date; readonly y: number }[];
}

/**
 * A small line chart as inline SVG, drawn on the server with d3-scale and d3-shape: no script
 * reaches the phone, and the page stays readable without JavaScript.
 */
export function lineChart(
  title: string,
  series: readonly ChartSeries[],
  options: { readonly width?: number; readonly height?: number; readonly step?: boolean } = {},
) {
  const width = options.width ?? 600;
  const height = options.height ?? 160;
  const pad = { top: 10, right: 10, bottom: 20, left: 48 };
  const all = series.flatMap((s) => s.points);
  if (all.length === 0)
    return html`<figure class="chart"><figcaption>${title}</figcaption><p class="muted">—</p></figure>`;
  const xs = all.map((p) => p.x.getTime());
  const ys = all.map((p) => p.y);
  const x = scaleTime()
    .domain([new Date(Math.min(...xs)), new Date(Math.max(...xs) + (xs.length === 1 ? 1 : 0))])
    .range([pad.left, width - pad.right]);
  const y = scaleLinear()
    .domain([Math.min(0, ...ys), Math.max(1, ...ys)])
    .nice()
    .range([height - pad.bottom, pad.top]);
  const path = line<{ x: Date; y: number }>()
    .digits(1)
    .x((p) => x(p.x))
    .y((p) => y(p.y));
  const ticks = y.ticks(4);
  const lines = series
    .map(
      (s) =>
        `<path d="${path([...s.points]) ?? ''}" fill="none" stroke="${s.color}" stroke-width="2"/>` +
        // Dots only while they stay readable (and the page small): a month of refreshes is a line.
        (s.points.length > 60 ? [] : s.points)
          .map(
            (p) =>
              `<circle cx="${x(p.x).toFixed(1)}" cy="${y(p.y).toFixed(1)}" r="2" fill="${s.color}"/>`,
          )
          .join(''),
    )
    .join('');
  const axis = ticks
    .map(
      (tick) =>
        `<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#ddd"/>` +
        `<text x="${pad.left - 4}" y="${y(tick) + 4}" text-anchor="end" font-size="10">${tick}</text>`,
    )
    .join('');
  const legend = series.map((s) => html`<span style="color:${s.color}">■ ${s.name}</span> `);
  return html`<figure class="chart"><figcaption>${title} ${legend}</figcaption><svg viewBox="0 0 ${width} ${height}" role="img" aria-label="${title}" preserveAspectRatio="none">${raw(axis)}${raw(lines)}</svg></figure>`;
}
