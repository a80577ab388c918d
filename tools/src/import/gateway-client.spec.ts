import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { CaseStatus } from '@civitas/contracts';
import { GatewayClient, ImportAbortedError } from './gateway-client.js';

const RECORD = {
  rowNumber: 2,
  sourceId: 'L-1',
  serviceCode: 'pothole',
  openedAt: '2024-01-02T03:04:05.000Z',
  status: CaseStatus.OPEN,
};

const STORED = {
  data: {
    importLegacyRecords: {
      imported: 0,
      alreadyThere: 1,
      rejected: [],
      records: [{ sourceId: 'L-1', ticketNumber: 'SR-2024-0000001', imported: false }],
    },
  },
};

const OVER_BUDGET = {
  errors: [
    {
      message: 'The operation ran past its time budget of 5000 ms and was stopped',
      extensions: { code: 'TIME_BUDGET_EXCEEDED' },
    },
  ],
};

/** A gateway answering 200 with each body in turn (the last one from then on). */
async function gateway(bodies: object[]): Promise<{ url: string; calls: () => number }> {
  let calls = 0;
  server = createServer((req, res) => {
    req.resume().on('end', () => {
      const body = bodies[Math.min(calls, bodies.length - 1)];
      calls++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/graphql`, calls: () => calls };
}

let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe('GatewayClient', () => {
  it('sends a batch again when the gateway stopped waiting for it, instead of reporting its rows rejected', async () => {
    const g = await gateway([OVER_BUDGET, STORED]);
    const result = await new GatewayClient(g.url, 'token').importBatch('csv', [RECORD]);
    expect(result).toEqual(STORED.data.importLegacyRecords);
    expect(g.calls()).toBe(2);
  });

  it('stops the import (to be resumed) when the batch never gets through in time', async () => {
    const g = await gateway([OVER_BUDGET]);
    const sent = new GatewayClient(g.url, 'token', 1).importBatch('csv', [RECORD]);
    await expect(sent).rejects.toThrow(ImportAbortedError);
    await expect(sent).rejects.toThrow(/TIME_BUDGET_EXCEEDED.*2 attempts/);
    expect(g.calls()).toBe(2);
  });

  it('waits out a gateway that sheds load (503 with Retry-After) and sends the batch again', async () => {
    let calls = 0;
    server = createServer((req, res) => {
      req.resume().on('end', () => {
        calls++;
        if (calls === 1) {
          const overloaded = { errors: [{ message: 'busy', extensions: { code: 'OVERLOADED' } }] };
          res
            .writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' })
            .end(JSON.stringify(overloaded));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(STORED));
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = new GatewayClient(`http://127.0.0.1:${port}/graphql`, 'token', 0);
    await expect(client.importBatch('csv', [RECORD])).resolves.toEqual(
      STORED.data.importLegacyRecords,
    );
    expect(calls).toBe(2);
  });
});
