import { For, Show } from 'solid-js';
import { formatDateTime, formatNumber } from '../../lib/format';

const W = 600;
const H = 120;

/** Segment size per evaluation, oldest on the left, as an inline SVG bar chart with a text summary. */
export function SizeChart(props: { history: { at: string; size: number; added: number; removed: number }[] }) {
  const points = () => [...props.history].reverse();
  const max = () => Math.max(1, ...points().map((p) => p.size));
  const slot = () => W / Math.max(points().length, 10);
  const barW = () => Math.max(4, Math.min(28, slot() * 0.7));
  return (
    <Show when={points().length} fallback={<p class="muted small">The chart fills in as evaluations finish.</p>}>
      <figure class="chart">
        <div class="chart-scale" aria-hidden="true">
          <span>{formatNumber(max())}</span>
          <span>0</span>
        </div>
        <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={`Size over the last ${points().length} evaluations, at most ${formatNumber(max())}`} class="chart-svg">
          <line x1="0" x2={W} y1={H - 4} y2={H - 4} class="chart-axis" />
          <For each={points()}>
            {(p, i) => {
              const h = () => Math.max(2, ((H - 12) * p.size) / max());
              return (
                <rect class="chart-bar bar-succeeded" x={i() * slot() + (slot() - barW()) / 2} y={H - 4 - h()} width={barW()} height={h()} rx="2">
                  <title>{formatDateTime(p.at)} · {formatNumber(p.size)} members (+{p.added} / −{p.removed})</title>
                </rect>
              );
            }}
          </For>
        </svg>
      </figure>
    </Show>
  );
}
