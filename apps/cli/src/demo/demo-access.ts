import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openFileKeyStore, type CryptoProfile } from '@tongban/crypto';
import { departmentSpecs, type DemoCity } from '@tongban/demo';
import type { StaffRole } from '@tongban/domain';
import type { DemoNodePlan } from './demo-nodes.js';

/** The demo's platform administrator (created by the platform on first start). */
export const DEMO_ADMIN_USERNAME = 'admin';

/** Staff each demo department gets: `<dept>.clerk`, `<dept>.reviewer`, `<dept>.admin`. */
const DEPT_STAFF: readonly {
  readonly suffix: string;
  readonly label: string;
  readonly roles: StaffRole[];
}[] = [
  { suffix: 'clerk', label: '综合窗口', roles: ['clerk'] },
  { suffix: 'reviewer', label: '后台审批', roles: ['reviewer'] },
  { suffix: 'admin', label: '部门管理员', roles: ['dept_admin'] },
];

/** `realEstateCentre` → `real-estate-centre`: the department part of demo usernames. */
export function demoDeptSlug(creditCode: string): string {
  const entry = Object.entries(departmentSpecs).find(([, spec]) => spec.creditCode === creditCode);
  const key = entry?.[0] ?? creditCode.toLowerCase();
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** A demo secret made once and kept in a 0600 file beside the demo data (never printed). */
export async function demoSecret(demoDir: string, name: string): Promise<string> {
  const path = join(demoDir, name);
  const existing = await readFile(path, 'utf8').then(
    (t) => t.trim(),
    () => '',
  );
  if (existing.length >= 16) return existing;
  const secret = randomBytes(18).toString('base64url');
  await writeFile(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}

interface AccessOptions {
  readonly url: string;
  readonly city: DemoCity;
  readonly plans: readonly DemoNodePlan[];
  readonly host: string;
  readonly demoDir: string;
  readonly profile: CryptoProfile;
  readonly adminPassword: string;
  readonly staffPassword: string;
  readonly out: (line: string) => void;
}

/**
 * Through the platform's own API (as an operator would): signs in as the demo admin, creates the
 * named staff of every department once (a supervisor and an auditor of the data bureau too), and
 * registers every department node in the directory with its current keys and the types it
 * issues (again on every start: ports or keys may have changed).
 */
export async function seedDemoAccess(o: AccessOptions): Promise<{ readonly created: number }> {
  const api = async (method: string, path: string, body: unknown, token?: string) => {
    const res = await fetch(`${o.url}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };
  const signIn = await api('POST', '/auth/sign-in', {
    username: DEMO_ADMIN_USERNAME,
    password: o.adminPassword,
  });
  if (signIn.status !== 200) throw new Error(`the demo admin cannot sign in (${signIn.status})`);
  const token = signIn.body['token'] as string;

  let created = 0;
  const marker = join(o.demoDir, 'staff-seeded');
  const seeded = await readFile(marker, 'utf8').then(
    () => true,
    () => false,
  );
  if (!seeded) {
    const dataBureau = departmentSpecs.dataBureau.creditCode;
    const accounts = [
      ...o.city.catalog.departments.flatMap((d) =>
        DEPT_STAFF.map((s) => ({
          username: `${demoDeptSlug(d.creditCode)}.${s.suffix}`,
          name: `${d.name}${s.label}`,
          deptCode: d.creditCode,
          roles: s.roles,
        })),
      ),
      {
        username: 'supervisor',
        name: '电子监察',
        deptCode: dataBureau,
        roles: ['supervisor'] as StaffRole[],
      },
      { username: 'auditor', name: '审计员', deptCode: dataBureau, roles: ['auditor'] as StaffRole[] },
    ];
    // A few at a time: each password is hashed with a memory-hard function on the platform.
    for (let i = 0; i < accounts.length; i += 4) {
      const answers = await Promise.all(
        accounts
          .slice(i, i + 4)
          .map((a) => api('POST', '/staff', { ...a, password: o.staffPassword }, token)),
      );
      for (const a of answers) {
        if (a.status === 201) created++;
        else if (a.status !== 409)
          throw new Error(`creating demo staff failed (${a.status} ${String(a.body['code'])})`);
      }
    }
    await writeFile(marker, `${accounts.length}\n`);
  }

  for (const plan of o.plans) {
    const keys = await openFileKeyStore(plan.keyDir, { profile: o.profile });
    const typeCodes = o.city.catalog.certificateTypes
      .filter((t) => t.issuingDeptCodes.includes(plan.deptCode))
      .map((t) => t.code);
    const res = await api(
      'PUT',
      `/directory/nodes/${plan.deptCode}`,
      {
        name: `${plan.name}数据节点`,
        baseUrl: `http://${o.host}:${plan.port}`,
        jwks: keys.jwks(new Date()),
        typeCodes,
      },
      token,
    );
    if (res.status !== 200 && res.status !== 201)
      throw new Error(`registering the ${plan.name} node failed (${res.status} ${String(res.body['code'])})`);
  }
  await api('POST', '/auth/sign-out', {}, token);
  return { created };
}

/** A case the demo can consult right away: an item, and an applicant whose certificate a node holds. */
export interface DemoConsultExample {
  readonly username: string;
  readonly itemCode: string;
  readonly itemName: string;
  readonly applicantId: string;
  readonly typeName: string;
}

/**
 * Picks an item whose first certificate material is an unconditionally shared type of persons, and
 * a person holding a valid certificate of it, preferring the civil affairs bureau's items: what the
 * start banner prints as a ready-to-run consult.
 */
export function demoConsultExample(city: DemoCity): DemoConsultExample | undefined {
  const types = new Map(city.catalog.certificateTypes.map((t) => [t.code, t]));
  const today = new Date().toISOString().slice(0, 10);
  const items = [...city.catalog.items].sort(
    (a, b) =>
      Number(b.deptCode === departmentSpecs.civil.creditCode) -
      Number(a.deptCode === departmentSpecs.civil.creditCode),
  );
  for (const item of items) {
    const material = item.materials.find((m) => m.source.kind === 'certificate');
    if (!material || material.source.kind !== 'certificate') continue;
    const type = types.get(material.source.typeCode);
    if (!type || type.sharing !== 'unconditional' || type.holderKind !== 'person') continue;
    for (const c of city.certificates())
      if (c.typeCode === type.code && c.status === '有效' && (c.validUntil === null || c.validUntil > today))
        return {
          username: `${demoDeptSlug(item.deptCode)}.clerk`,
          itemCode: item.itemCode,
          itemName: item.name,
          applicantId: c.holder.id,
          typeName: type.name,
        };
  }
  return undefined;
}
