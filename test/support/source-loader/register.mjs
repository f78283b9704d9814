/**
 * `node --import <this file> src/cli/index.ts` runs the CLI or the action straight from
 * src/: tests see every source change at once, without `npm run package` or an ncc build
 * (which takes minutes). The hooks live in hooks.mjs, loaded on the hooks thread.
 */
import { register } from 'node:module';
import { URL } from 'node:url';

register(new URL('./hooks.mjs', import.meta.url));
