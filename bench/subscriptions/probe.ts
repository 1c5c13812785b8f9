import WebSocket from 'ws';

/**
 * One raw graphql-transport-ws subscription (a plain `ws` socket, no client library) that keeps each `next`
 * message's payload exactly as the server wrote it, by the event's key. Two probes on the same query, one on the
 * router and one on the inventory (the bare server's source), show whether the bare server writes the router's bytes.
 */
export class PayloadProbe {
  /** Payload text as written (the `next` message minus its envelope), by event key. */
  readonly payloads = new Map<string, string>();
  private readonly socket: WebSocket;

  constructor(url: string, query: string, variables: Record<string, unknown>, eventKey: (data: unknown) => string | null, token?: string) {
    this.socket = new WebSocket(url, 'graphql-transport-ws');
    this.socket.on('open', () =>
      this.socket.send(JSON.stringify({ type: 'connection_init', payload: token ? { authorization: `Bearer ${token}` } : {} })),
    );
    this.socket.on('message', (data) => {
      const text = String(data);
      const message = JSON.parse(text) as { type: string; payload?: { data?: unknown } };
      if (message.type === 'connection_ack') this.socket.send(JSON.stringify({ id: 'probe', type: 'subscribe', payload: { query, variables } }));
      else if (message.type === 'ping') this.socket.send('{"type":"pong"}');
      else if (message.type === 'next') {
        const key = eventKey(message.payload?.data);
        const start = text.indexOf('"payload":');
        if (key && start >= 0) this.payloads.set(key, text.slice(start + '"payload":'.length, -1));
      }
    });
  }

  close(): void {
    this.socket.close();
  }
}

/** How many events two probes both saw, and how many of those carried the same payload bytes. */
export function comparePayloads(a: PayloadProbe, b: PayloadProbe): { compared: number; identical: number } {
  let compared = 0;
  let identical = 0;
  for (const [key, payload] of a.payloads) {
    const other = b.payloads.get(key);
    if (other === undefined) continue;
    compared += 1;
    if (other === payload) identical += 1;
  }
  return { compared, identical };
}
