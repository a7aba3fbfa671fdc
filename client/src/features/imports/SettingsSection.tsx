import { For, Show } from 'solid-js';
import type { ImportDetailFragment } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { Link } from '../../lib/router';
import { describeSchedule } from '../../lib/status';
import { Fact, Facts, Section } from '../../lib/ui';
import { enumWords, type ImportTypeDef, type MappingDef } from './importTypes';

/** The import page's settings: type, source, each mapped column (named by the served type definition), attributes and schedule. */
export function SettingsSection(props: { imp: ImportDetailFragment; def: ImportTypeDef | undefined }) {
  const i = () => props.imp;
  const info = () => props.def;
  const typeOf = (name: string) => i().storedColumns.find((c) => c.name === name)?.type;
  const mappedColumn = (m: MappingDef) => (i() as unknown as Record<string, string | null | undefined>)[m.key] ?? null;
  return (
    <Section id="import-settings-title" title="Settings">
      <Facts>
        <Fact label="Type">{info()?.label ?? enumWords(i().type)}</Fact>
        <Fact label="Source">
          <Link href={`/connections/${i().connection.id}`}>{i().connection.name}</Link> ({i().connection.platform.name})
          <div class="mono small">{i().table}</div>
        </Fact>
        <For each={info()?.mappings.filter((m) => mappedColumn(m)) ?? []}>
          {(m) => (
            <Fact label={m.label.replace(/ column$/, '')}>
              <span class="mono">{mappedColumn(m)}</span> <span class="type">{typeOf(mappedColumn(m)!)}</span>
            </Fact>
          )}
        </For>
        <For each={info()?.textInputs.filter((t) => (i() as unknown as Record<string, string | null | undefined>)[t.key]) ?? []}>
          {(t) => (
            <Fact label={t.label}>
              <span class="mono">{(i() as unknown as Record<string, string>)[t.key]}</span>
            </Fact>
          )}
        </For>
        <Fact label="Attributes">
          <Show when={i().columns.length} fallback={<span class="muted">None</span>}>
            <ul class="plain-list">
              <For each={i().columns}>
                {(c) => (
                  <li>
                    <span class="mono">{c}</span> <span class="type">{typeOf(c)}</span>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Fact>
        <Fact label="Schedule">{describeSchedule(i().schedule)}</Fact>
        <Fact label="Reject threshold">{Math.round(i().rejectThreshold * 1000) / 10}% of rows</Fact>
        <Fact label="Created">{formatDateTime(i().createdAt)}</Fact>
      </Facts>
    </Section>
  );
}
