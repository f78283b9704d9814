/**
 * What the engine masks: the secrets the process knows (credentials in its environment,
 * plus what the door knows, such as the action's github-token) and the user's patterns.
 * Installing the mask makes every log line, annotation and rule output go through it too.
 */
import { environmentSecrets, maskSecrets } from '../report/mask.js';
import { setLogMask } from '../shared/log-mask.js';

/** The environment's secrets and `extra`, each once; values under 4 characters would mask ordinary text. */
export function knownSecrets(extra: ReadonlyArray<string | undefined> = []): string[] {
  return [...new Set([...extra, ...environmentSecrets()])].filter(
    (s): s is string => typeof s === 'string' && s.length >= 4,
  );
}

/** Sets the process-wide log mask and returns it, for the texts the engine writes. */
export function installMask(
  secrets: readonly string[],
  patterns: readonly RegExp[] = [],
): (text: string) => string {
  const mask = (text: string): string => maskSecrets(text, secrets, patterns);
  setLogMask(mask);
  return mask;
}
