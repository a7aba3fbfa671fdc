import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { createStore } from 'solid-js/store';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildInput, effectiveFields, fieldForServerPath, missingRequired, type FormErrors, type FormField, type FormValues } from '../../client/src/features/forms/fields';
import { FieldsForm } from '../../client/src/features/forms/FieldsForm';

/** The S3 fields as the catalog describes them (a subset, in the server's shape). */
const S3_FIELDS: FormField[] = [
  { key: 'region', label: 'AWS bucket region', kind: 'select', required: true, secret: false, options: ['us-east-1', 'eu-west-1', 'ap-south-1'], help: null },
  { key: 'bucketName', label: 'AWS bucket name', kind: 'text', required: true, secret: false, options: null, help: 'Without s3:// or slashes' },
  { key: 'partitioning', label: 'Data partitioning', kind: 'select', required: true, secret: false, options: ['ALL_TABLES', 'NO_TABLES'], help: null },
  { key: 'endpoint', label: 'Endpoint', kind: 'url', required: false, secret: false, options: null, help: null },
  { key: 'credentials.accessKeyId', label: 'Access key ID', kind: 'text', required: false, secret: false, options: null, help: null },
  { key: 'credentials.secretAccessKey', label: 'Secret access key', kind: 'password', required: false, secret: true, options: null, help: null },
];
const GCS_KEY: FormField = { key: 'credentials.serviceAccountKey', label: 'Service account key (JSON)', kind: 'textarea', required: true, secret: true, options: null, help: null };

// Without vitest globals the library cannot register its own cleanup.
afterEach(cleanup);

function renderForm(fields: FormField[], initialErrors: FormErrors = {}) {
  const [values, setValues] = createStore<FormValues>({});
  const [errors, setErrors] = createStore<FormErrors>(initialErrors);
  const onChange = vi.fn((key: string, value: string) => setValues(key, value));
  const view = render(() => <FieldsForm idPrefix="t" fields={fields} values={values} errors={errors} onChange={onChange} groupCredentials />);
  return { ...view, values, setErrors, onChange };
}

