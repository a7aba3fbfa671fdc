/**
 * Every text the API takes in, one line each: an operation and the path of one text inside its variables. The
 * test puts each hostile text (NUL, other control characters, 100,001 characters) at that path in otherwise valid
 * variables and expects BAD_USER_INPUT with `extensions.field` equal to the path, and nothing stored. Add an
 * input by adding a line (and, for a new operation, its query and valid variables).
 */
const s3 = { region: 'us-east-1', bucketName: 'audiences', schemaPrefix: 'data/', dataFormat: 'CSV', partitioning: 'NO_TABLES', credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret-example' } };
const gcp = { serviceAccountKey: '{"type": "service_account"}' };
const sf = { username: 'inlet', password: 'pw' };

/** Operations with valid variables; a case replaces one text in them. */
export const OPERATIONS = {
  createS3: { query: 'mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }', variables: () => ({ input: { name: 'c', s3: structuredClone(s3) } }) },
  createGcs: { query: 'mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }', variables: () => ({ input: { name: 'c', gcs: { bucketName: 'b', schemaPrefix: 'p/', dataFormat: 'CSV', partitioning: 'NO_TABLES', credentials: { ...gcp } } } }) },
  createBigQuery: { query: 'mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }', variables: () => ({ input: { name: 'c', bigquery: { projectId: 'p', dataset: 'd', credentials: { ...gcp } } } }) },
  createSnowflake: { query: 'mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }', variables: () => ({ input: { name: 'c', snowflake: { account: 'org-acct', warehouse: 'w', database: 'd', schema: 's', credentials: { ...sf } } } }) },
  rotate: { query: 'mutation($id: ID!, $input: ConnectionCredentialsInput!) { rotateConnectionCredentials(id: $id, input: $input) { id } }', variables: () => ({ id: 'c1', input: { aws: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 's' } } }) },
  rotateSnowflake: { query: 'mutation($id: ID!, $input: ConnectionCredentialsInput!) { rotateConnectionCredentials(id: $id, input: $input) { id } }', variables: () => ({ id: 'c1', input: { snowflake: { ...sf } } }) },
  createImport: {
    query: 'mutation($input: CreateImportInput!) { createImport(input: $input) { id } }',
    variables: () => ({ input: { connectionId: 'c1', name: 'i', table: 't', type: 'IDENTITY', columns: ['a', 'b'], userIdColumn: 'a', timestampColumn: 'ts', identifierColumn: 'b', identifierType: 'email', groupIdColumn: 'g', isDeletedColumn: 'd', schedule: 'manual' } }),
  },
  updateImport: { query: 'mutation($id: ID!, $input: UpdateImportInput!) { updateImport(id: $id, input: $input) { id } }', variables: () => ({ id: 'i1', input: { name: 'n', schedule: 'manual' } }) },
  acceptChanges: { query: 'mutation($importId: ID!, $columns: [String!]!) { acceptSchemaChanges(importId: $importId, columns: $columns) { id } }', variables: () => ({ importId: 'i1', columns: ['a'] }) },
  createWorkspace: { query: 'mutation($name: String!) { createWorkspace(name: $name) { id } }', variables: () => ({ name: 'w' }) },
  createApiKey: { query: 'mutation($name: String!, $workspaceId: ID!) { createApiKey(name: $name, workspaceId: $workspaceId) { key } }', variables: () => ({ name: 'k', workspaceId: 'w1' }) },
  connection: { query: 'query($id: ID!) { connection(id: $id) { id } }', variables: () => ({ id: 'c1' }) },
  import: { query: 'query($id: ID!) { import(id: $id) { id } }', variables: () => ({ id: 'i1' }) },
  importRun: { query: 'query($id: ID!) { importRun(id: $id) { id } }', variables: () => ({ id: 'r1' }) },
  imports: { query: 'query($id: ID) { imports(connectionId: $id) { totalCount } }', variables: () => ({ id: 'c1' }) },
  connectionsPage: { query: 'query($search: String, $after: String) { connections(search: $search, after: $after) { totalCount } }', variables: () => ({ search: 's', after: null }) },
  catalog: { query: 'query($search: String) { catalog(search: $search) { id } }', variables: () => ({ search: 's' }) },
  createChannel: { query: 'mutation($input: CreateNotificationChannelInput!) { createNotificationChannel(input: $input) { secret } }', variables: () => ({ input: { name: 'n', url: 'https://example.com/hook', kinds: ['RUN_FAILED'] } }) },
  bucketPolicy: { query: 'query($name: String!) { s3BucketPolicy(bucketName: $name) }', variables: () => ({ name: 'b' }) },
} satisfies Record<string, { query: string; variables: () => Record<string, unknown> }>;

