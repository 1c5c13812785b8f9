import http from 'node:http';
import net from 'node:net';
import { ApolloServer } from '@apollo/server';
import { healthRoute, sendJson, serveGraphQL, type RunningHttpServer } from '../src/http/server';

const MAX_BODY_BYTES = 1024;

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Sends a POST whose body goes out in chunks with no Content-Length (chunked transfer encoding). */
function postChunked(url: string, chunks: string[]): Promise<{ status: number | undefined; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

/** JSON text of a `{ hello }` request padded with a variable to exactly `bytes` bytes. */
function helloBodyOfSize(bytes: number): string {
  const empty = JSON.stringify({ query: '{ hello }', variables: { pad: '' } });
  const body = JSON.stringify({ query: '{ hello }', variables: { pad: 'x'.repeat(bytes - empty.length) } });
  expect(Buffer.byteLength(body)).toBe(bytes);
  return body;
}

describe('serveGraphQL', () => {
  let apollo: ApolloServer;
  let running: RunningHttpServer;
  let helloCalls = 0;

  beforeAll(async () => {
    apollo = new ApolloServer({
      typeDefs: 'type Query { hello: String }',
      resolvers: {
        Query: {
          hello: () => {
            helloCalls += 1;
            return 'world';
          },
        },
      },
    });
    await apollo.start();
    running = await serveGraphQL({
      apollo,
      context: async () => ({}),
      port: 0,
      host: '127.0.0.1',
      maxBodyBytes: MAX_BODY_BYTES,
      routes: {
        '/health': healthRoute,
        // Reports how a request arrived, so a test can prove its body really came chunked.
        '/request-framing': (req, res) => {
          req.resume();
          req.on('end', () =>
            sendJson(res, 200, { contentLength: req.headers['content-length'] ?? null, transferEncoding: req.headers['transfer-encoding'] ?? null }),
          );
        },
      },
    });
  });

  afterAll(async () => {
    await running?.close();
    await apollo?.stop();
  });

  const post = (body: string, contentType = 'application/json') =>
    fetch(running.url, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('listens on the port it picked and reports the URL of the endpoint', () => {
    expect(running.port).toBeGreaterThan(0);
    expect(running.url).toBe(`http://127.0.0.1:${running.port}/graphql`);
  });

  it('answers a POSTed JSON query', async () => {
    const response = await post(JSON.stringify({ query: '{ hello }' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
    expect(await response.json()).toEqual({ data: { hello: 'world' } });
  });

  it('accepts a body of exactly maxBodyBytes', async () => {
    const response = await post(helloBodyOfSize(MAX_BODY_BYTES));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { hello: 'world' } });
  });

  it('refuses a body over maxBodyBytes with a Content-Length as 413 PAYLOAD_TOO_LARGE, without running it', async () => {
    const callsBefore = helloCalls;
    const response = await post(helloBodyOfSize(MAX_BODY_BYTES + 1));
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as GraphQLBody;
    expect(body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.errors?.[0]?.message).toContain(String(MAX_BODY_BYTES));
    expect(body.data).toBeUndefined();
    expect(helloCalls).toBe(callsBefore);
  });

  it('reads a chunked body without a Content-Length when it is within the limit', async () => {
    const body = JSON.stringify({ query: '{ hello }', variables: { pad: 'x'.repeat(600) } });
    const framing = await postChunked(new URL('/request-framing', running.url).href, [body.slice(0, 300), body.slice(300)]);
    expect(JSON.parse(framing.text)).toEqual({ contentLength: null, transferEncoding: 'chunked' });

    const response = await postChunked(running.url, [body.slice(0, 300), body.slice(300)]);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ data: { hello: 'world' } });
  });

  it('refuses a chunked body over the limit as 413 PAYLOAD_TOO_LARGE, without running it', async () => {
    const callsBefore = helloCalls;
    const body = JSON.stringify({ query: '{ hello }', variables: { pad: 'x'.repeat(2 * MAX_BODY_BYTES) } });
    const response = await postChunked(running.url, [body.slice(0, 700), body.slice(700, 1400), body.slice(1400)]);
    expect(response.status).toBe(413);
    expect((JSON.parse(response.text) as GraphQLBody).errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(response.headers.connection).toBe('close');
    expect(helloCalls).toBe(callsBefore);
  });

  it('refuses a body that is not valid JSON as 400 BAD_REQUEST', async () => {
    const response = await post('{"query": "{ hello }"');
    expect(response.status).toBe(400);
    const body = (await response.json()) as GraphQLBody;
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it.each([
    ['application/json', 'application/json; charset=utf-8'],
    ['application/graphql-response+json', 'application/graphql-response+json; charset=utf-8'],
    ['application/graphql-response+json, application/json;q=0.9', 'application/graphql-response+json; charset=utf-8'],
  ])('answers a refusal of its own (not JSON) accepting %s with %s, as Apollo Server would', async (accept, type) => {
    const response = await fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe(type);
  });

  it.each(['/', '/graphql/', '/graphqlx', '/nothing/here'])('answers 404 NOT_FOUND at %s', async (path) => {
    const response = await fetch(new URL(path, running.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(404);
    const body = (await response.json()) as GraphQLBody;
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('serves GraphQL at its path whatever the query string', async () => {
    const response = await fetch(`${running.url}?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ hello }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { hello: 'world' } });
  });

  it.each(['/health', '/health?probe=liveness'])('serves the health route at %s', async (path) => {
    const response = await fetch(new URL(path, running.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('serves the landing page to a browser on GET', async () => {
    const response = await fetch(running.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await response.text()).toLowerCase()).toContain('<html');
  });
});

describe('RunningHttpServer.close', () => {
  it('resolves, and the port then refuses connections', async () => {
    const apollo = new ApolloServer({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'world' } } });
    await apollo.start();
    try {
      const running = await serveGraphQL({ apollo, context: async () => ({}), port: 0, host: '127.0.0.1' });
      // A keep-alive connection from a completed request must not hold the server open.
      const response = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ hello }' }),
      });
      expect(await response.json()).toEqual({ data: { hello: 'world' } });

      await expect(running.close()).resolves.toBeUndefined();
      expect(running.server.listening).toBe(false);

      const connectError = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
        const socket = net.connect(running.port, '127.0.0.1');
        socket.once('connect', () => {
          socket.destroy();
          resolve(null);
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error));
      });
      expect(connectError?.code).toBe('ECONNREFUSED');
    } finally {
      await apollo.stop();
    }
  });
});
