/**
 * The young generation of a small function's heap, kept at its initial size.
 *
 * Lambda's Node.js bootstrap gives new space a tenth of the function's memory (semi-spaces
 * of 6 MB at 128 MB), and V8 doubles the semi-spaces as a batch allocates. A 6 MB Kinesis
 * batch of gzip flow logs (27 MB once inflated) then peaked at 104 MB RSS in a 128 MB
 * function, a few MB from running out; with the semi-spaces left at their first size it
 * peaks at 85 MB (bench/formats). The price is more scavenges: about 15% more process CPU
 * on that batch, so it applies only where memory is the scarce side (256 MB or less).
 * `--semi-space-growth-factor` is read each time new space would grow, so setting it once
 * the process runs takes effect (the sizes themselves are fixed when the heap is made).
 */
import { setFlagsFromString } from 'node:v8';

/** Functions with at most this much memory (MB) keep their young generation small. */
export const SMALL_FUNCTION_MB = 256;

/** Applies the setting when the environment is a function of SMALL_FUNCTION_MB or less; true when it did. */
export function keepYoungGenerationSmall(env: Record<string, string | undefined>): boolean {
  const memory = Number(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE);
  if (!(Number.isFinite(memory) && memory > 0 && memory <= SMALL_FUNCTION_MB)) return false;
  setFlagsFromString('--semi-space-growth-factor=1');
  return true;
}
