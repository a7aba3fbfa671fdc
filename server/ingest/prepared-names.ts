// Names for PostgreSQL statements that are sent again and again with other values, so that each pooled connection
// keeps them prepared (pg sends Parse once per connection and name, then only Bind and Execute).
//
// An unnamed statement is parsed, analysed and planned on every execution. The admin UI's lists send the same few
// texts on every request: planning alone was 0.7 ms of PostgreSQL's CPU for the imports page and 1.5 ms for its
// loaders' shared statement (EXPLAIN ANALYZE, 50 imports), as much as executing them. A prepared statement is
// planned for its values the first five times, then PostgreSQL keeps a generic plan when that costs no more.
//
// Texts get a name from their second use (a statement seen once, such as a rare filter combination, takes none),
// and at most MAX_NAMED texts are named per process: each is kept prepared on every connection that ran it, for the
// connection's life, so the number bounds that memory in each PostgreSQL backend. Names are the text's hash, so two
// processes, or a text that comes back, agree. PgBouncer in transaction mode needs `max_prepared_statements` set
// (1.21 and later) for named statements to work through it.
import { createHash } from 'node:crypto';

const MAX_NAMED = 200;
/** Texts seen once, waiting for a second use: forgotten all at once past this many. */
const MAX_SEEN = 2000;

export class PreparedNames {
  private readonly names = new Map<string, { name: string; text: string }>();
  private seen = new Set<string>();

  /** `toText`: the statement as PostgreSQL takes it (sql.ts `toDollar`), worked out once per name. */
  constructor(private readonly toText: (sql: string) => string) {}

  /** The name and `$n` text for `sql` (`?` placeholders), or null while it is not (yet, or ever) kept prepared. */
  nameOf(sql: string): { name: string; text: string } | null {
    const known = this.names.get(sql);
    if (known) return known;
    if (this.names.size >= MAX_NAMED) return null;
    if (!this.seen.has(sql)) {
      if (this.seen.size >= MAX_SEEN) this.seen = new Set();
      this.seen.add(sql);
      return null;
    }
    this.seen.delete(sql);
    const entry = { name: `inlet_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`, text: this.toText(sql) };
    this.names.set(sql, entry);
    return entry;
  }
}
