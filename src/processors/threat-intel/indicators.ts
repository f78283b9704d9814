/**
 * One canonical text per indicator, so a record's value and a feed's indicator meet whatever
 * their spelling: the feed collector writes table keys with it, the rule processor looks
 * record values up with it. An IP in its canonical form (IPv4 dotted quad, IPv6 as RFC 5952
 * compresses it, an IPv4-mapped IPv6 as the IPv4), a domain lowercased without its trailing
 * dot (IDN as punycode), a URL as the WHATWG parser serializes it, a hash in lowercase hex,
 * a CVE id upper case. A value that is not of its type gives undefined: it matches nothing.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';

/** Longest value looked at: a record's 1 MB field is no indicator and not worth normalizing. */
export const MAX_INDICATOR_LENGTH = 4096;

const HEX = { md5: 32, sha1: 40, sha256: 64 } as const;

function ipv4(text: string): string | undefined {
  if (!isIPv4(text)) return undefined;
  // isIPv4 refuses leading zeros ("010.1.1.1"), so the text is already canonical.
  return text;
}

export function canonicalIp(raw: string): string | undefined {
  const text = raw.trim().replace(/^\[(.*)\]$/, '$1');
  const v4 = ipv4(text);
  if (v4) return v4;
  // A zone ("fe80::1%eth0") names an interface, not a host: no indicator carries one.
  if (!isIPv6(text) || text.includes('%')) return undefined;
  const host = new URL(`http://[${text}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (mapped) {
    const hi = parseInt(mapped[1]!, 16);
    const lo = parseInt(mapped[2]!, 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return host;
}

export function canonicalDomain(raw: string): string | undefined {
  const text = raw.trim().replace(/\.$/, '');
  if (text === '' || /[\s/:@]/.test(text)) return undefined;
  const ascii = domainToASCII(text);
  return ascii === '' ? undefined : ascii;
}

export function canonicalUrl(raw: string): string | undefined {
  const text = raw.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return undefined;
  try {
    return new URL(text).href;
  } catch {
    return undefined;
  }
}

/** The canonical text of `raw` as an indicator of `type`, or undefined when it is none. */
export function canonicalIndicator(type: string, raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_INDICATOR_LENGTH)
    return undefined;
  switch (type) {
    case 'ip':
      return canonicalIp(raw);
    case 'domain':
      return canonicalDomain(raw);
    case 'url':
      return canonicalUrl(raw);
    case 'md5':
    case 'sha1':
    case 'sha256': {
      const text = raw.trim().toLowerCase();
      return text.length === HEX[type] && /^[0-9a-f]+$/.test(text) ? text : undefined;
    }
    case 'cve': {
      const text = raw.trim().toUpperCase();
      return /^CVE-\d{4}-\d{4,}$/.test(text) ? text : undefined;
    }
    default: {
      // A type of the user's own (StreamAlert 3 accepted any): matched as written, trimmed.
      const text = raw.trim();
      return text === '' ? undefined : text;
    }
  }
}
