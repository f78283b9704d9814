/**
 * A StreamAlert 3 checkout made for the migrate tests (written here, not copied from
 * StreamAlert): the conf of test/support/streamalert3.ts, Python rules in nested folders with
 * their test events beside them as bare lists, a matchers module, StreamAlert's helper module
 * and a rule that cannot be translated.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../support/conf.js';
import { sa3ConfFiles } from '../support/streamalert3.js';

export const WEBSRV_RULES = `"""Rules on the web servers' access log."""
from fnmatch import fnmatch

from matchers.default import WebMatcher
from rules.helpers.base import in_network, starts_with_any
from streamalert.shared.rule import rule

_OFFICE = {'10.0.0.0/8', '192.168.0.0/16'}
ADMIN_PREFIXES = ('/admin', '/console')
IGNORED_USERS = ['healthcheck', 'monitor']


def is_robot(user):
    """A user that is a machine."""
    return user.lower().endswith('-bot') or user in IGNORED_USERS


@rule(logs=['websrv:access'],
      outputs=['slack:soc-channel'],
      matchers=[WebMatcher.succeeded],
      req_subkeys={},
      merge_by_keys=['user'],
      merge_window_mins=5)
def websrv_admin_from_outside(rec):
    """
    description:  An admin page answered from outside the office.
    """
    if is_robot(rec['user']):
        return False
    if not starts_with_any(rec['path'], ADMIN_PREFIXES):
        return False
    return not in_network(rec['client_ip'], _OFFICE)


@rule(logs=['websrv:access'], context={'slack': {'mention': '@oncall'}})
def websrv_suspicious_path(rec, context):
    """Paths nobody should ask for."""
    path = rec.get('path', '')
    suspicious = ['*/.git/*', '*.php', '*/etc/passwd']
    if any(fnmatch(path, pattern) for pattern in suspicious):
        return True
    elif path.startswith('/cgi-bin/') and rec['status'] not in (404, 403):
        return True
    else:
        hits = 0
        for part in path.split('/'):
            if part == '..':
                hits += 1
        return hits >= 2
`;

export const WEBSRV_EVENTS = [
  {
    data: { client_ip: '203.0.113.9', user: 'mallory', path: '/admin/users', status: 200 },
    description: 'an admin page from outside the office',
    log: 'websrv:access',
    service: 'kinesis',
    source: 'acme_corp_streamalert',
    trigger_rules: ['websrv_admin_from_outside'],
  },
  {
    override_record: { client_ip: '10.1.2.3', user: 'alice', path: '/admin/users', status: 200 },
    description: 'an admin page from the office (override_record)',
    log: 'websrv:access',
    service: 'kinesis',
    source: 'acme_corp_streamalert',
    trigger_rules: [],
  },
  {
    data: { client_ip: '203.0.113.9', user: 'deploy-BOT', path: '/admin/x', status: 200 },
    description: 'a robot on an admin page',
    log: 'websrv:access',
    service: 'kinesis',
    source: 'acme_corp_streamalert',
    trigger_rules: [],
  },
  {
    data: { client_ip: '203.0.113.9', user: 'eve', path: '/admin/users', status: 500 },
    description: 'an admin page that failed (the matcher)',
    log: 'websrv:access',
    service: 'kinesis',
    source: 'acme_corp_streamalert',
    trigger_rules: [],
  },
  {
    data: { client_ip: '10.9.9.9', user: 'bob', path: '/site/.git/config', status: 404 },
    description: 'a .git path',
    log: 'websrv:access',
    service: 'kinesis',
    source: 'acme_corp_streamalert',
    trigger_rules: ['websrv_suspicious_path'],
  },
  {
    data: { client_ip: '10.9.9.9', user: 'bob', path: '/cgi-bin/run', status: 404 },
    description: 'a cgi-bin path not found',
    log: 'websrv:access',
    service: 'kinesis',
    source: 'acme_corp_streamalert',
    trigger_rules: [],
  },
  {
    data: { client_ip: '10.9.9.9', user: 'bob', path: '/cgi-bin/run', status: 200 },
    description: 'a cgi-bin path answered',
    log: 'websrv:access',
    service: 'kinesis',
    source: 'acme_corp_streamalert',
    trigger_rules: ['websrv_suspicious_path'],
  },
  {
    data: { client_ip: '10.9.9.9', user: 'bob', path: '/a/../../b', status: 200 },
    description: 'two parent folders',
    log: 'websrv:access',
    service: 'kinesis',
    source: 'acme_corp_streamalert',
    trigger_rules: ['websrv_suspicious_path'],
  },
];

export const MATCHERS = `"""Matchers of the web logs."""


