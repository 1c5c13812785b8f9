import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, NumberValue } from '@aws-sdk/lib-dynamodb';
import { processMetrics } from '../metrics';
import { Dec } from '../money';

export interface DynamoSettings {
  /** Endpoint URL (embedded endpoint, DynamoDB Local); unset means AWS itself. */
  endpoint?: string | undefined;
  region: string;
}

/**
 * The DynamoDB clients every service uses. Numbers are read as exact decimals (never JS floats) and must be written
 * with `dynamoNumber`. A custom endpoint without AWS credentials in the environment gets placeholder ones, which is
 * what DynamoDB Local and the embedded endpoint expect.
 */
export function createClients(settings: DynamoSettings): { raw: DynamoDBClient; doc: DynamoDBDocumentClient } {
  const needsPlaceholderCredentials = settings.endpoint !== undefined && !process.env.AWS_ACCESS_KEY_ID && !process.env.AWS_PROFILE;
  const client = new DynamoDBClient({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    ...(needsPlaceholderCredentials ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  // Retries the SDK made (throttling, transient errors) are counted: they show capacity trouble before it fails.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const countRetries = (metadata: { attempts?: number } | undefined) => {
        const attempts = metadata?.attempts ?? 1;
        if (attempts > 1) processMetrics().dynamoRetries.inc({ operation: context.commandName ?? 'unknown' }, attempts - 1);
      };
      try {
        const result = await next(args);
        countRetries((result.output as { $metadata?: { attempts?: number } }).$metadata);
        return result;
      } catch (error) {
        countRetries((error as { $metadata?: { attempts?: number } }).$metadata);
        throw error;
      }
    },
    { step: 'initialize', name: 'countRetries' },
  );
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
    unmarshallOptions: { wrapNumbers: (value: string) => new Dec(value) },
  });
  return { raw: client, doc };
}

/** A DynamoDB number from a decimal or an integer, written exactly. */
export function dynamoNumber(value: Dec | number): NumberValue {
  return NumberValue.from(typeof value === 'number' ? String(value) : value.toFixed());
}
