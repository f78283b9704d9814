/**
 * A real moto server on 127.0.0.1 and a free port, for one test file: the local AWS
 * stand-in the product ships (src/local-aws/moto.ts, which starts
 * scripts/local-aws/moto_launcher.py — see its docstring for the gaps it closes), stopped
 * afterwards. Under the integration suite it is forked from one that has already loaded
 * moto (moto-forks.ts): the same launcher and fixes, without its start-up cost.
 */
import { freePort, startLocalAws } from '../../src/local-aws/moto.js';
import { FORK_SOCKET_VARIABLE, startForkedMoto } from './moto-forks.js';

export { freePort };

export interface Moto {
  endpoint: string;
  /** Environment for processes (Terraform, SDK) that must talk to this moto. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** `account`: the account moto plays (its default is 123456789012), e.g. an example's. */
export async function startMoto(options: { account?: string } = {}): Promise<Moto> {
  // Forked from the suite's fork server when the global setup started one (moto-forks.ts).
  const socket = process.env[FORK_SOCKET_VARIABLE];
  if (socket) return startForkedMoto(socket, options);
  const local = await startLocalAws(options.account ? { account: options.account } : {});
  return { endpoint: local.endpoint, env: local.env, stop: local.stop };
}
