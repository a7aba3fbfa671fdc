import { createQuery } from '@urql/solid';
import { For, Match, Switch } from 'solid-js';
import { ImportRunRejectsDocument } from '../../gql/graphql';
import { apiError } from '../../lib/errors';
import { formatNumber } from '../../lib/format';
import { Dialog, ErrorBox, Loading } from '../../lib/ui';
import type { Run } from './live';

/** A bounded sample of a run's rejected rows: file, row number and reason. */
export function RejectsDialog(props: { run: Run | null; onClose: () => void }) {
  const [result] = createQuery({ query: ImportRunRejectsDocument, variables: () => ({ id: props.run?.id ?? '' }), pause: () => !props.run });
  return (
    <Dialog open={!!props.run} title="Rejected rows" onClose={props.onClose} wide>
      <p class="muted">
        {formatNumber(props.run?.rowsRejected)} rows of this run were rejected. A sample of up to 100, with the reason for each:
      </p>
      <Switch>
        <Match when={result.error}>
          <ErrorBox error={apiError(result.error)} />
        </Match>
        <Match when={!result.data || result.fetching}>
          <Loading />
        </Match>
        <Match when={true}>
          <div class="table-wrap">
            <table class="table table-compact">
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col" class="num">
                    Row
                  </th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                <For each={result.data?.importRun?.rejects ?? []}>
                  {(r) => (
                    <tr>
                      <td class="mono small">{r.file}</td>
                      <td class="num">{r.row ?? '—'}</td>
                      <td>{r.reason}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        </Match>
      </Switch>
    </Dialog>
  );
}
