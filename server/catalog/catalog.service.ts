/** The catalog as this server offers it: each platform's descriptor with whether connections can be created on it. */
import { PLATFORMS, type PlatformDescriptor } from './platforms.js';

/** A platform of the catalog, with what this server can do with it. */
export type CatalogEntry = PlatformDescriptor & { available: boolean; retired: boolean };

/**
 * Catalog entries with what this server can do with each: fixed for the process's life (both come from the code and
 * the configuration), so they are built once; every connection of a list names its platform through `platform(id)`.
 */
export class CatalogService {
  private readonly entries: readonly CatalogEntry[];
  private readonly byId: ReadonlyMap<string, CatalogEntry>;

  constructor(isAvailable: (p: PlatformDescriptor) => boolean, isRetired: (p: PlatformDescriptor) => boolean) {
    this.entries = PLATFORMS.map((p) => Object.freeze({ ...p, available: isAvailable(p) && !isRetired(p), retired: isRetired(p) }));
    this.byId = new Map(this.entries.map((p) => [p.id, p]));
  }

  /** Every platform, available or not (the UI shows unavailable ones greyed out). */
  platforms(): readonly CatalogEntry[] {
    return this.entries;
  }

  /** One platform by id. */
  platform(id: string): CatalogEntry | undefined {
    return this.byId.get(id);
  }
}
