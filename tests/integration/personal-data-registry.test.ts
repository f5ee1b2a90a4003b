/**
 * The personal-data registry against the database schema (SPEC: "a schema test keeps it
 * complete"): every column that holds or points to a person is declared — with how it is
 * exported and erased — or listed as not personal with a reason, and what the declarations
 * rely on (cascades, set-nulls, export sections) is what the schema really does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { database } from '~/modules/database/database.server';
import { checkPersonalDataCoverage } from '~/modules/membership/personal-data-coverage.server';
import {
  personalDataDomains,
  personalDataRegistry,
} from '~/modules/membership/personal-data-registry.server';
import type { DomainPersonalData } from '~/modules/membership/personal-data-types.server';

const withoutDeclaration = (table: string, column: string): DomainPersonalData[] =>
  personalDataDomains.map((domain) => ({
    ...domain,
    declarations: domain.declarations.filter((d) => !(d.table === table && column in d.columns)),
  }));

afterEach(async () => {
  await database.executeSql('drop table if exists test_unregistered');
});

describe('the personal-data registry', () => {
  it('declares every column of the migrated schema that holds or points to a person', async () => {
    const coverage = await checkPersonalDataCoverage();
    expect(coverage).toEqual({
      undeclared: [],
      unknown: [],
      contradictory: [],
      foreignKeyMismatches: [],
      exportProblems: [],
    });
  });

  it('reports a new table whose columns nobody declared', async () => {
    await database.executeSql(`
      create table test_unregistered (
        id text primary key,
        user_id text references users(id),
        owner text references memberships(id) on delete cascade,
        email text,
        answers jsonb not null default '{}',
        created_at timestamptz not null default now()
      )`);
    const coverage = await checkPersonalDataCoverage();
    expect(coverage.undeclared).toEqual([
      'test_unregistered.user_id (references users.id)',
      'test_unregistered.owner (references memberships.id)',
      'test_unregistered.email (its name)',
      'test_unregistered.answers (jsonb)',
    ]);
  });

  it('reports the sponsor invitation address when its declaration is missing (issue #11)', async () => {
    const coverage = await checkPersonalDataCoverage({
      domains: withoutDeclaration('sponsor_invitations', 'email'),
    });
    expect(coverage.undeclared).toEqual(['sponsor_invitations.email (its name)']);
  });

  it('reports a declared cascade or set-null the schema does not perform', async () => {
    const domains = personalDataDomains.map((domain) => ({
      ...domain,
      declarations: domain.declarations.map((d) =>
        d.table === 'video_views'
          ? {
              ...d,
              erase: {
                kind: 'cascade' as const,
                via: { column: 'membership_id', references: 'memberships.id' },
              },
            }
          : d.table === 'offer_claims'
            ? {
                ...d,
                erase: {
                  kind: 'anonymize' as const,
                  why: 'test',
                  setNull: [{ column: 'membership_id', references: 'memberships.id' }],
                },
              }
            : d,
      ),
    }));
    const coverage = await checkPersonalDataCoverage({ domains });
    expect(coverage.foreignKeyMismatches).toEqual([
      'offer_claims.membership_id: declared memberships.id on delete set null, schema has memberships.id on delete cascade',
      'video_views.membership_id: declared memberships.id on delete cascade, schema has memberships.id on delete set null',
    ]);
  });

  it('reports declarations of columns that do not exist, and a column both personal and not', async () => {
    const [first, ...rest] = personalDataDomains;
    const coverage = await checkPersonalDataCoverage({
      domains: [
        {
          ...first,
          notPersonal: {
            ...first.notPersonal,
            'memberships.bib': 'test',
            'memberships.kana': 'test',
          },
        },
        ...rest,
      ],
    });
    expect(coverage.unknown).toEqual(['memberships.kana']);
    expect(coverage.contradictory).toEqual(['memberships.bib']);
  });

  it('says for every declaration how it is exported and how it is erased', () => {
    for (const declaration of personalDataRegistry) {
      expect(Object.keys(declaration.columns).length, declaration.table).toBeGreaterThan(0);
      expect(declaration.what.length, declaration.table).toBeGreaterThan(10);
      const exported = declaration.export;
      if ('none' in exported) expect(exported.none.length, declaration.table).toBeGreaterThan(10);
      const erase = declaration.erase;
      if ('why' in erase) expect(erase.why.length, declaration.table).toBeGreaterThan(10);
    }
    // The account goes last: its cascade removes what the steps before still read.
    expect(personalDataRegistry.at(-1)?.table).toBe('users');
  });
});
