// Flask apps and blueprints, the objects views are registered on, and the shape of one registration. Shared by
// the plain Flask views (flask.ts) and the Flask-RESTful/RESTX resources (flaskRestful.ts).
import { kwarg, type FileFacts, type FnFacts, type Val } from '../facts';
import type { MiddlewareRef, Route } from '../model';
import type { AdapterContext } from './context';
import { constString, lastName, symbolAt } from './python';

/** An app or blueprint: where it is bound, and the blueprint's own `url_prefix`. */
export interface Owner {
  file: FileFacts;
  name: string;
  prefix: string;
  isApp: boolean;
}

/** The app (`Flask(…)`, `Quart(…)`) or blueprint a name stands for where it is used (a module binding, an import,
 * or a local of the enclosing function such as `app = Flask(__name__)` in an app factory). */
export async function ownerOf(ctx: AdapterContext, file: FileFacts, val: Val): Promise<Owner | undefined> {
  if (val.k !== 'ref') return undefined;
  const sym = await symbolAt(ctx, file, val, val.span);
  if (sym?.kind === 'value' && sym.val.k === 'call') {
    const ctor = lastName(sym.val);
    if (ctor === 'Flask' || ctor === 'Quart') return { file: sym.file, name: sym.name, prefix: '', isApp: true };
    if (ctor === 'Blueprint')
      return {
        file: sym.file,
        name: sym.name,
        prefix: (await constString(ctx, sym.file, kwarg(sym.val, 'url_prefix')?.value)) ?? '',
        isApp: false,
      };
  }
  return undefined;
}

/** One view function bound to a path and method(s) on an app or blueprint, before its prefixes and hooks. */
export interface FlaskRegistration {
  owner: Owner;
  method: string[];
  /** The path under the owner (an Api's prefix and a namespace's path included). */
  path: string;
  pathSpan: Route['range'];
  fn: FnFacts;
  /** The file the view function is in (a resource or view class may be imported). */
  fnFile: FileFacts;
  /** What wraps the view, outermost first: Api/namespace decorators, class decorators, the function's own. */
  refs: MiddlewareRef[];
  /** How an Api or namespace was found to be bound (`app.py: api.init_app(app)`). */
  via?: string[];
  /** The Api is bound to no app or blueprint found in the workspace. */
  unmounted?: boolean;
}
