import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context.js';
import type { Page } from '../graphql/pagination.js';
import type { NotificationChannelEntity } from './notification.entity.js';
import type { DeliveryWithAttempts } from './notification.service.js';
import {
  AlertKind, ChannelKind, CreatedNotificationChannel, CreateNotificationChannelInput, NotificationChannel, NotificationDelivery,
  NotificationDeliveryConnection, NotificationDeliveryStatus,
} from './notification.types.js';

const channelOf = (c: NotificationChannelEntity): NotificationChannel => ({
  id: c.id, name: c.name, kind: c.kind as ChannelKind, kinds: c.kinds as AlertKind[], disabledReason: c.disabledReason, disabledAt: c.disabledAt,
  failingSince: c.failingSince, urlHint: c.urlHint, createdAt: c.createdAt,
});

const deliveryOf = (d: DeliveryWithAttempts): NotificationDelivery => ({
  id: d.id, channelId: d.channelId, alertKind: d.kind === 'TEST' ? null : (d.kind as AlertKind), test: d.kind === 'TEST', reason: d.reason,
  status: d.status as NotificationDeliveryStatus, attempts: d.attempts, lastStatusCode: d.lastStatusCode, lastError: d.lastError,
  attemptLog: d.attemptLog.map((a) => ({ attempt: a.attempt, at: a.at, statusCode: a.statusCode, error: a.error, durationMs: a.durationMs })),
  createdAt: d.createdAt, finishedAt: d.finishedAt,
});

@Resolver()
export class NotificationResolver {
  @Query(() => [NotificationChannel], { description: 'The workspace’s notification channels' })
  async notificationChannels(@Ctx() ctx: Context): Promise<NotificationChannel[]> {
    return (await ctx.services.notifications.channels(ctx.principal)).map(channelOf);
  }

  @Query(() => NotificationDeliveryConnection, { description: 'A channel’s delivery log, newest first, with each attempt’s response code' })
  async notificationDeliveries(
    @Ctx() ctx: Context,
    @Arg('channelId', () => ID) channelId: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<Page<NotificationDelivery>> {
    const page = await ctx.services.notifications.deliveries(ctx.principal, channelId, first, after);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: deliveryOf(e.node) })) };
  }

  @Mutation(() => CreatedNotificationChannel, { description: 'The signing secret is in the answer, and never shown again' })
  async createNotificationChannel(@Ctx() ctx: Context, @Arg('input', () => CreateNotificationChannelInput) input: CreateNotificationChannelInput): Promise<CreatedNotificationChannel> {
    const { channel, secret } = await ctx.services.notifications.create(ctx.principal, { name: input.name, url: input.url, kind: input.kind ?? ChannelKind.WEBHOOK, kinds: input.kinds });
    return { channel: channelOf(channel), secret };
  }

  @Mutation(() => Boolean, { description: 'Deletes the channel and its delivery log' })
  deleteNotificationChannel(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<boolean> {
    return ctx.services.notifications.delete(ctx.principal, id);
  }

  @Mutation(() => Boolean, { description: 'Sends a test notification now (even to a disabled channel); true when the receiver answered 2xx. The attempt is in the delivery log' })
  testNotificationChannel(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<boolean> {
    return ctx.services.notifications.test(ctx.principal, id);
  }

  @Mutation(() => NotificationChannel, { description: 'Enables a disabled channel again' })
  async enableNotificationChannel(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<NotificationChannel> {
    return channelOf(await ctx.services.notifications.enable(ctx.principal, id));
  }
}
