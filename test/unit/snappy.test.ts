// The native addon's Snappy compressor (native/event-columns), read back by hyparquet's Snappy decompressor (an
// independent implementation, the one DuckDB-free Parquet readers in JavaScript use): every input comes back as it
// went in, across literal lengths of each size class, long copies, and inputs of several 64 KB blocks.
import { randomBytes } from 'node:crypto';
import { snappyUncompress } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { eventColumnsAddon } from '../../server/routing/batch/native-addon.js';

const nativeSnappy = eventColumnsAddon && ((bytes: Uint8Array) => eventColumnsAddon!.snappy(bytes));

function roundTrip(input: Uint8Array): Uint8Array {
  const compressed = nativeSnappy!(input);
  const output = new Uint8Array(input.length);
  snappyUncompress(compressed, output);
  return output;
}

describe('native Snappy', () => {
  it('is built', () => expect(nativeSnappy).not.toBeNull());

  const text = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => `row ${i % 97} user-${i % 13} https://shop.example/p/${i % 31}\n`).join('')).subarray(0, n);
  const cases: [string, Uint8Array][] = [
    ['empty', new Uint8Array(0)],
    ['one byte', Uint8Array.of(7)],
    ['fourteen bytes', Buffer.from('abcdefghijklmn')],
    ['random (literals of every length class)', randomBytes(70_000)],
    ['repetitive text', text(50_000)],
    ['one byte repeated (long copies)', new Uint8Array(200_000).fill(0x61)],
    ['several blocks, the last short', text(3 * 65_536 + 17)],
    ['exactly one block', text(65_536)],
    ['random then repeated', Buffer.concat([randomBytes(1000), new Uint8Array(5000).fill(1), randomBytes(300)])],
  ];
  for (const [name, input] of cases) {
    it(`round-trips ${name}`, () => {
      expect(Buffer.from(roundTrip(input)).equals(Buffer.from(input))).toBe(true);
    });
  }

  it('compresses what repeats', () => {
    const input = text(100_000);
    expect(nativeSnappy!(input).length).toBeLessThan(input.length / 3);
  });
});
