import fs from 'node:fs';
import { TABLES, type TableKey } from '@trading/platform/dynamodb/tables';
import { dynamoDbTemplate, logicalId, TEMPLATE_FILE, ttlAttribute } from '../aws/dynamodb-template';

// The committed CloudFormation template (deploy/aws/dynamodb.template.json) against the table definitions in
// packages/platform/src/dynamodb/tables.ts, computed here from TABLES directly rather than through the generator.

interface KeyAttr {
  name: string;
  type: 'S' | 'N';
}
interface Definition {
  partitionKey: KeyAttr;
  sortKey?: KeyAttr;
  indexes?: Record<string, { partitionKey: KeyAttr; sortKey?: KeyAttr }>;
}
interface TableResource {
  Type: string;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Properties: {
    TableName: unknown;
    BillingMode: string;
    AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
    KeySchema: { AttributeName: string; KeyType: string }[];
    GlobalSecondaryIndexes?: { IndexName: string; KeySchema: { AttributeName: string; KeyType: string }[]; Projection: { ProjectionType: string } }[];
    PointInTimeRecoverySpecification?: { PointInTimeRecoveryEnabled: boolean };
    SSESpecification?: { SSEEnabled: boolean };
    TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
    DeletionProtectionEnabled?: boolean;
  };
}
interface Template {
  Parameters: Record<string, { Default?: string }>;
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  Outputs: Record<string, { Value: unknown }>;
}

const committed = JSON.parse(fs.readFileSync(TEMPLATE_FILE, 'utf8')) as Template;
const keys = Object.keys(TABLES) as TableKey[];
const keySchema = (partition: KeyAttr, sort?: KeyAttr) => [
  { AttributeName: partition.name, KeyType: 'HASH' },
  ...(sort ? [{ AttributeName: sort.name, KeyType: 'RANGE' }] : []),
];
const table = (key: TableKey) => committed.Resources[logicalId(key)] as unknown as TableResource | undefined;

describe('deploy/aws/dynamodb.template.json', () => {
  it('is what `npm run deploy:aws-tables` generates from tables.ts today (run it if this fails)', () => {
    expect(committed).toEqual(JSON.parse(JSON.stringify(dynamoDbTemplate())));
  });

  it('defines exactly the tables of tables.ts', () => {
    const tables = Object.entries(committed.Resources)
      .filter(([, resource]) => resource.Type === 'AWS::DynamoDB::Table')
      .map(([id]) => id)
      .sort();
    expect(tables).toEqual(keys.map(logicalId).sort());
  });

  it("names the tables as the services do: the services' table prefix, then the table's key", () => {
    expect(committed.Parameters.TablePrefix?.Default).toBe('trading-');
    for (const key of keys) expect(table(key)?.Properties.TableName).toEqual({ 'Fn::Sub': `\${TablePrefix}${key}` });
  });

  describe.each(keys)('%s', (key) => {
    const definition: Definition = TABLES[key];
    const properties = () => table(key)!.Properties;

    it('has the key schema of tables.ts', () => {
      expect(properties().KeySchema).toEqual(keySchema(definition.partitionKey, definition.sortKey));
    });

    it('defines exactly the attributes its keys and indexes use, with their types', () => {
      const expected = new Map<string, string>();
      for (const attribute of [
        definition.partitionKey,
        definition.sortKey,
        ...Object.values(definition.indexes ?? {}).flatMap((index) => [index.partitionKey, index.sortKey]),
      ]) {
        if (attribute) expected.set(attribute.name, attribute.type);
      }
      const actual = properties().AttributeDefinitions.map((attribute) => [attribute.AttributeName, attribute.AttributeType]);
      expect(actual.sort()).toEqual([...expected].sort());
    });

    it('has the global secondary indexes of tables.ts, projecting every attribute', () => {
      const expected = Object.entries(definition.indexes ?? {}).map(([IndexName, index]) => ({
        IndexName,
        KeySchema: keySchema(index.partitionKey, index.sortKey),
        Projection: { ProjectionType: 'ALL' },
      }));
      expect(properties().GlobalSecondaryIndexes ?? []).toEqual(expected);
    });

    it('expires items by its TTL attribute, if it has one', () => {
      const ttl = ttlAttribute(key);
      expect(properties().TimeToLiveSpecification).toEqual(ttl ? { AttributeName: ttl, Enabled: true } : undefined);
    });

    it('is billed on demand, recoverable to a point in time, encrypted, and kept when the stack goes', () => {
      expect(properties()).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: true,
      });
      expect(table(key)).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    });
  });

  it('expires sessions, audit entries and candles (their items carry expiresAt)', () => {
    expect(ttlAttribute('sessions')).toBe('expiresAt');
    expect(ttlAttribute('auditEvents')).toBe('expiresAt');
    expect(ttlAttribute('candles')).toBe('expiresAt');
    const candles = committed.Resources[logicalId('candles')]?.Properties as { TimeToLiveSpecification?: unknown } | undefined;
    expect(candles?.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });

  it("lets the services' policy reach every table and its indexes", () => {
    const policy = committed.Resources.BackendPolicy?.Properties as { PolicyDocument: { Statement: { Action: string[]; Resource: unknown[] }[] } };
    const resources = policy.PolicyDocument.Statement.flatMap((statement) => statement.Resource);
    for (const key of keys) {
      expect(resources).toContainEqual({ 'Fn::GetAtt': [logicalId(key), 'Arn'] });
      expect(resources).toContainEqual({ 'Fn::Sub': `\${${logicalId(key)}.Arn}/index/*` });
    }
    const actions = policy.PolicyDocument.Statement.flatMap((statement) => statement.Action);
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem']),
    );
    expect(actions.some((action) => action.endsWith('*'))).toBe(false);
  });

  it('outputs every table name and the policy', () => {
    for (const key of keys) expect(committed.Outputs[`${logicalId(key)}Name`]?.Value).toEqual({ Ref: logicalId(key) });
    expect(committed.Outputs.BackendPolicyArn?.Value).toEqual({ Ref: 'BackendPolicy' });
  });
});
