/**
 * Every collector source, by the `type` a cluster file gives it. A new source is one file in
 * this folder and one line here (the Lambda bundle needs static imports).
 */
import type { CollectorSource } from '../source.js';
import { duoAdmin, duoAuth, duoTelephony } from './duo.js';
import { box } from './box.js';
import { github } from './github.js';
import { googleWorkspace } from './google-workspace.js';
import { m365 } from './m365.js';
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
    duoTelephony,
    box,
    m365,
  ].map((s) => [s.type, s]),
);
