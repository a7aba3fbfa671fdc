import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Config } from '../config.js';
import { registerSecrets, type Sealer } from '../connections/secrets.js';
import { checkEndpoint } from '../connectors/endpoint.js';
import { badInput, FieldChecks, notFound } from '../errors.js';
import { pageOf, type Page } from '../graphql/pagination.js';
import type { JobEngine } from '../jobs/engine.js';
import { log } from '../log.js';
import type { Principal } from '../workspaces/workspace.service.js';
import { NOTIFICATION_DELIVERY } from './delivery.job.js';
import { newSigningSecret, type AlertBody } from './format.js';
import {
  ALERT_KINDS, NotificationAttemptEntity, NotificationChannelEntity, NotificationDeliveryEntity,
  type AlertKind, type ChannelKind,
} from './notification.entity.js';

export interface CreateChannel {
  name: string;
  url: string;
  kind: ChannelKind;
  kinds: AlertKind[];
}

/** A delivery with its attempts, as the delivery log shows it. */
export type DeliveryWithAttempts = NotificationDeliveryEntity & { attemptLog: NotificationAttemptEntity[]; reason: string };

/** An alert to send: its facts, and what it is about (`import:<id>`, `connection:<id>`). */
export type Alert = Omit<AlertBody, 'id' | 'at' | 'url'> & { kind: AlertKind; subject: string; path: string };

/** Kinds a channel cannot pick yet, and why. */
const NOT_YET: Partial<Record<AlertKind, string>> = {};

/**
 * Notification channels of a workspace (webhook or Slack-compatible URL, the alert kinds each wants) and their
 * deliveries. The URL and the signing secret are sealed (the secret is shown once, when the channel is created);
 * each delivery is a job (delivery.job.ts).
 */
export class NotificationService {
  constructor(
    private readonly db: DataSource,
    private readonly sealer: Sealer,
    private readonly jobs: JobEngine,
    private readonly config: Config,
  ) {}

