// Which framework adapters run on a file: each adapter's own detection (frameworks/<framework>.ts `adapter`).
import type { FileFacts } from '../facts';
import type { FrameworkAdapter } from './adapter';
import { FRAMEWORK_ADAPTERS } from './index.generated';

export function adaptersFor(file: FileFacts, adapters: readonly FrameworkAdapter[] = FRAMEWORK_ADAPTERS) {
  const ofLanguage = adapters.filter((a) => a.language === file.lang);
  return ofLanguage.filter((adapter) =>
    adapter.appliesTo
      ? adapter.appliesTo(
          file,
          ofLanguage.filter((other) => other !== adapter),
        )
      : adapter.uses(file),
  );
}
