// The `apiwarden:recommended` ruleset: the list of our OpenAPI rules on by default.
import type { OpenApiRule } from './ruleTypes';
import { operationWithoutSecurity } from './rules/oas-operation-without-security';
import { serverPlainHttp } from './rules/oas-server-plain-http';
import { apiKeyInQuery } from './rules/oas-api-key-in-query';
import { httpBasicAuth } from './rules/oas-http-basic-auth';
import { passwordReadable } from './rules/oas-password-readable';
import { stringUnbounded } from './rules/oas-string-unbounded';

export const recommendedRules: readonly OpenApiRule[] = [
  operationWithoutSecurity,
  serverPlainHttp,
  apiKeyInQuery,
  httpBasicAuth,
  passwordReadable,
  stringUnbounded,
];