  async channels(principal: Principal): Promise<NotificationChannelEntity[]> {
    return this.db.getRepository(NotificationChannelEntity).find({ where: { workspaceId: principal.workspaceId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async channel(principal: Principal, id: string): Promise<NotificationChannelEntity> {
    const channel = await this.db.getRepository(NotificationChannelEntity).findOneBy({ id, workspaceId: principal.workspaceId });
    if (!channel) throw notFound('Notification channel', id);
    return channel;
  }

  /** Creates a channel; the answer holds the signing secret, which is never shown again. */
  async create(principal: Principal, input: CreateChannel): Promise<{ channel: NotificationChannelEntity; secret: string }> {
    // Every field is checked before answering, so the form shows all its mistakes at once.
    const checks = new FieldChecks();
    const name = input.name.trim();
    checks.check(() => {
      if (!name) throw badInput('name', 'Name the channel (e.g. "On-call webhook")');
      if (name.length > 200) throw badInput('name', 'Name must be at most 200 characters');
    });
    checks.check(() => {
      if (!input.kinds.length) throw badInput('kinds', 'Pick at least one alert kind');
      input.kinds.forEach((kind, i) => {
        if (!ALERT_KINDS.includes(kind)) throw badInput(`kinds.${i}`, `Unknown alert kind "${kind}"`);
        if (NOT_YET[kind]) throw badInput(`kinds.${i}`, NOT_YET[kind]!);
      });
    });
    await checks.checkAsync(async () => {
      const problem = await checkEndpoint(input.url.trim(), this.config.allowPrivateEndpoints);
      if (problem) throw badInput('url', `The ${input.kind === 'SLACK' ? 'Slack webhook' : 'webhook'} URL ${problem}`);
    });
    checks.done();
    const url = new URL(input.url.trim());
    const secret = newSigningSecret();
    registerSecrets([secret, url.href]);
    const channel = Object.assign(new NotificationChannelEntity(), {
      id: randomUUID(), workspaceId: principal.workspaceId, name, kind: input.kind, kinds: [...new Set(input.kinds)],
      sealed: this.sealer.seal({ url: url.href, secret }), urlHint: `${url.protocol}//${url.host}/…`,
      failingSince: null, disabledReason: null, disabledAt: null, createdAt: new Date(),
    });
    await this.db.getRepository(NotificationChannelEntity).insert(channel);
    log.info('notification channel created', { channelId: channel.id, workspaceId: channel.workspaceId, kind: channel.kind });
    return { channel, secret };
  }

  /** Deletes a channel with its delivery log; queued deliveries end when their job finds it gone. */
  async delete(principal: Principal, id: string): Promise<boolean> {
    const channel = await this.channel(principal, id);
    const deliveries = await this.db.getRepository(NotificationDeliveryEntity).find({ where: { channelId: channel.id }, select: { id: true } });
    for (let i = 0; i < deliveries.length; i += 500) {
      await this.db.getRepository(NotificationAttemptEntity).delete({ deliveryId: In(deliveries.slice(i, i + 500).map((d) => d.id)) });
    }
    await this.db.getRepository(NotificationDeliveryEntity).delete({ channelId: channel.id });
    await this.db.getRepository(NotificationChannelEntity).delete({ id: channel.id });
    return true;
  }

  /** Enables a disabled channel again (its failing clock starts over). */
  async enable(principal: Principal, id: string): Promise<NotificationChannelEntity> {
    const channel = await this.channel(principal, id);
    await this.db.getRepository(NotificationChannelEntity).update({ id: channel.id }, { disabledReason: null, disabledAt: null, failingSince: null });
    return this.channel(principal, id);
  }

  /** Sends a test notification now (one attempt, on the job engine, logged like any delivery); true when the receiver answered 2xx. */
  async test(principal: Principal, id: string): Promise<boolean> {
    const channel = await this.channel(principal, id);
    const alert: AlertBody = {
      id: randomUUID(), kind: 'TEST', at: new Date().toISOString(), workspaceId: channel.workspaceId,
      reason: `A test of the channel "${channel.name}": if you can read this, alerts will reach you here.`, url: this.link('/settings/alerts'),
    };
    const delivery = await this.insertDelivery(this.db, channel, alert, null);
    try {
      await this.jobs.runInline(NOTIFICATION_DELIVERY, delivery.id, { deliveryId: delivery.id });
    } catch {
      return false;
    }
    return (await this.db.getRepository(NotificationDeliveryEntity).findOneBy({ id: delivery.id }))?.status === 'DELIVERED';
  }

  /**
   * Sends an alert to every enabled channel of its workspace that wants its kind: one delivery and its job each,
   * written in the caller's transaction (`JobEngine.transaction`: the alert state change that fired it).
   */
  async send(tx: EntityManager, alert: Alert): Promise<number> {
    const channels = (await tx.getRepository(NotificationChannelEntity).findBy({ workspaceId: alert.workspaceId })).filter((c) => !c.disabledReason && c.kinds.includes(alert.kind));
    const { subject, path, ...facts } = alert;
    const body: AlertBody = { id: randomUUID(), ...facts, at: new Date().toISOString(), url: this.link(path) };
    for (const channel of channels) {
      const delivery = await this.insertDelivery(tx, channel, body, subject);
      await this.jobs.enqueue(NOTIFICATION_DELIVERY, delivery.id, { deliveryId: delivery.id }, { tx });
    }
    return channels.length;
  }

  /** A page of a channel's delivery log, newest first, each with its attempts. */
  async deliveries(principal: Principal, channelId: string, first?: number | null, after?: string | null): Promise<Page<DeliveryWithAttempts>> {
    const channel = await this.channel(principal, channelId);
    const query = this.db.getRepository(NotificationDeliveryEntity).createQueryBuilder('d').where('d.channelId = :channelId', { channelId: channel.id });
    const page = await pageOf(query, { first, after, sort: [{ property: 'createdAt', direction: 'DESC' }] }, (d) => d);
    const ids = page.edges.map((e) => e.node.id);
    const attempts = ids.length ? await this.db.getRepository(NotificationAttemptEntity).find({ where: { deliveryId: In(ids) }, order: { attempt: 'ASC' } }) : [];
    return {
      ...page,
      edges: page.edges.map((e) => ({
        cursor: e.cursor,
        node: Object.assign(e.node, { attemptLog: attempts.filter((a) => a.deliveryId === e.node.id), reason: (JSON.parse(e.node.body) as AlertBody).reason }),
      })),
    };
  }

  private async insertDelivery(db: DataSource | EntityManager, channel: NotificationChannelEntity, body: AlertBody, subject: string | null): Promise<NotificationDeliveryEntity> {
    const delivery = Object.assign(new NotificationDeliveryEntity(), {
      id: randomUUID(), channelId: channel.id, workspaceId: channel.workspaceId, kind: body.kind, subject, body: JSON.stringify(body),
      status: 'QUEUED' as const, attempts: 0, lastStatusCode: null, lastError: null, createdAt: new Date(), finishedAt: null,
    });
    await db.getRepository(NotificationDeliveryEntity).insert(delivery);
    return delivery;
  }

  /** A link into the admin UI (INLET_PUBLIC_URL, or this server's own address); the UI routes by hash (`/#/imports/…`). */
  private link(path: string): string {
    return `${this.config.publicUrl ?? `http://localhost:${this.config.port}`}/#${path}`;
  }
}
