// `$ref` resolution for one lint run: local files are read through the engine's FileReader (so unsaved editor
// buffers win over the disk), and the network is reached only when the user allowed remote refs.
import { Resolver } from '@stoplight/spectral-ref-resolver';
import { createResolveHttp } from '@stoplight/json-ref-readers/http';
import { pathToUri } from '../uris';
import type { FileReader } from '../fileReader';

export class RemoteRefNotAllowedError extends Error {
  constructor(url: string) {
    super(`Remote $ref ${url} was not fetched: API Warden reaches the network only when allowed ("apiwarden.allowRemoteRefs" setting, --allow-remote-refs flag). Allow it, or vendor the file into the repository.`);
  }
}

export interface RunResolver {
  resolver: Resolver;
  /** URIs of the local files this run read (its dependencies: a change to one of them means re-linting). */
  dependencies: Set<string>;
}

export function createRunResolver(fileReader: FileReader, allowRemoteRefs: boolean): RunResolver {
  const dependencies = new Set<string>();
  const readLocal = async (ref: { href(): string }): Promise<string> => {
    const uri = pathToUri(decodeURIComponent(ref.href()));
    dependencies.add(uri);
    const text = fileReader.read(uri);
    if (text === undefined) throw new Error(`$ref target ${ref.href()} does not exist or cannot be read: whatever it describes is not checked. Fix the path.`);
    return text;
  };
  const remote = allowRemoteRefs
    ? createResolveHttp({ timeout: 10_000 } as never)
    : async (ref: { href(): string }): Promise<string> => {
        throw new RemoteRefNotAllowedError(ref.href());
      };
  const resolver = new Resolver({
    resolvers: {
      file: { resolve: readLocal },
      http: { resolve: remote },
      https: { resolve: remote },
    },
  } as never);
  return { resolver, dependencies };
}
