/**
 * A streaming RFC 4180 CSV parser: text goes in chunk by chunk, complete records come out.
 *
 * Why not csv-parse: on a 2M-row, 5-column gzipped file, csv-parse plus typing read ~0.25M rows/s on the benchmark
 * machine, far below the ~1M rows/s the import benchmark has to beat (bench/formats.ts prints both figures). This
 * parser leans on the engine's native `indexOf` instead of visiting every character, and reports fields as offsets
 * into the chunk so numbers can be typed without cutting a substring per cell.
 *
 * Behaviour:
 * - Fields are separated by `,`; records end at `\n` or `\r\n`. A field may be quoted with `"`; inside quotes,
 *   `""` is a quote and commas and line breaks are data.
 * - Lenient where RFC 4180 is silent: a quote inside an unquoted field is kept as text, and text after a
 *   closing quote (`"ab"c`) is appended to the field up to the next delimiter.
 * - An empty line is a record with one empty field; the caller decides what it means.
 * - A quote still open at the end of input is a `CsvSyntaxError` naming the record and line where it opened.
 * - A record that grows past `maxRecordChars` without ending is a `CsvSyntaxError` (usually a stray quote),
 *   so memory stays bounded.
 */

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** A structural error in CSV text, with the 1-based record and physical line where the bad record starts. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    public readonly kind: 'unclosed-quote' | 'record-too-long',
    public readonly record: number,
    public readonly line: number,
    /** For `record-too-long`: the limit in characters. */
    public readonly limit?: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

export interface CsvParserOptions {
  /** Longest record (in UTF-16 code units) before giving up; default 16 Mi. */
  maxRecordChars?: number;
}

/**
 * Streaming RFC 4180 parser. `scan(text)` / `finish()` parse and leave the completed records in the public fields
 * below, valid until the next call: record `r` has fields `recordEnds[r-1] .. recordEnds[r]-1` (from 0 for r = 0);
 * field `i` is `text.slice(starts[i], ends[i])`, or, when `starts[i] < 0`, the unquoted value `quoted[-starts[i]-1]`.
 * `push`/`end` do the same and hand back records as string arrays, for callers that prefer simple over fast.
 */
export class CsvParser {
  /** Records completed so far (the header, when there is one, is record 1). */
  records = 0;
  /** Physical line (1-based) where the next record starts. */
  line = 1;

  text = '';
  recordCount = 0;
  recordEnds: number[] = [];
  starts: number[] = [];
  ends: number[] = [];
  quoted: string[] = [];

  private pending = '';
  /** Length of `pending` when a parse last made no progress, so re-parsing waits until the text doubles. */
  private stalledAt = 0;
  private readonly maxRecordChars: number;

  constructor(options: CsvParserOptions = {}) {
    this.maxRecordChars = options.maxRecordChars ?? 16 * 1024 * 1024;
  }

  /** Adds text and parses the records it completes. */
  scan(text: string): void {
    this.recordCount = 0;
    this.pending = this.pending.length === 0 ? text : this.pending + text;
    // A record longer than a chunk would be rescanned on every chunk; waiting until the text doubles keeps it linear.
    if (this.stalledAt > 0 && this.pending.length < 2 * this.stalledAt) return;
    const s = this.pending;
    const consumed = this.parse(s, false);
    this.pending = consumed === s.length ? '' : s.slice(consumed);
    this.stalledAt = consumed === 0 && this.pending.length > 0 ? this.pending.length : 0;
    if (this.pending.length > this.maxRecordChars) {
      throw new CsvSyntaxError(
        `record ${this.records + 1} (line ${this.line}) is longer than ${this.maxRecordChars} characters`,
        'record-too-long',
        this.records + 1,
        this.line,
        this.maxRecordChars,
      );
    }
  }

  /** Ends the input and parses what is left (throws `CsvSyntaxError` for a quote still open). */
  finish(): void {
    this.recordCount = 0;
    const s = this.pending;
    this.pending = '';
    if (s.length > 0) this.parse(s, true);
  }

  /** Text received but not yet part of a complete record (what a sample drops at its cut). */
  get remainder(): string {
    return this.pending;
  }

  /** Field `i` of the last scan as a string. */
  field(i: number): string {
    const start = this.starts[i];
    return start < 0 ? this.quoted[-start - 1] : this.text.slice(start, this.ends[i]);
  }

