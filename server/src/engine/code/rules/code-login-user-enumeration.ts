// code-login-user-enumeration: a login or password-reset handler that answers an unknown account differently from a
// wrong password, so callers can find out which accounts exist.
// Doc: docs/rules/code-login-user-enumeration.md. Fixtures: test-fixtures/code/express/user-enumeration/,
// test-fixtures/code/flask/user-enumeration/.

import { codeRule } from './types';
import { describeRoute, type Route } from '../model';
import type { FileFacts, Span } from '../facts';

/** Routes where credentials are checked or an account is looked up by what the caller typed. */
const CREDENTIAL_PATH =
  /(^|\/)(login|log-in|signin|sign-in|sign_in|authenticate|auth|token|sessions?|forgot[-_]?password|reset[-_]?password|password[-_]?reset|password\/(forgot|reset))(\/|$|\.)/i;
/** A message saying the account is not there (`User not found`, `No account with that email`, `Unknown user`). */
const ACCOUNT_MISSING =
  /\b(user|account|e-?mail|username|login)\b[^.!]{0,30}\b(not found|does not exist|doesn't exist|not exist|not registered|unknown|is not valid)\b|\bno (such )?(user|account)\b|\bunknown (user|account|e-?mail|username)\b|\b(user|account)\b[^.!]{0,10}\bnot\b[^.!]{0,10}\bfound\b/i;
/** A message saying the password was wrong (`Wrong password`, `Password is incorrect`). */
const WRONG_PASSWORD =
  /\b(wrong|incorrect|invalid|bad)\b[^.!]{0,15}\bpassword\b|\bpassword\b[^.!]{0,20}\b(wrong|incorrect|invalid|does not match|doesn't match|mismatch)\b/i;
/** Both halves in one message is the safe form: "Invalid email or password". */
const COMBINED = /\b(e-?mail|user(name)?|login|account)\b[^.!]{0,20}\bor\b[^.!]{0,20}\bpassword\b/i;

export default codeRule({
  id: 'code-login-user-enumeration',
  severity: 'warning',
  owasp: 'API2:2023',
  cwe: 'CWE-204',
  title: 'Login reveals whether an account exists',
  summary:
    'A login or password-reset handler answers an unknown account with a different message than a wrong password, so anyone can find out which accounts exist (and then aim credential stuffing at them).',
  fixable: false,
  scope: 'route',
  reads: { route: ['method', 'pathTemplate', 'handler', 'handlerFile', 'helperCalls'] },
  check(ctx) {
    for (const route of ctx.routes) {
      if (route.method === 'GET' || !CREDENTIAL_PATH.test(route.pathTemplate)) continue;
      const messages = handlerMessages(route);
      const missing = messages.find((m) => ACCOUNT_MISSING.test(m) && !COMBINED.test(m));
      const wrong = messages.find((m) => WRONG_PASSWORD.test(m) && !COMBINED.test(m));
      const resetPath = /password|forgot|reset/i.test(route.pathTemplate);
      if (!missing || (!wrong && !resetPath)) continue;
      const contrast = wrong ? ` and "${wrong}" for a wrong password` : ' while a known account gets a success answer';
      ctx.report({
        span: route.range,
        message: `${describeRoute(route)} answers "${missing}" for an unknown account${contrast}: anyone can find out which accounts exist, then aim password guessing at them. Answer both cases with the same message and status ("Invalid email or password"; for resets, "If the account exists, we sent an email"), and take the same time for both.`,
      });
    }
  },
});

/** The string literals with a space in them (its messages, whatever way it sends them) of the handler and of the
 * project functions it calls (`authService.login(email, password)` that throws `new Error('User not found')`). */
function handlerMessages(route: Route): string[] {
  const fn = route.handler;
  const file = route.handlerFile;
  if (!fn || !file) return [];
  const messagesIn = (strings: FileFacts['strings'], span: Span) =>
    strings
      .filter((s) => s.span.start >= span.start && s.span.end <= span.end && /\s/.test(s.value))
      .map((s) => s.value);
  const out = messagesIn(file.strings, fn.span);
  for (const helper of route.helperCalls ?? []) out.push(...messagesIn(helper.file.strings, helper.fn.span));
  return out;
}
