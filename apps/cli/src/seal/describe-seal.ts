import { certificateStatusNames, type SealPayload } from '@tongban/domain';

/**
 * A holder id as the CLI shows it: the first 3 and last 2 characters, the rest starred (an ID
 * number is personal data; this much tells a clerk which person without giving the number away).
 */
export function maskHolderId(id: string): string {
  const chars = [...id];
  if (chars.length <= 5) return '*'.repeat(chars.length);
  return `${chars.slice(0, 3).join('')}${'*'.repeat(chars.length - 5)}${chars.slice(-2).join('')}`;
}

/** What the CLI reports of a seal: never the released field values, and the holder id masked. */
export interface SealSummary {
  readonly sealId: string;
  readonly watermark: string;
  readonly certificate: { readonly type: string; readonly identifier: string; readonly status: string };
  readonly holder: { readonly kind: string; readonly id: string };
  readonly purpose: {
    readonly itemCode: string;
    readonly caseNo: string;
    readonly deptCode: string;
    readonly clerkId: string;
  };
  readonly issuedAt: string;
  readonly expiresAt: string;
}

/** The reportable part of a verified seal payload. */
export function summariseSeal(p: SealPayload): SealSummary {
  return {
    sealId: p.sealId,
    watermark: p.watermark,
    certificate: {
      type: p.certificate.type,
      identifier: p.certificate.identifier,
      status: p.certificate.status,
    },
    holder: { kind: p.holder.kind, id: maskHolderId(p.holder.id) },
    purpose: {
      itemCode: p.purpose.itemCode,
      caseNo: p.purpose.caseNo,
      deptCode: p.purpose.deptCode,
      clerkId: p.purpose.clerkId,
    },
    issuedAt: p.issuedAt,
    expiresAt: p.expiresAt,
  };
}

const statusName = (status: string): string =>
  status in certificateStatusNames
    ? `${status} (${certificateStatusNames[status as keyof typeof certificateStatusNames]})`
    : status;

/** The summary as indented lines for a terminal. */
export function describeSeal(s: SealSummary): string[] {
  return [
    `  ${s.watermark}`,
    `  certificate  type ${s.certificate.type}, ${s.certificate.identifier}, status ${statusName(s.certificate.status)}`,
    `  holder       ${s.holder.kind} ${s.holder.id}`,
    `  purpose      item ${s.purpose.itemCode}, case ${s.purpose.caseNo}, dept ${s.purpose.deptCode}, clerk ${s.purpose.clerkId}`,
    `  valid        issued ${s.issuedAt}, expires ${s.expiresAt}`,
  ];
}
