// A plain JavaScript rule over Google Workspace admin activity exports.
import { rule } from 'streamalert-action/rules';

/** Google Workspace names the super administrator role this way in ASSIGN_ROLE events. */
const SUPER_ADMIN = new Set(['_SEED_ADMIN_ROLE', 'Super Admin']);

const grantsSuperAdmin = (event) =>
  event.name === 'ASSIGN_ROLE' &&
  (event.parameters ?? []).some((p) => p.name === 'ROLE_NAME' && SUPER_ADMIN.has(p.value));

/** Someone was made a Google Workspace super administrator: every mailbox and every setting. */
export const gsuiteSuperAdminGranted = rule({
  name: 'gsuite_super_admin_granted',
  description: 'A Google Workspace user was granted the super administrator role',
  logs: ['gsuite:admin.activity'],
  outputs: ['webhook:pagerduty'],
  rule: (rec) => Array.isArray(rec.events) && rec.events.some(grantsSuperAdmin),
});