/** [operation, path of the text in its variables, the path the answer names in `extensions.field`]. */
export const TEXT_INPUTS: [keyof typeof OPERATIONS, string, string][] = [
  ['createS3', 'input.name', 'name'],
  ['createS3', 'input.s3.region', 's3.region'],
  ['createS3', 'input.s3.bucketName', 's3.bucketName'],
  ['createS3', 'input.s3.schemaPrefix', 's3.schemaPrefix'],
  ['createS3', 'input.s3.endpoint', 's3.endpoint'],
  ['createS3', 'input.s3.credentials.accessKeyId', 's3.credentials.accessKeyId'],
  ['createS3', 'input.s3.credentials.secretAccessKey', 's3.credentials.secretAccessKey'],
  ['createS3', 'input.s3.credentials.roleArn', 's3.credentials.roleArn'],
  ['createS3', 'input.s3.credentials.externalId', 's3.credentials.externalId'],
  ['createGcs', 'input.gcs.bucketName', 'gcs.bucketName'],
  ['createGcs', 'input.gcs.schemaPrefix', 'gcs.schemaPrefix'],
  ['createGcs', 'input.gcs.endpoint', 'gcs.endpoint'],
  ['createGcs', 'input.gcs.credentials.serviceAccountKey', 'gcs.credentials.serviceAccountKey'],
  ['createBigQuery', 'input.bigquery.projectId', 'bigquery.projectId'],
  ['createBigQuery', 'input.bigquery.dataset', 'bigquery.dataset'],
  ['createBigQuery', 'input.bigquery.location', 'bigquery.location'],
  ['createBigQuery', 'input.bigquery.credentials.serviceAccountKey', 'bigquery.credentials.serviceAccountKey'],
  ['createSnowflake', 'input.snowflake.account', 'snowflake.account'],
  ['createSnowflake', 'input.snowflake.warehouse', 'snowflake.warehouse'],
  ['createSnowflake', 'input.snowflake.database', 'snowflake.database'],
  ['createSnowflake', 'input.snowflake.schema', 'snowflake.schema'],
  ['createSnowflake', 'input.snowflake.role', 'snowflake.role'],
  ['createSnowflake', 'input.snowflake.credentials.username', 'snowflake.credentials.username'],
  ['createSnowflake', 'input.snowflake.credentials.password', 'snowflake.credentials.password'],
  ['createSnowflake', 'input.snowflake.credentials.privateKey', 'snowflake.credentials.privateKey'],
  ['createSnowflake', 'input.snowflake.credentials.privateKeyPassphrase', 'snowflake.credentials.privateKeyPassphrase'],
  ['rotate', 'id', 'id'],
  ['rotate', 'input.aws.accessKeyId', 'aws.accessKeyId'],
  ['rotateSnowflake', 'input.snowflake.privateKey', 'snowflake.privateKey'],
  ['createImport', 'input.connectionId', 'connectionId'],
  ['createImport', 'input.name', 'name'],
  ['createImport', 'input.table', 'table'],
  ['createImport', 'input.columns.1', 'columns.1'],
  ['createImport', 'input.userIdColumn', 'userIdColumn'],
  ['createImport', 'input.timestampColumn', 'timestampColumn'],
  ['createImport', 'input.identifierColumn', 'identifierColumn'],
  ['createImport', 'input.identifierType', 'identifierType'],
  ['createImport', 'input.groupIdColumn', 'groupIdColumn'],
  ['createImport', 'input.isDeletedColumn', 'isDeletedColumn'],
  ['createImport', 'input.schedule', 'schedule'],
  ['updateImport', 'id', 'id'],
  ['updateImport', 'input.name', 'name'],
  ['updateImport', 'input.schedule', 'schedule'],
  ['acceptChanges', 'importId', 'importId'],
  ['createChannel', 'input.name', 'name'],
  ['createChannel', 'input.url', 'url'],
  ['acceptChanges', 'columns.0', 'columns.0'],
  ['createWorkspace', 'name', 'name'],
  ['createApiKey', 'name', 'name'],
  ['createApiKey', 'workspaceId', 'workspaceId'],
  ['connection', 'id', 'id'],
  ['import', 'id', 'id'],
  ['importRun', 'id', 'id'],
  ['imports', 'id', 'connectionId'],
  ['connectionsPage', 'search', 'search'],
  ['connectionsPage', 'after', 'after'],
  ['catalog', 'search', 'search'],
  ['bucketPolicy', 'name', 'bucketName'],
];

/** Texts refused in every input above. */
export const HOSTILE_TEXTS: [string, string][] = [
  ['NUL', 'a\u0000b'],
  ['a trailing NUL', 'abc\u0000'],
  ['BEL', 'a\u0007b'],
  ['ESC (terminal colours)', '\u001b[31mred'],
  ['vertical tab', 'a\u000bb'],
  ['DEL', 'a\u007fb'],
  ['C1 CSI', 'a\u009bb'],
  ['100,001 characters', 'x'.repeat(100_001)],
];

/** Texts refused in one-line inputs but legitimate in files (keys); the test checks only the one-line ones refuse them. */
export const LINE_BREAKS: [string, string][] = [
  ['newline', 'a\nb'],
  ['carriage return', 'a\rb'],
  ['tab', 'a\tb'],
];

/** The inputs that hold files, where line breaks and tabs are allowed. */
export const MULTILINE_PATHS = new Set(['serviceAccountKey', 'privateKey']);
