// Whether a file is test code, by its path: test folders and the test-file names of each ecosystem. Findings about
// literals (secrets, passwords) in tests are almost always fixtures, not keys anyone deploys.
const TEST_FOLDER = /\/(tests?|__tests__|spec|specs|e2e|cypress|testing|fixtures?)\//i;
const TEST_NAME = /(^|\/)(test_[^/]*\.py|[^/]*_test\.py|conftest\.py|[^/]*\.(test|spec)\.[cm]?[jt]sx?)$/i;

export function isTestCode(uri: string): boolean {
  const at = uri.indexOf('/', uri.indexOf('//') + 2);
  const path = at === -1 ? uri : uri.slice(at);
  return TEST_FOLDER.test(path) || TEST_NAME.test(path);
}
