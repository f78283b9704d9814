/**
 * Every collector source, by the `type` a cluster file gives it. A new source is one file in
 * this folder and one line here (the Lambda bundle needs static imports).
 */
import type { CollectorSource } from '../source.js';
import { duoAdmin, duoAuth } from './duo.js';
import { github } from './github.js';
import { googleWorkspace } from './google-workspace.js';
import { okta } from './okta.js';
import { onePasswordAudit, onePasswordItemUsages, onePasswordSignIns } from './onepassword.js';
import { slackAudit } from './slack.js';

export const SOURCES: Readonly<Record<string, CollectorSource>> = Object.fromEntries(
  [
    okta,
    github,
    duoAuth,
    duoAdmin,
    onePasswordSignIns,
    onePasswordItemUsages,
    onePasswordAudit,
    googleWorkspace,
    slackAudit,
  ].map((s) => [s.type, s]),
);
