import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startTestStack } from './support';

// docs/API.md cannot rot: every example in it runs, in order, in one shell, against a real router.

interface Example {
  language: 'sh' | 'js';
  code: string;
  /** The error code the example demonstrates, or null for an example that must succeed. */
  expectedCode: string | null;
  line: number;
}

const GUIDE = path.resolve(__dirname, '..', '..', 'docs', 'API.md');

function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  const pattern = /<!-- example(?:: (\w+))? -->\n```(sh|js)\n([\s\S]*?)\n```/g;
  for (let match = pattern.exec(markdown); match; match = pattern.exec(markdown)) {
    examples.push({
      expectedCode: match[1] ?? null,
      language: match[2] as 'sh' | 'js',
      code: match[3]!,
      line: markdown.slice(0, match.index).split('\n').length,
    });
  }
  return examples;
}

let stack: Awaited<ReturnType<typeof startTestStack>>;
let folder: string;
beforeAll(async () => {
  stack = await startTestStack({ priceHistory: { seed: 1 } });
  // Inside the repository, so the JavaScript examples' imports (graphql-ws, ws) resolve to its node_modules.
  const cache = path.resolve(__dirname, '..', '..', 'node_modules', '.cache');
  fs.mkdirSync(cache, { recursive: true });
  folder = fs.mkdtempSync(path.join(cache, 'api-guide-'));
  // The simulated price history is backfilled at start (a few seconds of CPU, more on a busy machine).
}, 90_000);
afterAll(async () => {
  await stack?.close();
  fs.rmSync(folder, { recursive: true, force: true });
});

test('every example of the API guide runs against the router and shows what the guide says', async () => {
  const examples = examplesOf(fs.readFileSync(GUIDE, 'utf8'));
  expect(examples.length).toBeGreaterThanOrEqual(10);
  expect(examples.some((example) => example.language === 'js')).toBe(true);

  // One shell runs them all in order, as a reader would, so variables set by one (TOKEN) serve the next.
  const script = ['set -euo pipefail'];
  examples.forEach((example, index) => {
    script.push(`echo "@@example ${index}"`);
    if (example.language === 'sh') script.push(example.code.replace('export API=http://localhost:4000/graphql', `export API=${stack.routerUrl}`));
    else {
      const file = path.join(folder, `example-${index}.mjs`);
      fs.writeFileSync(file, example.code);
      script.push(`node ${file}`);
    }
  });
  const output = await new Promise<string>((resolve, reject) =>
    execFile('bash', ['-c', script.join('\n')], { env: { ...process.env, API: '' } }, (error, stdout, stderr) =>
      error ? reject(new Error(`the guide's examples failed (${error.message}):\n${stdout}\n${stderr}`)) : resolve(stdout),
    ),
  );

  const outputs = output.split(/^@@example \d+\n/m).slice(1);
  expect(outputs).toHaveLength(examples.length);
  examples.forEach((example, index) => {
    const shown = outputs[index]!.trim();
    const where = `example at docs/API.md:${example.line}: ${shown}`;
    expect({ where, empty: shown === '' }).toEqual({ where, empty: false });
    if (example.expectedCode) expect(shown).toContain(example.expectedCode);
    else expect({ where, failed: /errors|null|undefined/.test(shown) }).toEqual({ where, failed: false });
  });
  // A few outputs say something precise.
  expect(outputs[2]).toMatch(/^token of [1-9]\d{2,} characters$/m);
  expect(outputs.join('')).toMatch(/^\d{3} assets$/m);
  expect(outputs.join('')).toMatch(/^\{"before":\["[A-Z0-9]+"(,"[A-Z0-9]+"){4}\],"pageInfo":\{"hasPreviousPage":true,"hasNextPage":true\}\}$/m);
  expect(outputs.join('')).toMatch(/^\["ETH","BTC","SOL"\]$/m);
  expect(outputs.join('')).toMatch(/^key tk_[0-9a-f]{24}_/m);
  expect(outputs.join('')).toMatch(/^SOL,BTC,ETH$/m);
  expect(outputs.join('')).toMatch(/^order [0-9A-Z]{26} placed$/m);
  expect(outputs.join('')).toMatch(/^bot order seen: CANCELLED$/m);
  expect(outputs.join('')).toMatch(/^data: \{"data":\{"orderUpdated":\{"status":"FILLED","side":"BUY","asset":\{"symbol":"ETH"\}\}\}\}$/m);
  expect(outputs.join('')).toMatch(/^ratelimit-policy: "key";q=600;w=60\s*$/im);
  expect(outputs.join('')).toMatch(/^24 hourly candles, the last closing at \d+(\.\d+)?$/m);
  expect(outputs.join('')).toMatch(/^one order: [0-9A-Z]{26}$/m);
  expect(outputs.join('')).toMatch(/^\{"id":"[0-9A-Z]{26}","status":"OPEN","reservedCash":"1"\}\n\{"status":"CANCELLED","reservedCash":"1"\}$/m);
  expect(outputs.join('')).toMatch(/^acme_bot: FILLED Ethereum for \d+(\.\d{1,2})? USD$/m);
}, 60_000);
