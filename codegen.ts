import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Client types come from the committed schema.graphql (emitted from the server code), never from a live server.
 * Every operation lives in a .graphql file beside the page that uses it; `npm run codegen` writes client/src/gql/.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['client/src/**/*.graphql'],
  ignoreNoDocuments: true,
  generates: {
    'client/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'documentNode',
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'any' },
      },
    },
  },
  hooks: { afterAllFileWrite: [] },
};

export default config;
