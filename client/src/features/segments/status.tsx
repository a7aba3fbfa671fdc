import type { SegmentStatus } from '../../gql/graphql';
import { Badge, type Tone } from '../../lib/ui';

const STATUS: Record<SegmentStatus, { label: string; tone: Tone; help: string }> = {
  READY: { label: 'Ready', tone: 'success', help: 'Members are those of the last evaluation' },
  EVALUATING: { label: 'Evaluating', tone: 'info', help: 'An evaluation is queued or running' },
  STALE: { label: 'Stale', tone: 'warning', help: 'An import it uses is blocked or a column is gone: not re-evaluated until fixed' },
};

export function SegmentStatusBadge(props: { status: SegmentStatus; reason?: string | null }) {
  const info = () => STATUS[props.status] ?? { label: props.status, tone: 'neutral' as Tone, help: '' };
  return (
    <Badge tone={info().tone} title={props.reason ?? info().help} pulse={props.status === 'EVALUATING'}>
      {info().label}
    </Badge>
  );
}

/** "+12 / −3" since the evaluation before. */
export function Trend(props: { history: { size: number; added: number; removed: number }[] }) {
  const last = () => props.history[0];
  return (
    <span class="muted small" title="Joined and left at the last evaluation">
      {last() ? `+${last()!.added} / −${last()!.removed}` : '—'}
    </span>
  );
}