  /** Adds text; appends the records it completes to `out` as string arrays. */
  push(text: string, out: string[][]): void {
    this.scan(text);
    this.collect(out);
  }

  /** Ends the input; appends the last records to `out`. */
  end(out: string[][]): void {
    this.finish();
    this.collect(out);
  }

  private collect(out: string[][]): void {
    let first = 0;
    for (let r = 0; r < this.recordCount; r++) {
      const last = this.recordEnds[r];
      const fields: string[] = [];
      for (let i = first; i < last; i++) fields.push(this.field(i));
      out.push(fields);
      first = last;
    }
  }

  /** Parses complete records from `s` into the output fields; returns how many characters they used. */
  private parse(s: string, final: boolean): number {
    const starts = this.starts;
    const ends = this.ends;
    const quoted = this.quoted;
    const recordEnds = this.recordEnds;
    const len = s.length;
    let pos = 0;
    let line = this.line;
    let records = this.records;
    let n = 0; // fields written
    let q = 0; // quoted values written
    let recordCount = 0;
    // Cached positions of the next newline/comma at or after `pos`; -1 = none in `s`, -2 = not looked up yet.
    let nl = -2;
    let comma = -2;
    let done = 0;
    records: while (pos < len) {
      const recordLine = line;
      for (;;) {
        if (s.charCodeAt(pos) === QUOTE) {
          let value = '';
          let p = pos + 1;
          for (;;) {
            const at = s.indexOf('"', p);
            if (at === -1 || (at + 1 === len && !final)) {
              if (!final) break records;
              throw new CsvSyntaxError(
                `a quoted field in record ${records + 1} (line ${recordLine}) is never closed`,
                'unclosed-quote',
                records + 1,
                recordLine,
              );
            }
            if (s.charCodeAt(at + 1) === QUOTE) {
              value += s.slice(p, at + 1);
              p = at + 2;
              continue;
            }
            value += s.slice(p, at);
            p = at + 1;
            break;
          }
          for (let i = s.indexOf('\n', pos); i !== -1 && i < p; i = s.indexOf('\n', i + 1)) line++;
          let c = s.charCodeAt(p);
          if (c !== COMMA && c !== LF && p < len && !(c === CR && (p + 1 === len || s.charCodeAt(p + 1) === LF))) {
            // Text after the closing quote: keep it, up to the next delimiter.
            let stop = p;
            while (stop < len) {
              const d = s.charCodeAt(stop);
              if (d === COMMA || d === LF) break;
              stop++;
            }
            if (stop === len && !final) break records;
            let end = stop;
            if (s.charCodeAt(stop) === LF && end > p && s.charCodeAt(end - 1) === CR) end--;
            value += s.slice(p, end);
            p = stop;
            c = s.charCodeAt(p);
          }
          quoted[q] = value;
          q++;
          starts[n] = -q;
          ends[n] = 0;
          n++;
          if (c === COMMA) {
            pos = p + 1;
            continue;
          }
          if (c === LF) {
            pos = p + 1;
            line++;
          } else if (c === CR && s.charCodeAt(p + 1) === LF) {
            pos = p + 2;
            line++;
          } else {
            // End of the text (perhaps after a lone CR): a record only if no more text can follow.
            if (!final) break records;
            pos = len;
          }
          break;
        }
        if (nl !== -1 && nl < pos) nl = s.indexOf('\n', pos);
        if (comma !== -1 && comma < pos) comma = s.indexOf(',', pos);
        if (comma !== -1 && (comma < nl || nl === -1)) {
          starts[n] = pos;
          ends[n] = comma;
          n++;
          pos = comma + 1;
          continue;
        }
        if (nl === -1) {
          if (!final) break records;
          let end = len;
          if (end > pos && s.charCodeAt(end - 1) === CR) end--;
          starts[n] = pos;
          ends[n] = end;
          n++;
          pos = len;
          break;
        }
        let end = nl;
        if (end > pos && s.charCodeAt(end - 1) === CR) end--;
        starts[n] = pos;
        ends[n] = end;
        n++;
        pos = nl + 1;
        line++;
        break;
      }
      recordEnds[recordCount++] = n;
      records++;
      done = pos;
      this.line = line;
    }
    this.records = records;
    this.recordCount = recordCount;
    this.text = s;
    return done;
  }
}
