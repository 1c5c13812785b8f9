import fs from 'node:fs';
import path from 'node:path';
import { commonConfigShape, type z } from '@trading/platform';
import { inventoryConfigShape } from '@trading/inventory';
import { ordersConfigShape } from '@trading/orders';
import { routerConfigShape } from '@trading/router';
import { usersConfigShape } from '@trading/users';
import ts from 'typescript';
import { stackConfigShape } from './config';

// `npm run env-example`: writes .env.example from the services' config shapes, the one source of every setting: its
// name, its default (from the shape) and its one-line doc (the shape's own comment). `-- --check` fails when the file
// differs (CI), so that a setting added to a shape and not to the file, or a default changed in one place only,
// cannot slip through.

const ROOT = path.resolve(__dirname, '..', '..');
const OUTPUT = path.join(ROOT, '.env.example');

type Shape = Record<string, z.ZodType>;

/** Where each shape is declared (its comments are read there) and who reads it. */
const SECTIONS: { title: string; shape: Shape; file: string; name: string; skip?: Shape }[] = [
  { title: 'Every service (and npm start)', shape: commonConfigShape, file: 'packages/platform/src/config.ts', name: 'commonConfigShape' },
  {
    title: 'npm start (the whole platform in one process)',
    shape: stackConfigShape,
    file: 'stack/src/config.ts',
    name: 'stackConfigShape',
    skip: commonConfigShape,
  },
  {
    title: 'router (npm start reads these too, but PORT and HOST)',
    shape: routerConfigShape,
    file: 'router/src/config.ts',
    name: 'routerConfigShape',
    skip: commonConfigShape,
  },
  {
    title: 'users subgraph (npm start reads these too, but PORT and HOST)',
    shape: usersConfigShape,
    file: 'subgraphs/users/src/config.ts',
    name: 'usersConfigShape',
    skip: commonConfigShape,
  },
  {
    title: 'inventory subgraph (npm start reads these too, but PORT and HOST)',
    shape: inventoryConfigShape,
    file: 'subgraphs/inventory/src/config.ts',
    name: 'inventoryConfigShape',
    skip: commonConfigShape,
  },
  {
    title: 'orders subgraph (run alone; npm start wires INVENTORY_URL itself)',
    shape: ordersConfigShape,
    file: 'subgraphs/orders/src/config.ts',
    name: 'ordersConfigShape',
    skip: commonConfigShape,
  },
];

/** The doc comment of each property of the object literal `name` in `file`, joined into one line. */
function docsOf(file: string, name: string): Map<string, string> {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const docs = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.name.getText(source) === name && node.initializer && ts.isObjectLiteralExpression(node.initializer)) {
      for (const property of node.initializer.properties) {
        if (!ts.isPropertyAssignment(property)) continue;
        const comment = ts
          .getJSDocCommentsAndTags(property)
          .map((doc) => (typeof doc.comment === 'string' ? doc.comment : ''))
          .join(' ');
        docs.set(property.name.getText(source), comment.replace(/\s+/g, ' ').trim());
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return docs;
}

/** A shape entry's default as written in the file (paths under the repository relative to it), or undefined. */
function defaultOf(schema: z.ZodType): string | undefined {
  const def = (schema as unknown as { _zod: { def: { type: string; defaultValue?: unknown } } })._zod.def;
  if (def.type !== 'default') return undefined;
  const value = typeof def.defaultValue === 'function' ? (def.defaultValue as () => unknown)() : def.defaultValue;
  const text = String(value);
  return path.isAbsolute(text) && text.startsWith(ROOT) ? path.relative(ROOT, text) || '.' : text;
}

/** The text of .env.example. */
export function envExample(): string {
  const lines = [
    '# Every setting of the platform, with its default: generated from the config shapes by `npm run env-example`',
    '# (CI checks it is current). Nothing reads this file: set what you change in the environment (for example, copy it',
    '# to .env, uncomment, then `set -a; . ./.env; set +a`). Unset means the default.',
    '# Relative paths are from the repository root. Production (NODE_ENV=production) requires JWT_SECRET and INTERNAL_SECRET.',
  ];
  for (const section of SECTIONS) {
    const docs = docsOf(section.file, section.name);
    lines.push('', `# ---- ${section.title}`);
    for (const [key, schema] of Object.entries(section.shape)) {
      if (section.skip && key in section.skip) continue;
      const doc = docs.get(key);
      if (doc) lines.push(`# ${doc}`);
      const fallback = defaultOf(schema);
      lines.push(fallback === undefined ? `# ${key}=` : `# ${key}=${fallback}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

if (require.main === module) {
  const text = envExample();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, 'utf8') : '';
    if (current !== text) {
      console.error('.env.example is not what the config shapes say: run `npm run env-example` and commit it');
      process.exit(1);
    }
    console.log('.env.example is current');
  } else {
    fs.writeFileSync(OUTPUT, text);
    console.log(`wrote ${path.relative(process.cwd(), OUTPUT)}`);
  }
}
