// The `apiwarden:recommended` ruleset: the list of our OpenAPI rules on by default, grouped by OWASP API
// Security Top 10 (2023) category.
import type { OpenApiRule } from './ruleTypes';
// API1 Broken object level authorization
import { sequentialObjectId } from './rules/oas-sequential-object-id';
import { objectOperationAnonymous } from './rules/oas-object-operation-anonymous';
// API2 Broken authentication
import { operationWithoutSecurity } from './rules/oas-operation-without-security';
import { securitySchemeUndefined } from './rules/oas-security-scheme-undefined';
import { httpBasicAuth } from './rules/oas-http-basic-auth';
import { apiKeyInQuery } from './rules/oas-api-key-in-query';
import { apiKeyInCookie } from './rules/oas-api-key-in-cookie';
import { credentialInUrl } from './rules/oas-credential-in-url';
import { oauth2InsecureFlow } from './rules/oas-oauth2-insecure-flow';
import { oauth2UrlInsecure } from './rules/oas-oauth2-url-insecure';
import { oauth2RefreshUrlMissing } from './rules/oas-oauth2-refresh-url-missing';
import { jwtAlgorithmUndocumented } from './rules/oas-jwt-algorithm-undocumented';
import { authOperationWithout429 } from './rules/oas-auth-operation-without-429';
// API3 Broken object property level authorization
import { passwordReadable } from './rules/oas-password-readable';
import { sensitiveDataInResponse } from './rules/oas-sensitive-data-in-response';
import { serverOwnedPropertyWritable } from './rules/oas-server-owned-property-writable';
import { requestAdditionalProperties } from './rules/oas-request-additional-properties';
import { sensitiveDataInQuery } from './rules/oas-sensitive-data-in-query';
import { sensitiveExample } from './rules/oas-sensitive-example';
// API4 Unrestricted resource consumption
import { stringUnbounded } from './rules/oas-string-unbounded';
import { arrayUnbounded } from './rules/oas-array-unbounded';
import { integerUnbounded } from './rules/oas-integer-unbounded';
import { mapUnbounded } from './rules/oas-map-unbounded';
import { uploadUnbounded } from './rules/oas-upload-unbounded';
import { paginationUnbounded } from './rules/oas-pagination-unbounded';
import { rateLimitUndocumented } from './rules/oas-rate-limit-undocumented';
import { rateLimitHeadersMissing } from './rules/oas-rate-limit-headers-missing';
import { tooManyRequestsWithoutRetryAfter } from './rules/oas-429-without-retry-after';
// API5 Broken function level authorization
import { adminSecurityNotDistinct } from './rules/oas-admin-security-not-distinct';
import { destructiveScopeNotStricter } from './rules/oas-destructive-scope-not-stricter';
// API6 Unrestricted access to sensitive business flows
import { businessFlowWithoutRateLimit } from './rules/oas-business-flow-without-rate-limit';
import { businessFlowWithoutAntiAutomation } from './rules/oas-business-flow-without-anti-automation';
// API7 Server-side request forgery
import { urlInputUnrestricted } from './rules/oas-url-input-unrestricted';
import { hostInputUnrestricted } from './rules/oas-host-input-unrestricted';
// API8 Security misconfiguration
import { serverPlainHttp } from './rules/oas-server-plain-http';
import { authErrorResponsesMissing } from './rules/oas-auth-error-responses-missing';
import { corsWildcardOrigin } from './rules/oas-cors-wildcard-origin';
import { securityHeadersMissing } from './rules/oas-security-headers-missing';
import { errorResponsesUndefined } from './rules/oas-error-responses-undefined';
// API9 Improper inventory management
import { deprecatedWithoutSunset } from './rules/oas-deprecated-without-sunset';
import { serverEnvironmentUnclear } from './rules/oas-server-environment-unclear';
import { pathVersionsCoexist } from './rules/oas-path-versions-coexist';
import { operationUnidentified } from './rules/oas-operation-unidentified';
// API10 Unsafe consumption of APIs
import { callbackWithoutAuth } from './rules/oas-callback-without-auth';
import { aiEndpointUnprotected } from './rules/oas-ai-endpoint-unprotected';
import { aiPromptUnbounded } from './rules/oas-ai-prompt-unbounded';

export const recommendedRules: readonly OpenApiRule[] = [
  sequentialObjectId,
  objectOperationAnonymous,
  operationWithoutSecurity,
  securitySchemeUndefined,
  httpBasicAuth,
  apiKeyInQuery,
  apiKeyInCookie,
  credentialInUrl,
  oauth2InsecureFlow,
  oauth2UrlInsecure,
  oauth2RefreshUrlMissing,
  jwtAlgorithmUndocumented,
  authOperationWithout429,
  passwordReadable,
  sensitiveDataInResponse,
  serverOwnedPropertyWritable,
  requestAdditionalProperties,
  sensitiveDataInQuery,
  sensitiveExample,
  stringUnbounded,
  arrayUnbounded,
  integerUnbounded,
  mapUnbounded,
  uploadUnbounded,
  paginationUnbounded,
  rateLimitUndocumented,
  rateLimitHeadersMissing,
  tooManyRequestsWithoutRetryAfter,
  adminSecurityNotDistinct,
  destructiveScopeNotStricter,
  businessFlowWithoutRateLimit,
  businessFlowWithoutAntiAutomation,
  urlInputUnrestricted,
  hostInputUnrestricted,
  serverPlainHttp,
  authErrorResponsesMissing,
  corsWildcardOrigin,
  securityHeadersMissing,
  errorResponsesUndefined,
  deprecatedWithoutSunset,
  serverEnvironmentUnclear,
  pathVersionsCoexist,
  operationUnidentified,
  callbackWithoutAuth,
  aiEndpointUnprotected,
  aiPromptUnbounded,
];
