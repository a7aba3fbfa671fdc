import { createQuery, useClient } from '@urql/solid';
import { createEffect, createSignal, on, onCleanup, Show } from 'solid-js';
import { AwsPrincipalDocument, BucketPolicyDocument } from '../../gql/graphql';
import { CopyButton, Notice, Spinner } from '../../lib/ui';

/**
 * The read-only bucket policy for the bucket being typed: fetched 400 ms after typing stops, hidden while the
 * name is empty or the server says it is not a valid bucket name (BAD_USER_INPUT).
 */
export function BucketPolicy(props: { bucketName: string }) {
  const client = useClient();
  // The principal the policy names: while Inlet's AWS account is the unset placeholder, the policy grants nothing.
  const [principal] = createQuery({ query: AwsPrincipalDocument });
  const [policy, setPolicy] = createSignal<string | null>(null);
  const [loading, setLoading] = createSignal(false);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  onCleanup(() => clearTimeout(timer));

  createEffect(
    on(
      () => props.bucketName.trim(),
      (name) => {
        clearTimeout(timer);
        const mine = ++seq;
        // The policy names the bucket: never show one for a name that is no longer typed.
        setPolicy(null);
        if (!name) {
          setLoading(false);
          return;
        }
        setLoading(true);
        timer = setTimeout(async () => {
          const result = await client.query(BucketPolicyDocument, { bucketName: name }).toPromise();
          if (mine !== seq) return; // a newer name was typed meanwhile
          setLoading(false);
          // Any error (an invalid name above all) hides the policy; the field's own check says why on save.
          setPolicy(result.error ? null : (result.data?.s3BucketPolicy ?? null));
        }, 400);
      },
    ),
  );

  const pretty = () => {
    const p = policy();
    if (!p) return '';
    try {
      return JSON.stringify(JSON.parse(p), null, 2);
    } catch {
      return p;
    }
  };

  return (
    <Show when={props.bucketName.trim() && policy()}>
      <section class="policy" aria-label="S3 bucket policy" aria-live="polite">
        <div class="policy-head">
          <div>
            <h3>Bucket policy</h3>
            <p class="field-help">
              Add it to the bucket before saving: AWS console → S3 → <strong>{props.bucketName.trim()}</strong> → Permissions → Bucket policy → Edit.
              It grants Inlet <code>s3:ListBucket</code> and <code>s3:GetObject</code>, nothing else.
            </p>
          </div>
          <Show when={!loading()} fallback={<Spinner label="Updating the bucket policy" />}>
            <CopyButton text={pretty()} label="Copy policy" />
          </Show>
        </div>
        <Show when={principal.data?.awsPrincipal.isPlaceholder}>
          <Notice tone="warning" role="status">
            <strong>This policy names a placeholder AWS account ({principal.data!.awsPrincipal.accountId}).</strong> Inlet's AWS account is not configured on
            this server, so the policy would grant access to no one and reading the bucket will fail. Ask the server's operator to set{' '}
            <code>INLET_AWS_ACCOUNT_ID</code> (and <code>INLET_AWS_ROLE_NAME</code>), or connect with an access key instead.
          </Notice>
        </Show>
        <Show when={policy()}>
          <pre class="code" tabindex="0">
            <code>{pretty()}</code>
          </pre>
        </Show>
      </section>
    </Show>
  );
}
