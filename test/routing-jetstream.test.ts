// S3 Streaming over the JetStream event log (INLET_EVENT_LOG=nats://127.0.0.1:4222): positions are stream sequences
// shared by every workspace, kept in Inlet's database. Two workspaces write into one stream; each destination
// delivers its own workspace's events, once each, read back by DuckDB. Real nats-server, real s3rver.
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect } from '@nats-io/transport-node';
import { describe, expect, it } from 'vitest';
import type { JetStreamEventLog } from '../server/ingest/jetstream-log.js';
import { ApiKeyScope } from '../server/workspaces/workspace.entity.js';
import { duck, sqlString } from './helpers/duckdb.js';
import { eventually, startInlet } from './helpers/inlet.js';
import { S3_KEY, startS3 } from './helpers/s3.js';
import { natsReachable } from './helpers/nats.js';

describe('S3 Streaming from the JetStream log', async () => {
  const reachable = await natsReachable();
  it.skipIf(!reachable)('reads page after page through one consumer per reader, from any position, seeing what arrives later', async () => {
    const stream = `inlet_test_${randomBytes(6).toString('hex')}`;
    const inlet = await startInlet({ INLET_EVENT_LOG: 'nats://127.0.0.1:4222', INLET_EVENT_STREAM: stream });
    // Every consumer the log creates on the stream is a request on this subject (plain NATS, seen by any subscriber).
    const nc = await connect({ servers: '127.0.0.1:4222' });
    let created = 0;
    nc.subscribe(`$JS.API.CONSUMER.CREATE.${stream}.>`, { callback: () => void created++ });
    await nc.flush();
    try {
      const log = inlet.server.services.ingest.log;
      const ws = (await inlet.ok('{ viewer { workspace { id } } }')).viewer.workspace.id;
      const other = (await inlet.ok(`mutation { createWorkspace(name: "other") { id } }`)).createWorkspace.id;
      const ingest = (workspace: string, n: number) =>
        inlet.server.services.ingest.ingest({ workspaceId: workspace, keyId: 'test', isAdmin: false, scope: ApiKeyScope.WORKSPACE }, Array.from({ length: n }, () => ({ event_id: randomUUID(), type: 'Click', user_id: 'u-1' })));
      for (let i = 0; i < 4; i++) {
        await ingest(ws, 100);
        await ingest(other, 20);
      }
      const all = (await log.read(ws, 0, 1000)).map((e) => e.position);
      expect(all).toHaveLength(400);
      await nc.flush();
      created = 0;

      // Two readers at their own positions (two destinations), interleaved, 40 events a page: one consumer each.
      const readers = [{ after: 0, got: [] as number[] }, { after: all[149]!, got: [] as number[] }];
      for (let more = true; more; ) {
        more = false;
        for (const r of readers) {
          const page = await log.read(ws, r.after, 40);
          if (!page.length) continue;
          more = true;
          expect(page.length).toBeLessThanOrEqual(40);
          r.got.push(...page.map((e) => e.position));
          r.after = page[page.length - 1]!.position;
        }
      }
      expect(readers[0]!.got).toEqual(all);
      expect(readers[1]!.got).toEqual(all.slice(150));
      await nc.flush();
      expect(created).toBe(2);

      // Events that arrive after a reader caught up come on its next read, through the same consumer.
      // A page may end at what the consumer had been handed so far (a short page is not the end of the log), so the
      // reader continues from where each page ended, as the streaming writer does, until all 30 are in.
      await ingest(ws, 30);
      const later: Awaited<ReturnType<typeof log.read>> = [];
      while (later.length < 30) later.push(...(await log.read(ws, later.at(-1)?.position ?? readers[0]!.after, 1000)));
      expect(later).toHaveLength(30);
      expect(later[0]!.position).toBeGreaterThan(all[399]!);
      // A reader going back (an upload failed: it rereads from its stored position) reads exactly from there.
      const again = await log.read(ws, all[199]!, 1000);
      expect(again.map((e) => e.position)).toEqual([...all.slice(200), ...later.map((e) => e.position)]);
      await nc.flush();
      expect(created).toBe(3);
    } finally {
      await nc.close();
      await (inlet.server.services.ingest.log as JetStreamEventLog).deleteStream().catch(() => undefined);
      await inlet.close();
    }
  });

  it.skipIf(!reachable)('delivers each workspace its own events from one shared stream, once each', async () => {
    const s3 = await startS3();
    await s3.createBucket('jsbucket');
    const stream = `inlet_test_${randomBytes(6).toString('hex')}`;
    const inlet = await startInlet({ INLET_EVENT_LOG: 'nats://127.0.0.1:4222', INLET_EVENT_STREAM: stream, INLET_STREAM_FLUSH_SECONDS: '1', INLET_WORKER_ID: 'wj' });
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'inlet-routing-js-'));
    try {
      const mine = (await inlet.ok('{ viewer { workspace { id } } }')).viewer.workspace.id;
      const other = (await inlet.ok(`mutation { createWorkspace(name: "other") { id } }`)).createWorkspace.id;
      const ingest = (ws: string, n: number) =>
        inlet.server.services.ingest.ingest({ workspaceId: ws, keyId: 'test', isAdmin: false, scope: ApiKeyScope.WORKSPACE }, Array.from({ length: n }, () => ({ event_id: randomUUID(), type: 'Click', user_id: 'u-1' })));
      const sent: string[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await ingest(mine, 100);
        expect(r.accepted).toBe(100);
        await ingest(other, 50);
      }
      const { createConnection } = await inlet.ok(`mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }`, {
        input: { name: 'jsbucket', s3Streaming: { region: 'us-east-1', bucketName: 'jsbucket', prefix: 'p/', endpoint: s3.endpoint, credentials: { ...S3_KEY } } },
      });
      sent.push(...(await inlet.server.services.ingest.log.read(mine, 0, 1000)).map((e) => String(e.event.event_id)));
      expect(sent).toHaveLength(300);
      // Reads come in batches of at most the limit, skip the other workspace's messages and continue after the last one.
      const paged: string[] = [];
      for (let after = 0, page; (page = await inlet.server.services.ingest.log.read(mine, after, 64)).length; after = page[page.length - 1]!.position) {
        expect(page.length).toBeLessThanOrEqual(64);
        paged.push(...page.map((e) => String(e.event.event_id)));
      }
      expect(paged).toEqual(sent);
      await eventually(async () => {
        const { connection } = await inlet.ok(`query($id: ID!) { connection(id: $id) { lagSeconds deliveries(first: 100) { edges { node { dataType rows status } } } } }`, { id: createConnection.id });
        const rows = connection.deliveries.edges.filter((e: any) => e.node.dataType === 'events' && e.node.status === 'DELIVERED').reduce((a: number, e: any) => a + e.node.rows, 0);
        return rows === 300 && connection.lagSeconds === 0;
      }, 30_000, '300 delivered events');
      const page = await s3.client.send(new ListObjectsV2Command({ Bucket: 'jsbucket', Prefix: 'p/events/' }));
      for (const o of page.Contents ?? []) {
        const file = path.join(tmp, o.Key!);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, await (await s3.client.send(new GetObjectCommand({ Bucket: 'jsbucket', Key: o.Key! }))).Body!.transformToByteArray());
      }
      const db = await duck();
      try {
        const rows = await db.json<{ event_id: string; workspace_id: string }>(`SELECT event_id, workspace_id FROM read_json(${sqlString(path.join(tmp, 'p/events/**/*.jsonl.gz'))}, format = 'newline_delimited')`);
        expect(rows.every((r) => r.workspace_id === mine)).toBe(true);
        expect(rows.map((r) => r.event_id).sort()).toEqual([...sent].sort());
      } finally {
        db.close();
      }
    } finally {
      await (inlet.server.services.ingest.log as JetStreamEventLog).deleteStream().catch(() => undefined);
      await inlet.close();
      await s3.close();
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
