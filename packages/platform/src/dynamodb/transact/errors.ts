import type dynaliteDb = require('dynalite/db');

const DYNAMODB = 'com.amazonaws.dynamodb.v20120810#';
const CONDITIONAL_CHECK_FAILED = `${DYNAMODB}ConditionalCheckFailedException`;
const VALIDATION = 'com.amazon.coral.validate#ValidationException';

/** One entry of `TransactionCanceledException.CancellationReasons`, in request order. */
export interface CancellationReason {
  Code: string;
  Message?: string;
  Item?: dynaliteDb.Item;
}

/** The JSON body of an error response, in the shape dynalite (and DynamoDB) send. */
export interface ErrorBody {
  __type: string;
  message?: string;
  Message?: string;
  CancellationReasons?: CancellationReason[];
}

/** An error answered to the client with `statusCode` and `body`, like dynalite's own errors. */
export class DynamoApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly body: ErrorBody,
  ) {
    super(body.message ?? body.Message ?? body.__type);
    this.name = 'DynamoApiError';
  }
}

/** A `ValidationException` with dynalite's wording conventions. */
export function validationError(message: string): DynamoApiError {
  return new DynamoApiError(400, { __type: VALIDATION, message });
}

/** Converts an error dynalite produced (status + body) to a DynamoApiError; undefined for anything else. */
export function asApiError(err: unknown): DynamoApiError | undefined {
  if (err instanceof DynamoApiError) return err;
  const candidate = err as dynaliteDb.ApiError | null | undefined;
  if (candidate && typeof candidate.statusCode === 'number' && candidate.body && typeof candidate.body.__type === 'string') {
    return new DynamoApiError(candidate.statusCode, candidate.body);
  }
  return undefined;
}

/** True for the error dynalite's `checkConditional` and write actions return when a condition fails. */
export function isConditionalCheckFailure(err: dynaliteDb.ApiError): boolean {
  return err.body?.__type === CONDITIONAL_CHECK_FAILED;
}

/** True for a ValidationException raised while applying an operation (e.g. an update on the wrong type). */
export function isValidationFailure(err: dynaliteDb.ApiError): boolean {
  return err.statusCode === 400 && err.body?.__type === VALIDATION;
}

/** DynamoDB's cancellation error; the message lists every reason code in request order, as AWS words it. */
export function transactionCanceled(reasons: CancellationReason[]): DynamoApiError {
  return new DynamoApiError(400, {
    __type: `${DYNAMODB}TransactionCanceledException`,
    Message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
    CancellationReasons: reasons,
  });
}

/** The same ClientRequestToken was used with a different request inside the idempotency window. */
export function idempotentParameterMismatch(): DynamoApiError {
  return new DynamoApiError(400, {
    __type: `${DYNAMODB}IdempotentParameterMismatchException`,
    Message: 'Request parameters do not match the parameters of the original request with the same ClientRequestToken',
  });
}

/**
 * DynamoDB's `ThrottlingException` (HTTP 400): the request was refused before anything was applied. The AWS SDK
 * classes it as a throttling error by name, so its standard retry strategy retries it with backoff.
 */
export function throttling(message: string): DynamoApiError {
  return new DynamoApiError(400, { __type: `${DYNAMODB}ThrottlingException`, message });
}

/** Unexpected failures: 500 makes the AWS SDK retry, which is right for a transient storage error. */
export function internalServerError(message: string): DynamoApiError {
  return new DynamoApiError(500, { __type: `${DYNAMODB}InternalServerError`, message });
}
