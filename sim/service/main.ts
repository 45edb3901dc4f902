// The simulated HCS service: `node --import tsx sim/service/main.ts [--socket PATH] [--fixture FILE]
// [--completion-delay-ms N]`. Prints `hcs-sim ready <socket>` once both sockets listen; exits cleanly on
// SIGINT/SIGTERM, killing its child processes and removing its socket files.
import { parseCli, USAGE } from './cli.ts';
import { ControlServer } from './control-server.ts';
import { controlSocketPath, defaultSocketPath } from './endpoint.ts';
import { loadFixtureFile } from './fixtures.ts';
import { SimHost } from './host.ts';
import { SimService } from './service.ts';

function log(message: string): void {
  process.stderr.write(`hcs-sim: ${message}\n`);
}

async function main(): Promise<void> {
  let options;
  try {
    options = parseCli(process.argv.slice(2));
  } catch (e) {
    log((e as Error).message);
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const socketPath = options.socket ?? defaultSocketPath();
  let service: SimService;
  let control: ControlServer;
  try {
    const fixture = options.fixture === null ? null : loadFixtureFile(options.fixture);
    service = new SimService({
      socketPath,
      host: new SimHost(),
      fixture,
      completionDelayMs: options.completionDelayMs,
      log,
      verbose: options.verbose,
    });
    control = new ControlServer(service, controlSocketPath(socketPath), log);
    await service.start();
    await control.start();
  } catch (e) {
    log(`cannot start: ${(e as Error).message}`);
    process.exit(1);
  }

  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    log(`stopping (${why})`);
    Promise.all([service.stop(), control.stop()]).then(
      () => process.exit(0),
      (e: Error) => {
        log(`error while stopping: ${e.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => stop('SIGHUP'));
  if (options.exitWithStdin) {
    process.stdin.on('end', () => stop('stdin closed'));
    process.stdin.on('error', () => stop('stdin error'));
    process.stdin.resume();
  }
  // A bug must not take the service (and the clients' systems) down: log it and carry on.
  process.on('uncaughtException', (e) => log(`uncaught exception: ${e.stack ?? String(e)}`));
  process.on('unhandledRejection', (e) => log(`unhandled rejection: ${(e as Error)?.stack ?? String(e)}`));

  process.stdout.write(`hcs-sim ready ${socketPath}\n`);
}

void main();
