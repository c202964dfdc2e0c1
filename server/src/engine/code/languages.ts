// Which files are handler code, and in which grammar: light on purpose (no parser), so that the language
// server's main thread can decide what to lint without loading tree-sitter.
import { extensionOf } from '../uris';
import { FRAMEWORK_HINTS } from './frameworks/hints.generated';

export type GrammarId = 'javascript' | 'typescript' | 'tsx' | 'python';

const GRAMMAR_BY_EXTENSION: Record<string, GrammarId> = {
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascript',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.py': 'python',
};

export const CODE_EXTENSIONS = Object.keys(GRAMMAR_BY_EXTENSION);

export function grammarFor(uri: string): GrammarId | undefined {
  if (uri.endsWith('.d.ts')) return undefined;
  return GRAMMAR_BY_EXTENSION[extensionOf(uri)];
}

// Files that import a web framework (the adapters' module names, hints.generated.ts), an HTTP client, a JWT or LLM
// library the rules look at, define routes or hold secrets.
const JS_RULE_MODULES = [
  '@koa\\/cors',
  'cors',
  'jsonwebtoken',
  'jose',
  'jwt-decode',
  'express-jwt',
  'passport[\\w-]*',
  'openai',
  '@anthropic-ai\\/sdk',
  '@google\\/generative-ai',
  '@google\\/genai',
  'ai',
  '@ai-sdk\\/[\\w-]+',
  '@langchain\\/[\\w-]+',
  'langchain[\\w/-]*',
  'axios',
  'got',
  'node-fetch',
  'undici',
  'needle',
  'superagent',
  'https?',
  'child_process',
  'express-session',
  'cookie-session',
  'mongoose',
  'sequelize',
  '@prisma\\/client',
  'typeorm',
  '@apollo\\/server',
  'apollo-server[\\w-]*',
  'graphql-yoga',
  'express-graphql',
  'graphql-http',
];
const PY_RULE_MODULES = [
  'jwt',
  'jose',
  'requests',
  'httpx',
  'aiohttp',
  'urllib',
  'urllib3',
  'openai',
  'anthropic',
  'google\\.generativeai',
  'google\\.genai',
  'langchain[\\w.]*',
  'litellm',
  'flask_cors',
  'flask_login',
  'flask_jwt_extended',
  'flask_limiter',
  'slowapi',
  'ssl',
  'subprocess',
  'sqlalchemy',
  'pydantic',
  'strawberry',
  'graphene',
  'graphene_django',
  'flask_graphql',
  'ariadne',
];
const SECRET_SHAPES = String.raw`AKIA[0-9A-Z]{16}|sk_live_|-----BEGIN [A-Z ]*PRIVATE KEY-----`;
const JS_INTEREST = new RegExp(
  String.raw`(?:from\s+|require\(\s*|import\(\s*)['"](?:` +
    [...FRAMEWORK_HINTS.jsModules, ...JS_RULE_MODULES].join('|') +
    String.raw`)['"/]|\b(?:app|router|server|fastify)\s*\.(?:get|post|put|patch|delete|all|route|use)\s*\(\s*['"` +
    '`' +
    String.raw`/]|\bfastify\.(?:register|addHook)\s*\(|NODE_TLS_REJECT_UNAUTHORIZED|rejectUnauthorized|Access-Control-Allow-Origin|` +
    SECRET_SHAPES,
);
const PY_INTEREST = new RegExp(
  String.raw`^\s*(?:from|import)\s+(?:` +
    [...FRAMEWORK_HINTS.pyModules, ...PY_RULE_MODULES].join('|') +
    String.raw`)\b|urlpatterns\s*=|\.add_resource\s*\(|^\s*(?:SECRET_KEY|DEBUG|CORS_ALLOW_ALL_ORIGINS|CORS_ORIGIN_ALLOW_ALL|REST_FRAMEWORK)\s*=|` +
    SECRET_SHAPES,
  'm',
);

/** Whether a file is handler code worth analysing (cheap: a regex over the text). */
export function isCodeOfInterest(uri: string, text: string): boolean {
  const grammar = grammarFor(uri);
  if (!grammar) return false;
  return grammar === 'python' ? PY_INTEREST.test(text) : JS_INTEREST.test(text);
}
