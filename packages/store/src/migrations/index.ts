import type { Migration } from 'kysely';
import * as m0001 from './0001-catalog.js';

/** The platform's migrations, in order. Names never change once released. */
export const platformMigrations: Record<string, Migration> = {
  '0001-catalog': m0001,
};
