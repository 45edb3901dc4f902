// Run by test/integration/server-tls.test.ts inside a private network namespace (test/helpers/netns.ts):
// starts web mode on the namespace's non-loopback address once with TLS and once without, talks to the TLS
// one over https and wss, and prints what it saw as one JSON line for the test to judge.
//
//   node --import tsx test/helpers/netns-tls-probe.ts '{"address":…,"certPath":…,…}'
import { readFileSync } from 'node:fs';
import { runServerCliToExit, startServerCli } from './server-cli.ts';
import { httpsGet, wssFirstMessage } from './tls-client.ts';

interface ProbeInput {
  address: string;
  certPath: string;
  keyPath: string;
  simSocket: string;
  staticDir: string;
  token: string;
}

const input = JSON.parse(process.argv[2] ?? '') as ProbeInput;
const ca = readFileSync(input.certPath);
const common = [
  '--host',
  input.address,
  '--port',
  '0',
  '--token',
  input.token,
  '--sim-socket',
  input.simSocket,
];

const withoutTls = await runServerCliToExit([...common, '--static', input.staticDir]);
const server = await startServerCli([
  ...common,
  '--static',
  input.staticDir,
  '--poll-ms',
  '600000',
  '--tls-cert',
  input.certPath,
  '--tls-key',
  input.keyPath,
]);
try {
  const page = await httpsGet(input.address, server.port, `/?token=${input.token}`, ca);
  const socket = await wssFirstMessage(
    `wss://${input.address}:${server.port}/ws?token=${input.token}`,
    server.origin,
    ca,
  );
  process.stdout.write(
    `${JSON.stringify({
      withoutTls: { code: withoutTls.code, stderr: withoutTls.stderr },
      withTls: { origin: server.origin, pageStatus: page.status, socket },
    })}\n`,
  );
} finally {
  await server.stop();
}
