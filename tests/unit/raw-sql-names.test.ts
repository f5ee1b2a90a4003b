/**
 * Raw SQL names its tables and columns through drizzle (`${outboundEmails}`,
 * `${columnName(outboundEmails.status)}`, an alias's `${o.status}`), never as words inside the
 * template: a renamed table or column then breaks the build, not a claim at run time
 * (decision 106). This reads every `sql` template under app/ and reports a schema table named
 * in its text — after FROM, JOIN, UPDATE or INSERT INTO, or qualifying a column (`table.col`).
 * CTE and derived-table names (`input`, `classified`, `v`) are not tables and stay as words.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as schema from '~db/schema';

const root = path.resolve(__dirname, '../..');

const tableNames = new Set(
  Object.values(schema)
    .filter((value) => is(value, PgTable))
    .map((table) => getTableName(table as PgTable)),
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The literal text of every sql`…` template in a file (interpolations left out). */
function sqlTemplateTexts(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const texts: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isTaggedTemplateExpression(node) &&
      ts.isIdentifier(node.tag) &&
      node.tag.text === 'sql'
    ) {
      const template = node.template;
      texts.push(
        ts.isNoSubstitutionTemplateLiteral(template)
          ? template.text
          : [template.head.text, ...template.templateSpans.map((span) => span.literal.text)].join(
              ' ${…} ',
            ),
      );
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return texts;
}

/** Table names written as words in a template's text: `FROM deliveries`, `deliveries.id`. */
function tablesNamedInText(text: string, tables: Set<string>): string[] {
  const named = new Set<string>();
  for (const match of text.matchAll(/\b(?:from|join|update|into)\s+"?([a-z_][a-z0-9_]*)"?/gi)) {
    if (tables.has(match[1])) named.add(match[1]);
  }
  for (const match of text.matchAll(/(?<![\w."])"?([a-z_][a-z0-9_]*)"?\.[a-z_"]/g)) {
    if (tables.has(match[1])) named.add(match[1]);
  }
  return [...named];
}

describe('raw SQL names tables through drizzle', () => {
  it('finds the schema tables to look for', () => {
    expect(tableNames.has('outbound_emails')).toBe(true);
    expect(tableNames.has('staff_invitations')).toBe(true);
  });

  it('recognizes a table written as a word, and not a CTE or a drizzle reference', () => {
    expect(tablesNamedInText('SELECT 1 FROM outbound_emails o', tableNames)).toEqual([
      'outbound_emails',
    ]);
    expect(tablesNamedInText('WHERE deliveries.id = v.id', tableNames)).toEqual(['deliveries']);
    expect(tablesNamedInText('UPDATE "mail_batches" SET', tableNames)).toEqual(['mail_batches']);
    expect(
      tablesNamedInText('SELECT id FROM classified WHERE x IN (SELECT 1 FROM input)', tableNames),
    ).toEqual([]);
    expect(tablesNamedInText('SELECT 1 FROM ${…} AS ${…} WHERE ${…} = v.id', tableNames)).toEqual(
      [],
    );
  });

  it('finds no table name inside a sql template under app/', () => {
    const offenders: Record<string, string[]> = {};
    for (const file of sourceFiles(path.join(root, 'app'))) {
      const named = [
        ...new Set(sqlTemplateTexts(file).flatMap((t) => tablesNamedInText(t, tableNames))),
      ];
      if (named.length > 0) offenders[path.relative(root, file)] = named;
    }
    expect(offenders).toEqual({});
  });
});
