// S3 Streaming over the JetStream event log (INLET_EVENT_LOG=nats://127.0.0.1:4222): positions are stream sequences
// shared by every workspace, kept in Inlet's database. Two workspaces write into one stream; each destination
// delivers its own workspace's events, once each, read back by DuckDB. Real nats-server, real s3rver.
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JetStreamEventLog } from '../server/ingest/jetstream-log.js';
import { ApiKeyScope } from '../server/workspaces/workspace.entity.js';
import { duck, sqlString } from './helpers/duckdb.js';
import { eventually, startInlet } from './helpers/inlet.js';
import { S3_KEY, startS3 } from './helpers/s3.js';

async function natsReachable(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(4222, '127.0.0.1');
    socket.once('data', (chunk) => (socket.destroy(), resolve(chunk.toString().startsWith('INFO'))));
    socket.once('error', () => resolve(false));
    socket.setTimeout(2000, () => (socket.destroy(), resolve(false)));
  });
}

describe('S3 Streaming from the JetStream log', async () => {
  const reachable = await natsReachable();
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
