import type { CertificateSource, CertificateStore, SourceQuery } from '@tongban/domain';

/** The node's own store as a {@link CertificateSource} for every type not served by an adapter. */
export function storeSource(store: CertificateStore): CertificateSource {
  return {
    name: 'store',
    typeCodes: new Set<string>(),
    find: (query: SourceQuery) => store.find(query),
    close: () => Promise.resolve(),
  };
}

/** Picks the source for a type: the adapter that declares it, else the local store. */
export function routeSources(local: CertificateSource, adapters: readonly CertificateSource[]) {
  const byType = new Map<string, CertificateSource>();
  for (const a of adapters) for (const code of a.typeCodes) byType.set(code, a);
  return {
    sourceFor: (typeCode: string): CertificateSource => byType.get(typeCode) ?? local,
    servedTypeCodes: new Set(byType.keys()) as ReadonlySet<string>,
    close: async () => {
      for (const a of adapters) await a.close();
    },
  };
}

export type SourceRouter = ReturnType<typeof routeSources>;
