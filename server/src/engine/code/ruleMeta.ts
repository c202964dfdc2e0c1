// Metadata of the code rules (hover text, OWASP/CWE ids, default severity). Light on purpose: the rule
// catalog, which the language server's main thread imports, reads this file and nothing else of code/.
export interface CodeRuleMetadata {
  id: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  owasp: string;
  cwe: string;
  title: string;
  summary: string;
  fixable: boolean;
}

export const CODE_RULES: CodeRuleMetadata[] = [
  {
    id: 'code-route-without-auth',
    severity: 'error',
    owasp: 'API2:2023',
    cwe: 'CWE-306',
    title: 'Route without authentication',
    summary:
      'A route that no middleware, guard, dependency or decorator authenticates, once mounts, router/app-level middleware and global guards are taken into account. Write routes and admin/internal paths are errors, read routes warnings.',
    fixable: false,
  },
  {
    id: 'code-object-lookup-without-ownership',
    severity: 'warning',
    owasp: 'API1:2023',
    cwe: 'CWE-639',
    title: 'Object looked up by request id without an ownership check',
    summary:
      'An authenticated route loads a record by an id taken from the request, and nothing in the handler ties the record to the signed-in user or tenant (BOLA/IDOR hint).',
    fixable: false,
  },
  {
    id: 'code-mass-assignment',
    severity: 'warning',
    owasp: 'API3:2023',
    cwe: 'CWE-915',
    title: 'Mass assignment from the request body',
    summary:
      'The whole request body is written into a model (ORM create/update, `Object.assign`, `Model(**data)`, serializer with `fields = "__all__"`), so clients can set fields such as `role` or `isAdmin`.',
    fixable: false,
  },
  {
    id: 'code-sensitive-data-in-response',
    severity: 'warning',
    owasp: 'API3:2023',
    cwe: 'CWE-213',
    title: 'Sensitive data in a response',
    summary:
      'A response sends a whole database record, properties the sensitive-data classifier marks (password hashes, tokens, SSNs, card numbers, health data), or the process environment.',
    fixable: false,
  },
  {
    id: 'code-cors-any-origin-with-credentials',
    severity: 'error',
    owasp: 'API8:2023',
    cwe: 'CWE-942',
    title: 'CORS allows any origin with credentials',
    summary:
      'CORS accepts every origin (`*`, `origin: true`, a match-all regex or a reflected `Origin` header) while allowing credentials, or sets `Access-Control-Allow-Origin` from the request: any website can call the API as the signed-in user.',
    fixable: false,
  },
  {
    id: 'code-jwt-unsafe-verification',
    severity: 'error',
    owasp: 'API2:2023',
    cwe: 'CWE-347',
    title: 'JWT verified unsafely',
    summary:
      'A JWT is verified without an algorithm allow-list, with `none` allowed, or with expiry checks switched off, so forged or expired tokens may pass.',
    fixable: false,
  },
  {
    id: 'code-jwt-decode-without-verify',
    severity: 'error',
    owasp: 'API2:2023',
    cwe: 'CWE-347',
    title: 'JWT decoded without verifying its signature',
    summary:
      'Code that decides who the caller is decodes a JWT without verifying its signature (`jwt.decode`, `verify_signature: False`), so anyone can forge a token.',
    fixable: false,
  },
  {
    id: 'code-hardcoded-secret',
    severity: 'error',
    owasp: 'API8:2023',
    cwe: 'CWE-798',
    title: 'Hard-coded secret',
    summary:
      'A signing key, API key, password or connection string with a password is written in the code, or used as the fallback when an environment variable is missing.',
    fixable: false,
  },
  {
    id: 'code-ssrf',
    severity: 'error',
    owasp: 'API7:2023',
    cwe: 'CWE-918',
    title: 'Server-side request forgery',
    summary:
      'An outbound HTTP request (fetch, axios, got, requests, httpx, urllib…) goes to a URL or host taken from the request.',
    fixable: false,
  },
  {
    id: 'code-tls-verification-disabled',
    severity: 'error',
    owasp: 'API8:2023',
    cwe: 'CWE-295',
    title: 'TLS certificate verification disabled',
    summary:
      'Certificate verification is switched off (`rejectUnauthorized: false`, `NODE_TLS_REJECT_UNAUTHORIZED=0`, `verify=False`, `CERT_NONE`), so outbound calls can be intercepted.',
    fixable: false,
  },
  {
    id: 'code-error-details-exposed',
    severity: 'warning',
    owasp: 'API8:2023',
    cwe: 'CWE-209',
    title: 'Error details sent to clients',
    summary:
      'A response carries a stack trace, a raw exception message or the error object itself, which tells attackers about internals.',
    fixable: false,
  },
  {
    id: 'code-debug-mode-enabled',
    severity: 'warning',
    owasp: 'API8:2023',
    cwe: 'CWE-489',
    title: 'Debug mode enabled',
    summary:
      'The framework runs in debug mode (`debug=True`, `DEBUG = True`), which exposes stack traces, settings and sometimes an interactive console.',
    fixable: false,
  },
  {
    id: 'code-missing-rate-limit',
    severity: 'warning',
    owasp: 'API4:2023',
    cwe: 'CWE-770',
    title: 'Sensitive route without rate limiting',
    summary:
      'A login, token, password-reset, sign-up or OTP route, or a route that calls an LLM API, has no rate limiting at route, router or app level: brute force and cost exhaustion are unbounded.',
    fixable: false,
  },
  {
    id: 'code-llm-unbounded-tokens',
    severity: 'warning',
    owasp: 'API4:2023',
    cwe: 'CWE-770',
    title: 'LLM call without an output token limit',
    summary:
      'A call to an LLM API sets no `max_tokens` / `max_output_tokens` / `maxTokens`, so one request can consume an unbounded amount of tokens and money.',
    fixable: false,
  },
  {
    id: 'code-prompt-injection',
    severity: 'warning',
    owasp: 'API10:2023',
    cwe: 'CWE-1427',
    title: 'Request data in an LLM prompt',
    summary:
      'Request data is placed in a system/developer prompt, or concatenated into a prompt without delimiting it, so callers can override the instructions.',
    fixable: false,
  },
  {
    id: 'code-llm-output-unvalidated',
    severity: 'error',
    owasp: 'API10:2023',
    cwe: 'CWE-1426',
    title: 'LLM output used without validation',
    summary:
      'Text generated by an LLM reaches SQL, a shell, `eval`, HTML or a redirect without validation, so a prompt injection becomes code execution or XSS.',
    fixable: false,
  },
];
