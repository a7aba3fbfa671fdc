/** The catalog as this server offers it: each platform's descriptor with whether connections can be created on it. */
import { PLATFORMS, type PlatformDescriptor } from './platforms.js';

/** A platform of the catalog, with what this server can do with it. */
export type CatalogEntry = PlatformDescriptor & { available: boolean; retired: boolean };

/** Catalog entries with what this server can do with each. */
export class CatalogService {
  constructor(private readonly isAvailable: (p: PlatformDescriptor) => boolean, private readonly isRetired: (p: PlatformDescriptor) => boolean) {}

  /** Every platform, available or not (the UI shows unavailable ones greyed out). */
  platforms(): CatalogEntry[] {
    return PLATFORMS.map((p) => ({ ...p, available: this.isAvailable(p) && !this.isRetired(p), retired: this.isRetired(p) }));
  }
}
