// A secret file's findings: nothing when git ignores the file (a local `.env` is where secrets belong) or when
// it sits in a test folder (test keys and values are fixtures), else one code-secret-file-committed per secret.
import type { EngineSettings } from '../config/settings';
import type { FileReader } from '../fileReader';
import { FindingPolicy } from '../findingPolicy';
import type { Finding } from '../findings';
import { isTestCode } from '../code/testCode';
import rule, { secretFileMessage } from '../code/rules/code-secret-file-committed';
import { isGitIgnored } from './gitIgnore';
import { scanSecretFile } from './scanSecretFile';
import type { SecretFileKind } from './secretFiles';

export function lintSecretFile(
  kind: SecretFileKind,
  uri: string,
  text: string,
  settings: EngineSettings,
  reader: FileReader,
): Finding[] {
  const policy = FindingPolicy.of(settings);
  if (!policy.enabled(rule.id) || isGitIgnored(uri, reader)) return [];
  // in test folders only dotenv values of real key shapes count (scanSecretFile knows `.env.test` likewise)
  const inTests = isTestCode(uri);
  if (inTests && kind !== 'dotenv') return [];
  const findings: Finding[] = [];
  for (const secret of scanSecretFile(kind, uri, text, inTests)) {
    const finding = policy.finding({
      ruleId: rule.id,
      severity: rule.severity,
      message: secretFileMessage(secret.what, secret.guessable),
      uri,
      range: secret.range,
    });
    if (finding) findings.push(finding);
  }
  return findings;
}
