import type { Catalog, HolderKind, MaterialSource } from '@tongban/domain';
import type { Chain } from './chains.js';

/** A resident of 示范市. */
export interface Person {
  /** 公民身份号码 (GB 11643, valid check character), the key. */
  readonly id: string;
  readonly name: string;
  readonly sex: 'male' | 'female';
  /** YYYY-MM-DD, the date inside `id`. */
  readonly birthDate: string;
  readonly ethnicity: string;
  /** Home address (the household's). */
  readonly address: string;
  /** Region code of the district the person lives in. */
  readonly districtCode: string;
  /** 户号 of the person's household. */
  readonly householdNumber: string;
  /** Mobile phone; children have none. */
  readonly phone?: string;
}

/** An organisation registered in 示范市 (company, sole trader, cooperative). */
export interface Organisation {
  /** 统一社会信用代码 (GB 32100, valid check characters), the key. */
  readonly creditCode: string;
  readonly name: string;
  /** 类型 as printed on the business licence, e.g. 有限责任公司（自然人投资或控股）, 个体工商户. */
  readonly type: string;
  /** A short industry key (restaurant, retail, pharmacy, …). */
  readonly industry: string;
  /** 法定代表人 / 经营者: a person of the demo population. */
  readonly legalRepresentativeId: string;
  readonly legalRepresentativeName: string;
  /** 注册资本 in 万元人民币; null for a sole trader (个体工商户 has none). */
  readonly registeredCapital: number | null;
  /** 成立日期, YYYY-MM-DD. */
  readonly foundedOn: string;
  readonly address: string;
  readonly districtCode: string;
  readonly businessScope: string;
  /** 存续 (active), 吊销 (licence withdrawn) or 注销 (deregistered), as of the snapshot day. */
  readonly registrationStatus: '存续' | '吊销' | '注销';
}

/** 证照状态. */
export type DemoCertificateStatus = '有效' | '暂扣' | '撤销' | '注销' | '失效' | '吊销';

export type FieldValue = string | number | readonly string[];

/** One issued certificate, as its issuing department's node holds it. */
export interface DemoCertificate {
  /** GB/T 36904 identifier (makeCertificateId). */
  readonly certificateId: string;
  readonly typeCode: string;
  readonly holder: { readonly kind: HolderKind; readonly id: string };
  /** Credit code of the issuing department (one of the type's issuingDeptCodes). */
  readonly issuerCode: string;
  /** Values valid against the type's field schema. */
  readonly fields: Readonly<Record<string, FieldValue>>;
  readonly status: DemoCertificateStatus;
  /** YYYY-MM-DD. */
  readonly validFrom: string;
  /** YYYY-MM-DD, or null for no end (permanent, 长期). */
  readonly validUntil: string | null;
  readonly version: 1;
}

/** How a case ended; `open` when it was still running on the snapshot day. */
export type DemoCaseOutcome =
  /** 准予 / 办结 with the result delivered. */
  | 'approved'
  /** 不予许可 / 不予办理 after review. */
  | 'denied'
  /** 不予受理 at intake. */
  | 'refused'
  /** 撤回 by the applicant. */
  | 'withdrawn'
  | 'open';

/** One application material of a case, as it was handled at the window. */
export interface DemoCaseMaterial {
  readonly name: string;
  readonly source: MaterialSource['kind'];
  /** The certificate type, for certificate materials. */
  readonly typeCode: string | null;
  /** Whose certificate it is: the applicant, or for an organisation the legal representative. */
  readonly holder: { readonly kind: HolderKind; readonly id: string } | null;
  /** The holder's certificate of that type in the demo city, if one exists. */
  readonly certificateId: string | null;
  /**
   * Could have been shared instead of brought: the certificate existed, was valid on the day, and its
   * type is shared (unconditionally, or conditionally under an agreement); for a prior-case material,
   * the earlier case of the same chain exists.
   */
  readonly shareable: boolean;
  /** The applicant physically brought it (paper or a copy). */
  readonly brought: boolean;
}

/** One historical case (办件). Dates are YYYY-MM-DD; a step not reached is null. */
export interface DemoCase {
  /** 办件编号. */
  readonly caseNo: string;
  readonly itemCode: string;
  /** The department that handled it (the item's 实施主体). */
  readonly deptCode: string;
  readonly applicant: { readonly kind: HolderKind; readonly id: string };
  /** Set when the case is a step of a service chain instance. */
  readonly chain: { readonly name: string; readonly instance: number; readonly step: number } | null;
  readonly submittedOn: string;
  readonly acceptedOn: string | null;
  /** 补正: the clock paused between the request and the applicant's supplement. */
  readonly supplement: { readonly requestedOn: string; readonly suppliedOn: string | null } | null;
  readonly decidedOn: string | null;
  readonly concludedOn: string | null;
  readonly deliveredOn: string | null;
  readonly outcome: DemoCaseOutcome;
  readonly materials: readonly DemoCaseMaterial[];
  /** Certificates this case issued that are in `certificates()` (chain steps only). */
  readonly issuedCertificateIds: readonly string[];
}

export interface DemoCityCounts {
  readonly departments: number;
  readonly certificateTypes: number;
  readonly items: number;
  readonly chains: number;
  readonly persons: number;
  readonly organisations: number;
  /**
   * Exact. Computed on first read by one pass over the population's certificate plans (no fields, no
   * identifiers): about 0.2 s at scale 1, a minute at scale 100. For a progress bar, use
   * `certificatesEstimate`.
   */
  readonly certificates: number;
  /** Closed-form estimate of `certificates` (within 2 %), free to read at any scale. */
  readonly certificatesEstimate: number;
  readonly cases: number;
}

export interface DemoCityOptions {
  /** Default 'tongban-demo'. */
  readonly seed?: string;
  /** Multiplies the population and the case history. Default 1 (20,000 persons). */
  readonly scale?: number;
}

/** The generated city. Records come from iterators, so a city at scale 100 fits in bounded memory. */
export interface DemoCity {
  readonly seed: string;
  readonly scale: number;
  readonly name: '示范市';
  /** The snapshot day (certificate statuses and open cases are as of this day), YYYY-MM-DD. */
  readonly asOf: string;
  readonly catalog: Catalog;
  readonly chains: readonly Chain[];
  readonly counts: DemoCityCounts;
  /** Persons in index order; `persons(from, to)` generates only that slice. */
  persons(from?: number, to?: number): Iterable<Person>;
  organisations(from?: number, to?: number): Iterable<Organisation>;
  /** Persons' certificates (in person order), then organisations'. */
  certificates(): Iterable<DemoCertificate>;
  /** Chain cases (chain by chain, instance by instance), then single-item cases; not in date order. */
  cases(from?: number, to?: number): Iterable<DemoCase>;
  person(index: number): Person;
  organisation(index: number): Organisation;
  /** The certificates of one holder (the person or organisation of that index). */
  certificatesOf(holder: { kind: 'person' | 'organisation'; index: number }): DemoCertificate[];
  case(index: number): DemoCase;
}
