import { importJwks, type PublicKeyVerifier } from '@tongban/crypto';
import {
  DomainError,
  type DirectoryEntry,
  type DirectoryRepository,
  type RegisterEntryInput,
} from '@tongban/domain';
import type { HealthTracker } from './health-tracker.js';

/** A directory entry with its keys imported, ready to verify answers. */
export interface ResolvedEntry {
  readonly entry: DirectoryEntry;
  readonly verifiers: ReadonlyMap<string, PublicKeyVerifier>;
}

/**
 * The directory as the consult path reads it: which nodes (or, failing those, which peer
 * platforms) answer for a certificate type, with their verified keys. Held in memory and
 * rebuilt on every registration in this process; `refresh()` picks up registrations made through
 * another copy of the platform.
 */
export class DirectoryService {
  #byId = new Map<string, ResolvedEntry>();
  #byType = new Map<string, ResolvedEntry[]>();

  constructor(
    private readonly repo: DirectoryRepository,
    readonly health: HealthTracker,
  ) {}

  async refresh(): Promise<void> {
    const entries = await this.repo.list();
    const byId = new Map<string, ResolvedEntry>();
    for (const entry of entries) {
      try {
        byId.set(entry.entryId, resolve(entry));
      } catch {
        // A stored key set that no longer imports is left out: its answers could not be checked.
      }
    }
    const byType = new Map<string, ResolvedEntry[]>();
    for (const r of byId.values())
      for (const t of r.entry.typeCodes) byType.set(t, [...(byType.get(t) ?? []), r]);
    this.#byId = byId;
    this.#byType = byType;
  }

  /** Registers or re-registers a node or peer (its keys must import). */
  async register(input: RegisterEntryInput): Promise<{ entry: DirectoryEntry; created: boolean }> {
    try {
      importJwks(input.jwks);
    } catch (e) {
      throw new DomainError('VALIDATION_FAILED', `jwks: ${e instanceof Error ? e.message : 'invalid'}`, {
        field: 'jwks',
      });
    }
    const result = await this.repo.register(input);
    await this.refresh();
    return result;
  }

  async remove(entryId: string): Promise<boolean> {
    const removed = await this.repo.remove(entryId);
    await this.refresh();
    return removed;
  }

  /** Nodes that hold the type; peers only when no node does. */
  sourcesFor(typeCode: string): readonly ResolvedEntry[] {
    const all = this.#byType.get(typeCode) ?? [];
    const nodes = all.filter((r) => r.entry.kind === 'node');
    return nodes.length > 0 ? nodes : all.filter((r) => r.entry.kind === 'peer');
  }

  find(entryId: string): ResolvedEntry | undefined {
    return this.#byId.get(entryId);
  }

  /** Every peer platform's key, for checking seals a peer made and requests a peer signed. */
  peerVerifier(kid: string): { entry: DirectoryEntry; verifier: PublicKeyVerifier } | undefined {
    for (const r of this.#byId.values()) {
      if (r.entry.kind !== 'peer') continue;
      const verifier = r.verifiers.get(kid);
      if (verifier) return { entry: r.entry, verifier };
    }
    return undefined;
  }

  list(): Promise<readonly DirectoryEntry[]> {
    return this.repo.list();
  }
}

function resolve(entry: DirectoryEntry): ResolvedEntry {
  const verifiers = new Map(importJwks(entry.jwks).map((v) => [v.kid, v]));
  return { entry, verifiers };
}
