/** The Handlebars environment for the Terraform templates: one `hcl` helper, strict mode. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { hclLiteral, type HclValue } from './hcl.js';
import { CLUSTER_MODULES, modulePartial } from './modules/all.js';
import { packageRoot } from '../shared/package-root.js';

export type Template = (context: object) => string;

let env: typeof Handlebars | undefined;
const compiled = new Map<string, Template>();

function environment(): typeof Handlebars {
  if (env) return env;
  env = Handlebars.create();
  // Configuration values enter HCL only through this helper. A bare {{value}} would be
  // HTML-escaped by Handlebars and break `terraform validate`, so a template that forgets
  // the helper fails its tests instead of rendering an injectable string.
  env.registerHelper('hcl', (value: HclValue) => new Handlebars.SafeString(hclLiteral(value)));
  const partials = path.join(packageRoot(), 'templates', 'partials');
  for (const file of readdirSync(partials).sort()) {
    env.registerPartial(
      file.replace(/\.tf\.hbs$/, ''),
      readFileSync(path.join(partials, file), 'utf8'),
    );
  }
  // Each cluster module's template part (src/render/modules): cluster.tf.hbs calls them in order.
  for (const { module } of CLUSTER_MODULES)
    env.registerPartial(modulePartial(module), readFileSync(modulePartFile(module), 'utf8'));
  return env;
}

/** A cluster module's template part: templates/modules/<module>.tf.hbs. */
export function modulePartFile(module: string): string {
  return path.join(packageRoot(), 'templates', 'modules', `${module}.tf.hbs`);
}

export function template(name: string): Template {
  let t = compiled.get(name);
  if (!t) {
    const source = readFileSync(path.join(packageRoot(), 'templates', `${name}.tf.hbs`), 'utf8');
    t = environment().compile(source, { strict: true, preventIndent: false });
    compiled.set(name, t);
  }
  return t;
}
