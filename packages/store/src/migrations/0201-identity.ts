import { sql, type Kysely } from 'kysely';

/**
 * Staff identity (see docs/IDENTITY.md).
 *
 * - `staff_account`: who may sign in. Roles are a text[] of the domain's `staffRoles`; the password
 *   is a PHC-style scrypt hash, null for accounts that only use the city's sign-on (OIDC); an OIDC
 *   link is the (issuer, subject) pair, unique, set by an administrator.
 * - `staff_session`: one row per password or OIDC sign-in, keyed by the SHA-256 (hex) of the
 *   bearer token: the token itself is never stored, so a copy of the database signs nobody in.
 * - `api_token`: tokens for other systems, hash only, each bound to a department and roles.
 * - `oidc_sign_in`: the server-side half of an OIDC sign-in in progress (PKCE verifier, nonce),
 *   keyed by the SHA-256 of its `state`, deleted when used or expired.
 *
 * Plain DDL that PGlite and PostgreSQL both run.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('staff_account')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('dept_code', 'text', (c) => c.notNull())
    .addColumn('roles', sql`text[]`, (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('oidc_issuer', 'text')
    .addColumn('oidc_subject', 'text')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_sign_in_at', 'timestamptz')
    .addUniqueConstraint('staff_account_oidc', ['oidc_issuer', 'oidc_subject'])
    .addCheckConstraint('staff_account_dept_code', sql`char_length(dept_code) = 18`)
    .addCheckConstraint(
      'staff_account_username',
      sql`username = lower(username) and char_length(username) <= 64`,
    )
    .addCheckConstraint('staff_account_oidc_pair', sql`(oidc_issuer is null) = (oidc_subject is null)`)
    .addCheckConstraint('staff_account_failed_attempts', sql`failed_attempts >= 0`)
    .execute();
  await db.schema
    .createIndex('staff_account_dept')
    .on('staff_account')
    .columns(['dept_code', 'username'])
    .execute();

  await db.schema
    .createTable('staff_session')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff_account.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addCheckConstraint('staff_session_hash', sql`char_length(token_hash) = 64`)
    .execute();
  await db.schema.createIndex('staff_session_staff').on('staff_session').column('staff_id').execute();
  await db.schema.createIndex('staff_session_expires').on('staff_session').column('expires_at').execute();

  await db.schema
    .createTable('api_token')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('dept_code', 'text', (c) => c.notNull())
    .addColumn('roles', sql`text[]`, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by', 'text')
    .addCheckConstraint('api_token_dept_code', sql`char_length(dept_code) = 18`)
    .addCheckConstraint('api_token_hash', sql`char_length(token_hash) = 64`)
    .execute();
  await db.schema.createIndex('api_token_dept').on('api_token').columns(['dept_code', 'id']).execute();

  await db.schema
    .createTable('oidc_sign_in')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['oidc_sign_in', 'api_token', 'staff_session', 'staff_account'])
    await db.schema.dropTable(t).execute();
}
