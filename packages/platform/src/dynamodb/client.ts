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
  // A page's LastEvaluatedKey holds its numbers as Dec (read like every number); handed back as the next query's
  // ExclusiveStartKey, they must be written as numbers again (the marshaller takes no Dec). Done here, once, for
  // every paging loop: without it the second page of any list keyed by a number failed.
  const send = doc.send.bind(doc) as (command: { input?: unknown }, ...rest: unknown[]) => Promise<unknown>;
  (doc as unknown as { send: typeof send }).send = (command, ...rest) => {
    const input = command.input as { ExclusiveStartKey?: Record<string, unknown> } | undefined;
    if (input?.ExclusiveStartKey) input.ExclusiveStartKey = keyWithNumbers(input.ExclusiveStartKey);
    return send(command, ...rest);
  };
  return { raw: client, doc };
}

/** A key as read (numbers as Dec) made writable again (numbers as NumberValue). */
function keyWithNumbers(key: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(key).map(([name, value]) => [name, value instanceof Dec ? dynamoNumber(value) : value]));
}

/** A DynamoDB number from a decimal or an integer, written exactly. */
export function dynamoNumber(value: Dec | number): NumberValue {
  return NumberValue.from(typeof value === 'number' ? String(value) : value.toFixed());
}
