import { For, Show } from 'solid-js';
import type { ImportRunFieldsFragment } from '../../gql/graphql';
import { formatDateTime, formatNumber } from '../../lib/format';
import { runStatusLabel } from '../../lib/status';

const W = 600;
const H = 120;
const PAD_TOP = 8;
const PAD_BOTTOM = 4;

/**
 * Rows imported per run for the last 30 runs, oldest on the left, as an inline SVG bar chart.
 * Failed and cancelled runs show as a short red/amber stub so a gap is never mistaken for an empty run;
 * every bar has a title, and the chart has a text summary for screen readers.
 */
export function RunsChart(props: { runs: ImportRunFieldsFragment[] }) {
  const runs = () => props.runs.slice(0, 30).reverse();
  const max = () => Math.max(1, ...runs().map((r) => (r.status === 'SUCCEEDED' ? r.rowsImported : 0)));
  const slot = () => W / Math.max(runs().length, 10);
  const barW = () => Math.max(4, Math.min(28, slot() * 0.7));
  const height = (r: ImportRunFieldsFragment) => {
    if (r.status === 'FAILED' || r.status === 'CANCELLED') return 6;
    if (r.rowsImported === 0) return 2;
    return Math.max(3, ((H - PAD_TOP - PAD_BOTTOM) * r.rowsImported) / max());
  };
  const summary = () => {
    const ok = runs().filter((r) => r.status === 'SUCCEEDED');
    const failed = runs().filter((r) => r.status === 'FAILED').length;
    return `Rows imported per run over the last ${runs().length} runs: ${ok.length} succeeded, ${failed} failed, at most ${formatNumber(max())} rows in one run.`;
  };
  return (
    <Show when={runs().length} fallback={<p class="muted small">The chart fills in as runs finish.</p>}>
      <figure class="chart">
        <div class="chart-scale" aria-hidden="true">
          <span>{formatNumber(max())}</span>
          <span>0</span>
        </div>
        <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={summary()} class="chart-svg">
          <line x1="0" x2={W} y1={H - PAD_BOTTOM} y2={H - PAD_BOTTOM} class="chart-axis" />
          <line x1="0" x2={W} y1={PAD_TOP} y2={PAD_TOP} class="chart-grid" />
          <For each={runs()}>
            {(r, i) => (
              <rect
                class={`chart-bar bar-${r.status.toLowerCase()}`}
                x={i() * slot() + (slot() - barW()) / 2}
                y={H - PAD_BOTTOM - height(r)}
                width={barW()}
                height={height(r)}
                rx="2"
              >
                <title>
                  {formatDateTime(r.startedAt ?? r.queuedAt)} · {runStatusLabel(r.status)} · {r.status === 'SUCCEEDED' ? `${formatNumber(r.rowsImported)} rows imported` : `${formatNumber(r.rowsRead)} rows read, none imported`}
                  {r.rowsRejected ? `, ${formatNumber(r.rowsRejected)} rejected` : ''}
                </title>
              </rect>
            )}
          </For>
        </svg>
        <figcaption class="chart-legend">
          <span><i class="swatch bar-succeeded" /> Succeeded</span>
          <span><i class="swatch bar-failed" /> Failed</span>
          <span><i class="swatch bar-running" /> Running</span>
        </figcaption>
      </figure>
    </Show>
  );
}
