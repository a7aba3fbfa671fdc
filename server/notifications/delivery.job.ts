import http from 'node:http';
import https from 'node:https';
import { randomUUID } from 'node:crypto';
import { IsNull, type DataSource } from 'typeorm';
import type { Config } from '../config.js';
import type { Sealer } from '../connections/secrets.js';
import { PRIVATE_ADDRESS_CODE, findPrivateAddressError, safeAgents } from '../connectors/net/agents.js';
import { humanDelay, JobCancelled, type JobKind } from '../jobs/engine.js';
import type { JobEntity } from '../jobs/job.entity.js';
import { log } from '../log.js';
import { requestBody, signature, SIGNATURE_HEADER, type AlertBody } from './format.js';
import { NotificationAttemptEntity, NotificationChannelEntity, NotificationDeliveryEntity } from './notification.entity.js';

/** The job kind of an alert delivery (key: the delivery's id). */
export const NOTIFICATION_DELIVERY = 'notification-delivery';

/** An attempt the receiver did not accept; `retryable` false when trying again cannot help (a refused address). */
export class DeliveryFailed extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
    this.name = 'DeliveryFailed';
  }
}

interface Sent {
  statusCode: number | null;
  error: string | null;
}

/**
 * One attempt of a delivery per job: POST the signed body to the channel's URL through the egress-guarded agents
 * (the same private-address rules as connection endpoints, checked on the address each socket connects to), follow
 * no redirect, log the attempt (status code, error, duration). A failure is retried by the job engine with this
 * kind's backoff (INLET_ALERT_RETRY_DELAYS_MS, plus jitter); a channel with no delivered attempt for
 * INLET_ALERT_DISABLE_AFTER (a day) is disabled with the reason. Tests (`kind` TEST) run inline and are not retried.
 */
export class NotificationDeliveryKind implements JobKind {
  readonly name = NOTIFICATION_DELIVERY;
  readonly retryDelaysMs: readonly number[];

  constructor(
    private readonly db: DataSource,
    private readonly sealer: Sealer,
    private readonly config: Config,
  ) {
    this.retryDelaysMs = config.alertRetryDelaysMs;
  }

  retryable(error: unknown): boolean {
    return error instanceof DeliveryFailed && error.retryable;
  }

  describe(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
  }

  async run(job: JobEntity): Promise<void> {
    const deliveries = this.db.getRepository(NotificationDeliveryEntity);
    const delivery = await deliveries.findOneBy({ id: String(job.payload.deliveryId) });
    if (!delivery) throw new JobCancelled('The delivery was deleted with its channel');
    const channel = await this.db.getRepository(NotificationChannelEntity).findOneBy({ id: delivery.channelId });
    if (!channel) throw new JobCancelled('The channel was deleted');
    const test = delivery.kind === 'TEST';
    if (channel.disabledReason && !test) {
      await deliveries.update({ id: delivery.id }, { status: 'FAILED', lastError: `Not sent: the channel is disabled (${channel.disabledReason})`, finishedAt: new Date() });
      throw new JobCancelled('The channel is disabled');
    }
    const { url, secret } = this.sealer.open<{ url: string; secret: string }>(channel.sealed);
    const body = requestBody(channel.kind, JSON.parse(delivery.body) as AlertBody);
    const at = new Date();
    const started = performance.now();
    const sent = await this.post(url, body, secret, delivery.id, delivery.kind);
    const durationMs = Math.round(performance.now() - started);
    const ok = sent.statusCode !== null && sent.statusCode >= 200 && sent.statusCode < 300;
    await this.db.getRepository(NotificationAttemptEntity).insert({ id: randomUUID(), deliveryId: delivery.id, attempt: job.attempt, at, statusCode: sent.statusCode, error: sent.error, durationMs });

    if (ok) {
      await deliveries.update({ id: delivery.id }, { status: 'DELIVERED', attempts: job.attempt, lastStatusCode: sent.statusCode, lastError: null, finishedAt: new Date() });
      if (!test) await this.db.getRepository(NotificationChannelEntity).update({ id: channel.id }, { failingSince: null });
      return;
    }
    const what = sent.error ?? `HTTP ${sent.statusCode}`;
    const refused = Boolean(sent.error?.startsWith('Refused:'));
    const disabled = test ? false : await this.noteFailure(channel.id, what);
    const final = test || refused || disabled || job.attempt >= this.retryDelaysMs.length + 1;
    await deliveries.update({ id: delivery.id }, { status: final ? 'FAILED' : 'RETRYING', attempts: job.attempt, lastStatusCode: sent.statusCode, lastError: what, finishedAt: final ? new Date() : null });
    throw new DeliveryFailed(`${what} from ${new URL(url).host}`, !final);
  }