class WebMatcher:
    """Web matchers"""
    _OK = {200, 201, 204}

    @classmethod
    def succeeded(cls, rec):
        return rec['status'] in cls._OK

    @staticmethod
    def is_get(rec):
        return rec.get('method', 'GET') == 'GET'
`;

export const AUDIT_RULES = `from streamalert.shared.normalize import Normalizer
from streamalert.shared.rule import disable, rule
from rules.helpers.base import data_has_value


@rule(datatypes=['userName', 'hostName'], outputs=['aws-sns:pager'])
def audit_root_actor(rec):
    """The root account did something."""
    return 'root' in Normalizer.get_values_for_normalized_type(rec, 'userName')


@disable
@rule(logs=['audit:event'])
def audit_everything(_):
    """Every audit event: too noisy, disabled."""
    return True


@rule(logs=['audit:event'])
def audit_failed_sudo(rec):
    """A failed action whose name says sudo."""
    try:
        failed = rec['details']['ok'] is False
    except KeyError:
        failed = not rec['ok']
    return failed and data_has_value(rec, 'sudo')
`;

export const AUDIT_EVENTS = [
  {
    data: { actor: 'root', action: 'reboot', ok: true },
    description: 'root reboots',
    log: 'audit:event',
    service: 'kinesis',
    source: 'acme_corp_streamalert',
    trigger_rules: ['audit_root_actor', 'audit_everything'],
  },
  {
    data: { actor: 'alice', action: 'sudo', ok: false },
    description: 'alice fails sudo',
    log: 'audit:event',
    service: 'kinesis',
    source: 'acme_corp_streamalert',
    trigger_rules: ['audit_failed_sudo'],
  },
  {
    data: { actor: 'alice', action: 'sudo', ok: true },
    description: 'alice runs sudo',
    log: 'audit:event',
    service: 'kinesis',
    source: 'acme_corp_streamalert',
    trigger_rules: [],
  },
];

export const FOREIGN_RULE = `import requests
from streamalert.shared.rule import rule


@rule(logs=['audit:event'])
def audit_reputation(rec):
    """Asks a web service about the actor."""
    return requests.get('https://example.com/' + rec['actor']).status_code == 403
`;

export const FOREIGN_EVENTS = [
  {
    data: { actor: 'mallory', action: 'login', ok: true },
    description: 'a known bad actor',
    log: 'audit:event',
    service: 'kinesis',
    source: 'acme_corp_streamalert',
    trigger_rules: ['audit_reputation'],
  },
];

/** StreamAlert's own helper module, as far as these rules use it (its real code is mapped). */
const BASE = `from fnmatch import fnmatch


def starts_with_any(text, prefixes):
    if not isinstance(text, str):
        return False
    return any(text.startswith(prefix) for prefix in prefixes)
`;

export function writeFiles(root: string, files: Record<string, unknown>): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(
      file,
      typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`,
    );
  }
}

/** The checkout's folder; `extra` adds or replaces files (path → text or JSON). */
export function writeCheckout(extra: Record<string, unknown> = {}): string {
  const root = tempDir('sa-checkout');
  writeFiles(root, {
    ...Object.fromEntries(Object.entries(sa3ConfFiles()).map(([k, v]) => [`conf/${k}`, v])),
    'rules/__init__.py': '',
    'rules/helpers/__init__.py': '',
    'rules/helpers/base.py': BASE,
    'rules/community/websrv/websrv_rules.py': WEBSRV_RULES,
    'rules/community/websrv/websrv_rules.json': WEBSRV_EVENTS,
    'rules/community/audit/audit_rules.py': AUDIT_RULES,
    'rules/community/audit/audit_rules.json': AUDIT_EVENTS,
    'rules/community/audit/audit_reputation.py': FOREIGN_RULE,
    'rules/community/audit/audit_reputation.json': FOREIGN_EVENTS,
    'matchers/__init__.py': '',
    'matchers/default.py': MATCHERS,
    ...extra,
  });
  return root;
}
