import type { ExecuteSql } from '~db/client';
import { database } from '~/modules/database/database.server';
import { personalDataDomains } from './personal-data-registry.server';
import type { DomainPersonalData, ForeignKeyRule } from './personal-data-types.server';

/**
 * Holds the personal-data registry against the database as migrated, so that the next table
 * or column that holds or points to a person cannot be forgotten by the export and the account
 * deletion (083). A column must be declared — or listed as not personal, with the reason — when
 *
 * - it references users.id or memberships.id (whatever its name), or
 * - it is json/jsonb (it can hold anything), or
 * - it is of a text type and its name says it may hold a person: an address, a name, a bib,
 *   kana, an IP address or User-Agent, a text someone wrote, a rendered message, or a person's
 *   id (`*_by`, `user_id`).
 *
 * The registry is checked the other way too: every declared column must exist, and every
 * cascade or set-null it relies on must be the foreign key's actual ON DELETE rule.
 */

/** Tables whose rows are people or belong to one; a reference to them is personal. */
const PERSON_TABLES = ['users.id', 'memberships.id'];

const PERSONAL_NAME =
  /(^|_)(e?mails?|address(es)?|names?|bib|kana|ip|agent|body|text|html|subject|recipients?|headers|notes|comments?|detail|phone|tel|birth(day|date)?|gender|sender|author|actor|assigned|user|member|membership|by|to|reply)(_|$)/i;

/** Types that can hold an address, a name or written text (a boolean or a count cannot). */
const TEXT_TYPES = ['text', 'character varying', 'character', 'ARRAY', 'bytea'];

export interface PersonalDataCoverage {
  /** `table.column (why it was asked about)` for columns neither declared nor listed. */
  undeclared: string[];
  /** Declared or listed columns the database does not have. */
  unknown: string[];
  /** Columns both declared personal and listed as not personal. */
  contradictory: string[];
  /** Declared cascades and set-nulls that are not the foreign key's ON DELETE rule. */
  foreignKeyMismatches: string[];
  /** Export sections declared twice, or `includedIn` a section nobody declares. */
  exportProblems: string[];
}

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
}

interface ForeignKeyRow {
  table_name: string;
  column_name: string;
  referenced: string;
  on_delete: string;
}

const ON_DELETE: Record<string, string> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

export async function checkPersonalDataCoverage(
  options: { executeSql?: ExecuteSql; domains?: readonly DomainPersonalData[] } = {},
): Promise<PersonalDataCoverage> {
  const executeSql = options.executeSql ?? database.executeSql;
  const domains = options.domains ?? personalDataDomains;

  const columns = (
    await executeSql(`
      select c.table_name, c.column_name, c.data_type
      from information_schema.columns c
      join information_schema.tables t
        on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`)
  ).rows as unknown as ColumnRow[];
  // Single-column foreign keys are all this schema has; each is listed per column.
  const foreignKeys = (
    await executeSql(`
      select src.relname as table_name, a.attname as column_name,
        dst.relname || '.' || b.attname as referenced, con.confdeltype::text as on_delete
      from pg_constraint con
      join pg_class src on src.oid = con.conrelid
      join pg_class dst on dst.oid = con.confrelid
      join pg_namespace n on n.oid = src.relnamespace
      join pg_attribute a on a.attrelid = con.conrelid and a.attnum = con.conkey[1]
      join pg_attribute b on b.attrelid = con.confrelid and b.attnum = con.confkey[1]
      where con.contype = 'f' and n.nspname = 'public'`)
  ).rows as unknown as ForeignKeyRow[];

  const existing = new Set(columns.map((c) => `${c.table_name}.${c.column_name}`));
  const fkOf = new Map(foreignKeys.map((fk) => [`${fk.table_name}.${fk.column_name}`, fk]));

  const declared = new Set<string>();
  const notPersonal = new Set<string>();
  const report: PersonalDataCoverage = {
    undeclared: [],
    unknown: [],
    contradictory: [],
    foreignKeyMismatches: [],
    exportProblems: [],
  };
  const sections = new Set<string>();
  const includedIn: string[] = [];

  const expectRule = (table: string, rule: ForeignKeyRule, onDelete: 'cascade' | 'set null') => {
    const fk = fkOf.get(`${table}.${rule.column}`);
    const actual = fk
      ? `${fk.referenced} on delete ${ON_DELETE[fk.on_delete] ?? fk.on_delete}`
      : 'no foreign key';
    if (actual !== `${rule.references} on delete ${onDelete}`) {
      report.foreignKeyMismatches.push(
        `${table}.${rule.column}: declared ${rule.references} on delete ${onDelete}, schema has ${actual}`,
      );
    }
  };

  for (const domain of domains) {
    for (const declaration of domain.declarations) {
      for (const column of [
        ...Object.keys(declaration.columns),
        ...(declaration.retains?.columns ?? []),
      ]) {
        const key = `${declaration.table}.${column}`;
        declared.add(key);
        if (!existing.has(key)) report.unknown.push(key);
      }
      const erase = declaration.erase;
      if (erase.kind === 'cascade') expectRule(declaration.table, erase.via, 'cascade');
      if (erase.kind === 'anonymize' && 'setNull' in erase) {
        for (const rule of erase.setNull) expectRule(declaration.table, rule, 'set null');
      }
      const exported = declaration.export;
      if ('key' in exported) {
        if (sections.has(exported.key)) {
          report.exportProblems.push(`section "${exported.key}" is declared twice`);
        }
        sections.add(exported.key);
      }
      if ('includedIn' in exported) includedIn.push(exported.includedIn);
    }
    for (const key of Object.keys(domain.notPersonal)) {
      notPersonal.add(key);
      if (!existing.has(key)) report.unknown.push(key);
    }
  }
  for (const key of includedIn) {
    if (!sections.has(key)) report.exportProblems.push(`no section "${key}" to be included in`);
  }
  for (const key of declared) if (notPersonal.has(key)) report.contradictory.push(key);

  for (const column of columns) {
    const key = `${column.table_name}.${column.column_name}`;
    if (declared.has(key) || notPersonal.has(key)) continue;
    const fk = fkOf.get(key);
    const reason =
      fk && PERSON_TABLES.includes(fk.referenced)
        ? `references ${fk.referenced}`
        : column.data_type === 'json' || column.data_type === 'jsonb'
          ? column.data_type
          : TEXT_TYPES.includes(column.data_type) && PERSONAL_NAME.test(column.column_name)
            ? 'its name'
            : null;
    if (reason) report.undeclared.push(`${key} (${reason})`);
  }
  return report;
}