  /** Marks the channel failing (since its first failure) and disables it once that lasted INLET_ALERT_DISABLE_AFTER; true when disabled. */
  private async noteFailure(channelId: string, what: string): Promise<boolean> {
    const channels = this.db.getRepository(NotificationChannelEntity);
    const now = new Date();
    await channels.update({ id: channelId, failingSince: IsNull() }, { failingSince: now });
    const channel = await channels.findOneBy({ id: channelId });
    if (!channel?.failingSince || channel.disabledReason) return Boolean(channel?.disabledReason);
    const failingFor = now.getTime() - channel.failingSince.getTime();
    if (failingFor < this.config.alertDisableAfterMs) return false;
    const reason =
      `Disabled on ${now.toISOString()}: no delivery succeeded for ${humanDelay(Math.max(failingFor, this.config.alertDisableAfterMs))} ` +
      `(failing since ${channel.failingSince.toISOString()}; the last attempt: ${what}). Fix the receiver, send a test, then enable the channel again.`;
    const result = await channels.update({ id: channelId, disabledReason: IsNull() }, { disabledReason: reason, disabledAt: now });
    if (result.affected) log.warn('notification channel disabled', { channelId, failingSince: channel.failingSince.toISOString() });
    return true;
  }

  /** POSTs once; never throws (the outcome is the status code or the error, worded without the URL's path). */
  private post(url: string, body: string, secret: string, deliveryId: string, kind: string): Promise<Sent> {
    const target = new URL(url);
    const agents = safeAgents(this.config);
    const client = target.protocol === 'https:' ? https : http;
    const headers = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': 'Inlet-Alerts/1',
      [SIGNATURE_HEADER]: signature(secret, body, Math.floor(Date.now() / 1000)),
      'Inlet-Delivery': deliveryId,
      'Inlet-Alert-Kind': kind,
    };
    return new Promise<Sent>((resolve) => {
      let settled = false;
      const done = (sent: Sent) => {
        if (!settled) {
          settled = true;
          resolve(sent);
        }
      };
      const req = client.request(target, { method: 'POST', headers, agent: target.protocol === 'https:' ? agents.https : agents.http, timeout: this.config.alertTimeoutMs }, (res) => {
        // The answer's body is not kept (a receiver may echo anything); draining it frees the socket.
        res.resume();
        res.on('end', () => done({ statusCode: res.statusCode ?? null, error: null }));
        res.on('error', () => done({ statusCode: res.statusCode ?? null, error: null }));
      });
      req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${humanDelay(this.config.alertTimeoutMs)}`), { code: 'ETIMEDOUT' })));
      req.on('error', (error: NodeJS.ErrnoException) => {
        const privateAddress = error.code === PRIVATE_ADDRESS_CODE ? error : findPrivateAddressError(error);
        if (privateAddress) return done({ statusCode: null, error: `Refused: ${privateAddress.message}` });
        done({ statusCode: null, error: error.code === 'ETIMEDOUT' ? error.message : `could not connect (${error.code ?? error.message})` });
      });
      req.end(body);
    });
  }
}
