import { Entity, PrimaryColumn } from 'typeorm';
import { IntColumn, JsonColumn, TextColumn, TimeColumn } from '../db/columns.js';
import type { RuleInput, RuleRefs } from './rule.js';

export type SegmentStatus = 'EVALUATING' | 'READY' | 'STALE';

/** A segment: a rule over imported data and events, with its stable per-workspace code and its last evaluation. */
@Entity('segment')
export class SegmentEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @TextColumn() workspaceId!: string;
  /** Stable, unique per workspace, never reused: the id routed in events' `segments` and in segment metadata. */
  @IntColumn() code!: number;
  @TextColumn() name!: string;
  @TextColumn({ nullable: true }) description!: string | null;
  @JsonColumn() tags!: string[];
  /** The rule as validated (only the keys it uses). */
  @JsonColumn() rule!: RuleInput;
  /** What the rule references, from its last compilation. */
  @JsonColumn() refs!: RuleRefs;
  @TextColumn() status!: SegmentStatus;
  @TextColumn({ nullable: true }) statusReason!: string | null;
  /** Members after the last evaluation; null before the first. */
  @IntColumn({ nullable: true }) size!: number | null;
  @TimeColumn({ nullable: true }) lastEvaluatedAt!: Date | null;
  /** When an evaluation was last asked for: one asked while another runs is queued again when that one ends. */
  @TimeColumn({ nullable: true }) evaluationRequestedAt!: Date | null;
  @TimeColumn() createdAt!: Date;
  @TimeColumn() updatedAt!: Date;
}

/** One evaluation of a segment: its size, and how many users joined and left. */
@Entity('segment_evaluation')
export class SegmentEvaluationEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @TextColumn() segmentId!: string;
  @TextColumn() workspaceId!: string;
  @TimeColumn() at!: Date;
  @IntColumn() size!: number;
  @IntColumn() added!: number;
  @IntColumn() removed!: number;
  @IntColumn() durationMs!: number;
}
