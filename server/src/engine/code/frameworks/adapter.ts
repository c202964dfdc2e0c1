// What one framework adapter is: everything the code analysis needs to know about a framework, in one place
// (frameworks/<framework>.ts exports one `adapter`). `npm run generate` lists the adapters
// (index.generated.ts) and copies their light hints (module names, mount calls, auth and rate-limit packages)
// into hints.generated.ts, which the cheap file tests read without loading any adapter code.
import type { CodeLanguage, FileFacts } from '../facts';
import type { Framework, Route } from '../model';
import type { AdapterContext } from './context';

export interface FrameworkAdapter {
  name: Framework;
  language: CodeLanguage;
  /** Whether the file certainly uses the framework (it imports it). */
  uses(file: FileFacts): boolean;
  /** Whether the adapter runs on the file; defaults to `uses`. `others` are the other adapters of the language,
   * for frameworks whose routes may also appear in files that import no framework (a router passed in). */
  appliesTo?(file: FileFacts, others: readonly FrameworkAdapter[]): boolean;
  /** Runs once per lint before any adapter's `routes`, when this adapter applies (shared analysis set-up). */
  prepare?(ctx: AdapterContext): Promise<void>;
  routes(ctx: AdapterContext): Promise<Route[]>;
  /** Light hints, copied into hints.generated.ts (regular-expression sources). */
  hints: {
    /** Module names whose import makes a file handler code worth analysing (`express`, `@nestjs/[\\w-]+`). */
    modules: string[];
    /** Calls or names that make a file a mount file: it mounts routers, registers blueprints, sets guards. */
    mountCalls: string[];
    /** Packages whose middleware/guards/decorators authenticate (prefix match on the module specifier). */
    authPackages?: string[];
    /** Packages whose middleware limits request rates. */
    rateLimitPackages?: string[];
  };
}
