import { createQuery } from '@urql/solid';
import { ImportTypesDocument, type ImportType, type ImportTypeFieldsFragment } from '../../gql/graphql';

/**
 * The import types as the server defines them (the `importTypes` query, from server/imports/import-types.ts):
 * labels, the columns each maps and the values it asks for. The client keeps no copy of these rules; what it
 * shows and checks before sending comes from this answer, and `createImport` has the last word.
 */

export type ImportTypeDef = ImportTypeFieldsFragment;
export type MappingDef = ImportTypeDef['mappings'][number];
export type TextInputDef = ImportTypeDef['textInputs'][number];

/** The served definitions; asked once per page (they change only with the server). */
export function useImportTypes() {
  const [result, refetch] = createQuery({ query: ImportTypesDocument, requestPolicy: 'cache-first' });
  return {
    result,
    refetch: () => refetch({ requestPolicy: 'network-only' }),
    list: () => result.data?.importTypes ?? [],
    of: (type: ImportType | '' | null | undefined) => result.data?.importTypes.find((t) => t.type === type),
  };
}

/** "USER_PROFILE" → "User profile": shown only until the definitions have arrived. */
export const enumWords = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');

/**
 * An import type's label as the server names it. Pages whose query already asks for `importTypes` pass them
 * (one request, no flicker); elsewhere it asks for them itself.
 */
export function ImportTypeLabel(props: { type: ImportType; types?: readonly { type: ImportType; label: string }[] }) {
  const [own] = createQuery({ query: ImportTypesDocument, requestPolicy: 'cache-first', pause: () => !!props.types });
  const label = () => (props.types ?? own.data?.importTypes)?.find((t) => t.type === props.type)?.label;
  return <>{label() ?? enumWords(props.type)}</>;
}
