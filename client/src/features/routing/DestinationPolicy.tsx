import { useClient } from '@urql/solid';
import { createEffect, createSignal, on, onCleanup, Show } from 'solid-js';
import { DestinationPolicyDocument } from '../../gql/graphql';
import { CopyButton } from '../../lib/ui';

/**
 * The policy an S3 destination needs (write access; with a KMS key, the key policy statement too), for the bucket
 * and key being typed, fetched 400 ms after typing stops; hidden while the server refuses the name or key.
 */
export function DestinationPolicy(props: { bucketName: string; kmsKeyArn: string }) {
  const client = useClient();
  const [policy, setPolicy] = createSignal<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  onCleanup(() => clearTimeout(timer));
  createEffect(
    on(
      () => [props.bucketName.trim(), props.kmsKeyArn.trim()] as const,
      ([name, key]) => {
        clearTimeout(timer);
        const mine = ++seq;
        setPolicy(null);
        if (!name) return;
        timer = setTimeout(async () => {
          const result = await client.query(DestinationPolicyDocument, { bucketName: name, kmsKeyArn: key || null }).toPromise();
          if (mine === seq) setPolicy(result.error ? null : (result.data?.s3DestinationPolicy ?? null));
        }, 400);
      },
    ),
  );
  return (
    <Show when={policy()}>
      <section class="policy" aria-label="S3 destination policy" aria-live="polite">
        <div class="policy-head">
          <div>
            <h3>Bucket policy{props.kmsKeyArn.trim() ? ' and key policy' : ''}</h3>
            <p class="field-help">
              Add it to the bucket before saving. It grants Inlet <code>s3:PutObject</code> and <code>s3:DeleteObject</code> (the validation probe and
              Batch re-runs) and <code>s3:ListBucket</code>; with a KMS key, the key policy needs <code>kms:GenerateDataKey</code>.
            </p>
          </div>
          <CopyButton text={policy()!} label="Copy policy" />
        </div>
        <pre class="code" tabindex="0">
          <code>{policy()}</code>
        </pre>
      </section>
    </Show>
  );
}