describe('FieldsForm', () => {
  it('renders a labelled control per field: selects, url, text and secrets as password', () => {
    renderForm(S3_FIELDS);
    expect(screen.getByLabelText(/AWS bucket region/).tagName).toBe('SELECT');
    expect((screen.getByLabelText(/AWS bucket name/) as HTMLInputElement).type).toBe('text');
    expect((screen.getByLabelText(/^Endpoint/) as HTMLInputElement).type).toBe('url');
    expect((screen.getByLabelText(/Secret access key/) as HTMLInputElement).type).toBe('password');
    expect((screen.getByLabelText(/Access key ID/) as HTMLInputElement).type).toBe('text');
    // Two options are radios, named by the field and shown in words; sent as their values.
    const group = screen.getByRole('radiogroup', { name: /Data partitioning/ });
    const radios = [...group.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    expect(radios.map((r) => [r.value, r.closest('label')!.textContent])).toEqual([
      ['ALL_TABLES', 'All tables are partitioned'],
      ['NO_TABLES', 'No tables are partitioned'],
    ]);
  });

  it('puts the endpoint under Advanced', () => {
    const { container } = renderForm(S3_FIELDS);
    const advanced = container.querySelector('details.advanced')!;
    expect(advanced.querySelector('summary')!.textContent).toBe('Advanced');
    expect(advanced.contains(screen.getByLabelText(/^Endpoint/))).toBe(true);
    expect(advanced.hasAttribute('open')).toBe(false);
  });

  it('asks for one way to authenticate and requires only its fields (S3 keys or role; Snowflake password or key pair)', () => {
    const field = (key: string, label: string, extra: Partial<FormField> = {}): FormField => ({ key, label, kind: 'text', required: false, secret: false, options: null, help: null, ...extra });
    const s3 = [
      ...S3_FIELDS.slice(0, 4),
      ...S3_FIELDS.slice(4),
      field('credentials.roleArn', 'Role ARN'),
      field('credentials.externalId', 'External ID'),
    ];
    const { values } = renderForm(s3);
    expect(screen.getByRole('radio', { name: 'Access keys' })).toHaveProperty('checked', true);
    expect(screen.queryByLabelText(/Role ARN/)).toBeNull();
    expect(screen.getByLabelText(/Access key ID/).getAttribute('aria-required')).toBe('true');
    expect(missingRequired(effectiveFields(s3, values), values)).toMatchObject({ 'credentials.accessKeyId': 'Access key ID is required.', 'credentials.secretAccessKey': 'Secret access key is required.' });
    fireEvent.click(screen.getByRole('radio', { name: 'IAM role' }));
    expect(screen.queryByLabelText(/Access key ID/)).toBeNull();
    expect(screen.getByLabelText(/Role ARN/).getAttribute('aria-required')).toBe('true');
    expect(Object.keys(missingRequired(effectiveFields(s3, values), values)).filter((k) => k.startsWith('credentials.'))).toEqual(['credentials.roleArn', 'credentials.externalId']);
    cleanup();

    const snowflake = [
      field('credentials.username', 'Username', { required: true }),
      field('credentials.password', 'Password', { kind: 'password', secret: true }),
      field('credentials.privateKey', 'Private key (PKCS#8 PEM)', { kind: 'textarea', secret: true }),
      field('credentials.privateKeyPassphrase', 'Private key passphrase', { kind: 'password', secret: true }),
    ];
    const sf = renderForm(snowflake);
    expect(screen.getByRole('radio', { name: 'Password' })).toHaveProperty('checked', true);
    expect(screen.queryByLabelText(/Private key \(/)).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: 'Key pair' }));
    expect(screen.queryByLabelText(/^Password/, { selector: 'input[type=password]' })).toBeNull();
    expect(Object.keys(missingRequired(effectiveFields(snowflake, sf.values), sf.values))).toEqual(['credentials.username', 'credentials.privateKey']);
    // The passphrase stays optional; nothing of the other way is sent.
    expect(buildInput(effectiveFields(snowflake, { ...sf.values, 'credentials.password': 'x', 'credentials.privateKey': 'PEM' }), { ...sf.values, 'credentials.password': 'x', 'credentials.privateKey': 'PEM' })).toEqual({ credentials: { privateKey: 'PEM' } });
  });

  it('marks required fields, says which are optional and groups credentials', () => {
    const { container } = renderForm(S3_FIELDS);
    expect(screen.getByLabelText(/AWS bucket name/).getAttribute('aria-required')).toBe('true');
    expect(screen.getByText('AWS bucket name').closest('label')!.textContent).toContain('(required)');
    expect(screen.getByLabelText(/^Endpoint/).getAttribute('aria-required')).toBeNull();
    expect(screen.getByText('Endpoint').closest('label')!.textContent).toContain('optional');
    const legend = container.querySelector('fieldset legend');
    expect(legend?.textContent).toBe('Credentials');
    expect(container.querySelector('fieldset')!.querySelectorAll('input').length).toBe(2);
    // Help text is tied to its input.
    const bucket = screen.getByLabelText(/AWS bucket name/);
    expect(document.getElementById(bucket.getAttribute('aria-describedby')!)!.textContent).toBe('Without s3:// or slashes');
  });

  it('masks a secret textarea, reveals it on demand and loads it from a file', async () => {
    const { onChange } = renderForm([GCS_KEY]);
    const area = screen.getByLabelText(/Service account key/) as HTMLTextAreaElement;
    expect(area.tagName).toBe('TEXTAREA');
    expect(area.classList.contains('masked')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(area.classList.contains('masked')).toBe(false);
    const file = new File(['{"type":"service_account"}'], 'key.json', { type: 'application/json' });
    fireEvent.change(screen.getByLabelText('Load from file'), { target: { files: [file] } });
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledWith('credentials.serviceAccountKey', '{"type":"service_account"}'));
  });

  it('reports typing with the field key', () => {
    const { onChange, values } = renderForm(S3_FIELDS);
    fireEvent.input(screen.getByLabelText(/Access key ID/), { target: { value: 'AKIA123' } });
    expect(onChange).toHaveBeenCalledWith('credentials.accessKeyId', 'AKIA123');
    expect(values['credentials.accessKeyId']).toBe('AKIA123');
  });

  it('puts the error the server names next to that field', () => {
    const { setErrors } = renderForm(S3_FIELDS);
    const keys = S3_FIELDS.map((f) => f.key);
    const target = fieldForServerPath('s3.credentials.accessKeyId', keys, [['s3', '']]);
    expect(target).toBe('credentials.accessKeyId');
    setErrors(target!, 'AWS does not recognise the access key id');
    const input = screen.getByLabelText(/Access key ID/);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const described = input.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)!.textContent);
    expect(described).toContain('AWS does not recognise the access key id');
    expect(input.closest('[data-field]')!.getAttribute('data-field')).toBe('credentials.accessKeyId');
    // Nothing else is flagged.
    expect(screen.getByLabelText(/AWS bucket name/).getAttribute('aria-invalid')).toBeNull();
  });
});

describe('field paths', () => {
  const keys = ['$name', ...S3_FIELDS.map((f) => f.key)];
  it('maps the server’s input paths to form fields', () => {
    const renames: [string, string][] = [['name', '$name'], ['s3', '']];
    expect(fieldForServerPath('s3.bucketName', keys, renames)).toBe('bucketName');
    expect(fieldForServerPath('input.s3.bucketName', keys, renames)).toBe('bucketName');
    expect(fieldForServerPath('name', keys, renames)).toBe('$name');
    expect(fieldForServerPath('s3.credentials', keys, renames)).toBe('credentials.accessKeyId');
    expect(fieldForServerPath('s3', keys, renames)).toBeNull();
    expect(fieldForServerPath('gcs.bucketName', keys, renames)).toBeNull();
    expect(fieldForServerPath('aws.secretAccessKey', keys, [['aws', 'credentials']])).toBe('credentials.secretAccessKey');
    expect(fieldForServerPath('aws', keys, [['aws', 'credentials']])).toBe('credentials.accessKeyId');
  });

  it('builds the nested platform input, leaving empty values out', () => {
    expect(
      buildInput(S3_FIELDS, { region: 'eu-west-1', bucketName: ' audiences ', endpoint: '', 'credentials.accessKeyId': 'AKIA', 'credentials.secretAccessKey': ' s3cret ' }),
    ).toEqual({ region: 'eu-west-1', bucketName: 'audiences', credentials: { accessKeyId: 'AKIA', secretAccessKey: ' s3cret ' } });
    expect(buildInput(S3_FIELDS.slice(4), { 'credentials.accessKeyId': 'AKIA' }, 'credentials.')).toEqual({ accessKeyId: 'AKIA' });
  });
});
