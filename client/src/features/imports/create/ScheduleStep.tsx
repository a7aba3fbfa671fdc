import { batch, For, Show } from 'solid-js';
import type { ImportTypeDef } from '../importTypes';
import { StepTitle } from './controls';
import type { StepProps } from './wizard';

/** Wizard step 5: name, schedule and reject threshold, with a summary of every choice before Create import. */
export function ScheduleStep(props: StepProps & { connectionName?: string; def: ImportTypeDef | undefined; attributes: string[] }) {
  const draft = () => props.draft;
  const errors = () => props.errors;
  return (
    <>
      <StepTitle title="Name and schedule" />
      <div class="field-group">
        <div class="field" classList={{ 'field-invalid': !!errors().name }}>
          <label for="import-name">
            Name<span class="required" aria-hidden="true"> *</span>
            <span class="sr-only"> (required)</span>
          </label>
          <input
            id="import-name"
            type="text"
            data-error-for="name"
            value={draft().name}
            aria-invalid={errors().name ? 'true' : undefined}
            aria-describedby={errors().name ? 'import-name-error' : undefined}
            onInput={(e) => props.pick('name', e.currentTarget.value)}
          />
          <Show when={errors().name}>
            <p class="field-error" id="import-name-error">{errors().name}</p>
          </Show>
        </div>
        <fieldset class="radio-group" classList={{ 'field-invalid': !!errors().schedule }} aria-describedby="schedule-error">
          <legend>Schedule</legend>
          <label class="radio">
            <input type="radio" name="schedule" checked={draft().scheduleMode === 'auto'} onChange={() => props.pick('scheduleMode', 'auto')} />
            <span>
              Daily, at a time Inlet picks <span class="muted">(spreads imports across the day)</span>
            </span>
          </label>
          <div class="radio radio-with-input">
            <input id="schedule-daily" type="radio" name="schedule" checked={draft().scheduleMode === 'daily'} onChange={() => props.pick('scheduleMode', 'daily')} />
            <label for="schedule-daily">Daily at</label>
            <input
              type="time"
              aria-label="Time of day (UTC)"
              data-error-for="schedule"
              value={draft().time}
              onInput={(e) => batch(() => { props.setDraft('time', e.currentTarget.value); props.setDraft('scheduleMode', 'daily'); props.clearError('schedule'); })}
            />
            <span class="muted">UTC</span>
          </div>
          <label class="radio">
            <input type="radio" name="schedule" checked={draft().scheduleMode === 'manual'} onChange={() => props.pick('scheduleMode', 'manual')} />
            <span>
              Manual only <span class="muted">(run it from its page)</span>
            </span>
          </label>
          <Show when={errors().schedule}>
            <p class="field-error" id="schedule-error">{errors().schedule}</p>
          </Show>
        </fieldset>
        <div class="field field-narrow" classList={{ 'field-invalid': !!errors().rejectThreshold }}>
          <label for="reject-threshold">Reject threshold (%)</label>
          <input
            id="reject-threshold"
            type="number"
            min="0"
            max="100"
            step="1"
            data-error-for="rejectThreshold"
            value={draft().threshold}
            aria-describedby="reject-threshold-help"
            onInput={(e) => props.pick('threshold', e.currentTarget.value)}
          />
          <p class="field-help" id="reject-threshold-help">
            A run fails when more than this share of its rows is rejected (missing user id, unreadable values).
          </p>
          <Show when={errors().rejectThreshold}>
            <p class="field-error">{errors().rejectThreshold}</p>
          </Show>
        </div>
      </div>
      <div class="summary">
        <h3>Summary</h3>
        <dl class="facts">
          <div class="fact"><dt>Connection</dt><dd>{props.connectionName}</dd></div>
          <div class="fact"><dt>Table</dt><dd class="mono">{draft().table}</dd></div>
          <div class="fact"><dt>Type</dt><dd>{props.def?.label}</dd></div>
          <div class="fact">
            <dt>Mappings</dt>
            <dd>
              <For each={props.def?.mappings.filter((m) => draft().mappings[m.key]) ?? []}>
                {(m) => (
                  <div>
                    {m.label.replace(/ column$/, '')}: <span class="mono">{draft().mappings[m.key]}</span>
                  </div>
                )}
              </For>
              <For each={props.def?.textInputs.filter((t) => draft().texts[t.key]) ?? []}>
                {(t) => (
                  <div>
                    {t.label}: <span class="mono">{draft().texts[t.key]}</span>
                  </div>
                )}
              </For>
            </dd>
          </div>
          <div class="fact">
            <dt>Attributes</dt>
            <dd>{props.attributes.length ? props.attributes.join(', ') : 'None'}</dd>
          </div>
        </dl>
      </div>
    </>
  );
}
