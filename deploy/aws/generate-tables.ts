import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { dynamoDbTemplate, TEMPLATE_FILE } from './dynamodb-template';

// `npm run deploy:aws-tables`: writes deploy/aws/dynamodb.template.json from the table definitions.
// `npm run deploy:aws-tables -- --check`: exits 1 when the committed template differs from what would be written.
(async () => {
  const check = process.argv.includes('--check');
  const options = (await prettier.resolveConfig(TEMPLATE_FILE)) ?? {};
  const text = await prettier.format(JSON.stringify(dynamoDbTemplate()), { ...options, parser: 'json' });
  const shown = path.relative(process.cwd(), TEMPLATE_FILE);
  const current = fs.existsSync(TEMPLATE_FILE) ? fs.readFileSync(TEMPLATE_FILE, 'utf8') : null;
  if (check) {
    if (current !== text) {
      console.error(`${shown} is stale: run npm run deploy:aws-tables and commit the result`);
      process.exit(1);
    }
    console.log(`${shown} is up to date`);
    return;
  }
  fs.writeFileSync(TEMPLATE_FILE, text);
  console.log(current === text ? `${shown} unchanged` : `wrote ${shown}`);
})().catch((error: unknown) => {
  console.error(`deploy:aws-tables failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
