/**
 * The credential of a collector made from StreamAlert 3's `modules.streamalert_apps`
 * (src/config/streamalert-apps.ts), read where and as StreamAlert's `app new` stored it: the
 * SSM SecureString `<function>_auth`, JSON of the app's auth fields. Some of those fields are
 * settings here (Duo's API hostname, Google's delegated administrator, Box's enterprise), so
 * `streamalertAppSource` wraps a source: each poll turns that JSON into the source's own
 * credential and settings, and the source runs as configured by hand. A field that is
 * missing is named; its value never is.
 */
import { type CollectorSource, PermanentError } from './source.js';

/** The source's own credential (JSON text) and the settings the secret held. */
interface Converted {
  credential: string;
  settings: Record<string, string>;
}

type Fields = Record<string, unknown>;

const object = (v: unknown): Fields | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Fields) : undefined;

function parse(type: string, raw: string): Fields {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  const o = object(parsed);
  if (!o)
    throw new PermanentError(
      `${type}: the StreamAlert app credential is not a JSON object (as StreamAlert's "app new" stored it)`,
    );
  return o;
}

function text(type: string, o: Fields | undefined, path: string): string {
  const v = path.split('.').reduce<unknown>((at, k) => object(at)?.[k], o);
  if (typeof v !== 'string' || v === '')
    throw new PermanentError(`${type}: the StreamAlert app credential has no string "${path}"`);
  return v;
}

/** A keyfile StreamAlert stored as the JSON object it loaded (or, written by hand, as text). */
function keyfile(type: string, o: Fields): Fields {
  const k = o.keyfile;
  const parsed = typeof k === 'string' ? object(safeParse(k)) : object(k);
  if (!parsed)
    throw new PermanentError(
      `${type}: the StreamAlert app credential has no "keyfile" object (the key file's JSON)`,
    );
  return parsed;
}

const safeParse = (s: string): unknown => {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
};

/** StreamAlert's auth fields, per source type, as this project's credential and settings. */
const CONVERT: Readonly<Record<string, (type: string, o: Fields) => Converted>> = {
  // duo.py: api_hostname, integration_key, secret_key.
  duo: (type, o) => ({
    credential: JSON.stringify({
      integration_key: text(type, o, 'integration_key'),
      secret_key: text(type, o, 'secret_key'),
    }),
    settings: { hostname: text(type, o, 'api_hostname') },
  }),
  // gsuite.py: keyfile (the service account key JSON), delegation_email.
  google_workspace: (type, o) => ({
    credential: JSON.stringify(keyfile(type, o)),
    settings: { subject: text(type, o, 'delegation_email') },
  }),
  // box.py: keyfile (the Box app's JWT config: boxAppSettings.clientID/clientSecret,
  // enterpriseID). The same client id and secret ask for a Client Credentials Grant token.
  box_events: (type, o) => {
    const k = keyfile(type, o);
    return {
      credential: JSON.stringify({
        client_id: text(type, k, 'boxAppSettings.clientID'),
        client_secret: text(type, k, 'boxAppSettings.clientSecret'),
      }),
      settings: { enterprise_id: text(type, k, 'enterpriseID') },
    };
  },
};

/** The settings a StreamAlert app's credential holds (see CONVERT). */
const SECRET_SETTINGS = ['hostname', 'subject', 'enterprise_id'];

const converterOf = (type: string) =>
  CONVERT[type] ?? (type === 'duo_auth' || type === 'duo_admin' ? CONVERT.duo : undefined);

/** Whether a source type can read a StreamAlert app's credential. */
export const readsStreamAlertAppCredential = (type: string): boolean =>
  converterOf(type) !== undefined;

/** `source`, reading its credential as a StreamAlert app stored it. */
export function streamalertAppSource(source: CollectorSource): CollectorSource {
  const convert = converterOf(source.type);
  if (!convert)
    throw new PermanentError(`${source.type}: no StreamAlert app stored a credential for it`);
  return {
    ...source,
    // Settings the secret holds are not asked of the cluster file.
    requiredSettings: source.requiredSettings.filter((s) => !SECRET_SETTINGS.includes(s)),
    pages(q) {
      const c = convert(source.type, parse(source.type, q.credential));
      // The cluster file's settings (Google's applications) beside the secret's.
      return source.pages({
        ...q,
        credential: c.credential,
        settings: { ...c.settings, ...q.settings },
      });
    },
  };
}
