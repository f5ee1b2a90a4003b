import type { DbOrTx } from '~db/client';
import type { Locale } from '~/i18n/types';

/**
 * The vocabulary of the personal-data registry (SPEC: "Personal data is declared per table —
 * what it is, how it is exported, how it is erased"). Each domain declares its own tables in
 * `app/modules/<domain>/personal-data.server.ts`; personal-data-registry.server.ts collects
 * them, and the member's export and account deletion do nothing but walk that list. See
 * docs/decisions/083-personal-data-registry.md.
 */

/** One person, as every declaration finds their rows: by user id, address or membership. */
export interface PersonalDataSubject {
  userId: string;
  /** Normalized (trimmed, lowercased), as every table stores it. */
  email: string;
  locale: Locale;
  /** Every membership, active or left, with the event and alias the audit log names. */
  memberships: { id: string; eventId: string; aliasNumber: number }[];
  /** Events the consent log holds a record of the person for (a membership may be gone). */
  consentedEventIds: string[];
}

/** One step of the account deletion; always runs inside the deletion's transaction. */
export type ErasureStep = (tx: DbOrTx, subject: PersonalDataSubject) => Promise<void>;

/** A foreign key the database acts on when the row it points to is deleted. */
export interface ForeignKeyRule {
  /** The column of the declared table holding the reference. */
  column: string;
  /** `table.column` it references. */
  references: string;
}

export type Erasure =
  /** `run` deletes the person's rows. */
  | { kind: 'delete'; run: ErasureStep }
  /**
   * The database deletes the rows with the row they point to (ON DELETE CASCADE, checked
   * against the schema by the coverage test); `run` does what a cascade cannot, such as
   * removing stored files, and runs before the cascade.
   */
  | { kind: 'cascade'; via: ForeignKeyRule; run?: ErasureStep }
  /**
   * The rows stay (they count for something), their link to the person is cut: by `run`, or
   * by ON DELETE SET NULL on each of `setNull` (checked against the schema).
   */
  | { kind: 'anonymize'; run: ErasureStep; why: string }
  | { kind: 'anonymize'; setNull: ForeignKeyRule[]; why: string }
  /** Kept as they are: what they hold identifies nobody once the rest is gone. */
  | { kind: 'keep'; why: string }
  /** Held only while work is in progress and cleared by that work itself, never later. */
  | { kind: 'expires'; why: string };

export type ExportRule =
  /** A section of the export, under `key`: only this person's rows, no secrets. */
  | { key: string; read: (subject: PersonalDataSubject) => Promise<unknown> }
  /** Shown within another declaration's section. */
  | { includedIn: string }
  /** Deliberately left out, and why. */
  | { none: string };

export interface PersonalDataDeclaration {
  /** The table, as PostgreSQL names it. */
  table: string;
  /** Whose data this is and what it says about them, in the domain's words. */
  what: string;
  /** Every column of `table` that holds or points to this person, and what it holds. */
  columns: Record<string, string>;
  export: ExportRule;
  erase: Erasure;
  /**
   * Columns that may still hold the person's own words or numbers after the deletion, and why
   * that identifies nobody (e.g. the bib of an invitation declined earlier, 045).
   */
  retains?: { columns: string[]; why: string };
}

export interface DomainPersonalData {
  domain: string;
  /** In erasure order within the domain. */
  declarations: PersonalDataDeclaration[];
  /**
   * `table.column` → why it is not personal, for columns whose name or type suggests it is
   * (the coverage test asks about every one of them).
   */
  notPersonal: Record<string, string>;
}
