import path from 'node:path';
import { createTableInput, TABLES, type TableKey } from '@trading/platform/dynamodb/tables';

/** The committed CloudFormation template, generated from `TABLES` by `npm run deploy:aws-tables`. */
export const TEMPLATE_FILE = path.resolve(__dirname, 'dynamodb.template.json');

/** The attribute DynamoDB expires a table's items by (`ttlAttribute` in tables.ts), if the table has one. */
export function ttlAttribute(key: TableKey): string | undefined {
  const declared = (TABLES[key] as { ttlAttribute?: unknown }).ttlAttribute;
  return typeof declared === 'string' ? declared : undefined;
}

/** `auditEvents` -> `AuditEventsTable`: the table's logical id in the template. */
export function logicalId(key: TableKey): string {
  return `${key.charAt(0).toUpperCase()}${key.slice(1)}Table`;
}

/** The actions the services use (CreateTable too: every service ensures its tables at start, see tables.ts). */
const BACKEND_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:CreateTable',
  'dynamodb:DeleteItem',
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:UpdateItem',
];

/**
 * The CloudFormation template of every DynamoDB table in `TABLES`: on-demand billing, point-in-time recovery,
 * encryption with KMS (the AWS managed key, or the KmsKeyId parameter's), TTL where a table has a TTL attribute,
 * deletion protection and a Retain policy; plus a managed IAM policy for the services' role.
 */
export function dynamoDbTemplate() {
  const keys = Object.keys(TABLES) as TableKey[];
  const tables = Object.fromEntries(
    keys.map((key) => {
      // createTableInput is the one definition of key schemas, attribute types and indexes (the services create
      // tables from it too); only the name is CloudFormation's.
      const { AttributeDefinitions, KeySchema, GlobalSecondaryIndexes } = createTableInput(key, key);
      const ttl = ttlAttribute(key);
      return [
        logicalId(key),
        {
          Type: 'AWS::DynamoDB::Table',
          DeletionPolicy: 'Retain',
          UpdateReplacePolicy: 'Retain',
          Properties: {
            TableName: { 'Fn::Sub': `\${TablePrefix}${key}` },
            BillingMode: 'PAY_PER_REQUEST',
            AttributeDefinitions,
            KeySchema,
            ...(GlobalSecondaryIndexes ? { GlobalSecondaryIndexes } : {}),
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            SSESpecification: {
              SSEEnabled: true,
              SSEType: 'KMS',
              KMSMasterKeyId: { 'Fn::If': ['HasKmsKey', { Ref: 'KmsKeyId' }, { Ref: 'AWS::NoValue' }] },
            },
            ...(ttl ? { TimeToLiveSpecification: { AttributeName: ttl, Enabled: true } } : {}),
            DeletionProtectionEnabled: true,
            Tags: [
              { Key: 'app', Value: 'trading-platform' },
              { Key: 'environment', Value: { Ref: 'Environment' } },
            ],
          },
        },
      ];
    }),
  );
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description:
      'DynamoDB tables of the trading platform. Generated from packages/platform/src/dynamodb/tables.ts by `npm run deploy:aws-tables`: do not edit.',
    Parameters: {
      TablePrefix: {
        Type: 'String',
        Default: 'trading-',
        AllowedPattern: '^[A-Za-z0-9_.-]{0,200}$',
        Description: "Prefix of every table name: the services' DYNAMODB_TABLE_PREFIX.",
      },
      Environment: { Type: 'String', Default: 'prod', Description: 'The environment tag of every table.' },
      KmsKeyId: {
        Type: 'String',
        Default: '',
        Description: 'A customer managed KMS key (id, ARN or alias) to encrypt the tables with; empty for the AWS managed key.',
      },
    },
    Conditions: { HasKmsKey: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'KmsKeyId' }, ''] }] } },
    Resources: {
      ...tables,
      BackendPolicy: {
        Type: 'AWS::IAM::ManagedPolicy',
        Properties: {
          Description: 'What the router and the subgraphs may do on the trading tables and their indexes.',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              {
                Sid: 'TradingTables',
                Effect: 'Allow',
                Action: BACKEND_ACTIONS,
                Resource: keys.flatMap((key) => [{ 'Fn::GetAtt': [logicalId(key), 'Arn'] }, { 'Fn::Sub': `\${${logicalId(key)}.Arn}/index/*` }]),
              },
            ],
          },
        },
      },
    },
    Outputs: {
      ...Object.fromEntries(keys.map((key) => [`${logicalId(key)}Name`, { Description: `The ${key} table`, Value: { Ref: logicalId(key) } }])),
      BackendPolicyArn: {
        Description: "Attach to the services' IAM role (EKS Pod Identity or IRSA for the trading-backend service account).",
        Value: { Ref: 'BackendPolicy' },
      },
    },
  };
}
