import {
  Button,
  Checkbox,
  Field,
  Input,
  Radio,
  RadioGroup,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { hostRequests, type RequestOf } from '../../../src/contract/index.ts';
import type { HostActions } from './use-host-actions.ts';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
  grow: { flex: '1 1 200px' },
  port: { width: '110px' },
});

type How = 'url' | 'address';

/** The request this form makes, checked by the contract's own rules (their message shown at the field). */
function requestOf(
  how: How,
  fields: { url: string; address: string; port: string; token: string; secure: boolean; name: string },
): { request: RequestOf<'hosts.add'> } | { problem: string } {
  const name = fields.name.trim() || undefined;
  const candidate =
    how === 'url'
      ? { url: fields.url.trim(), name }
      : {
          address: fields.address.trim(),
          port: Number(fields.port),
          token: fields.token.trim(),
          secure: fields.secure,
          name,
        };
  // The branch of the contract's union this form fills in, so its message is about these fields.
  const [byUrl, byAddress] = hostRequests['hosts.add'].request.options;
  const parsed = (how === 'url' ? byUrl : byAddress).safeParse(candidate);
  if (parsed.success) return { request: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path[0];
  return { problem: `${field === undefined ? '' : `${String(field)}: `}${issue?.message ?? 'not valid'}` };
}

/**
 * Adding a host: the URL its web mode printed (https://host:port/?token=…), or its address, port and token.
 * The token goes to the core once and never comes back to the page; the host then asks to be trusted.
 */
export function AddHostForm({ actions }: { actions: HostActions }) {
  const styles = useStyles();
  const [how, setHow] = useState<How>('url');
  const [url, setUrl] = useState('');
  const [address, setAddress] = useState('');
  const [port, setPort] = useState('7380');
  const [token, setToken] = useState('');
  const [secure, setSecure] = useState(true);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = requestOf(how, { url, address, port, token, secure, name });
    if ('problem' in checked) {
      setProblem(checked.problem);
      return;
    }
    setProblem(null);
    setBusy(true);
    const host = await actions.add(checked.request);
    setBusy(false);
    if (!host) return;
    // The token leaves the page's memory with the form.
    setUrl('');
    setToken('');
    setName('');
  };

  return (
    <form className={styles.form} aria-label="Add a host" onSubmit={(e) => void submit(e)}>
      <RadioGroup
        layout="horizontal"
        aria-label="How to add the host"
        value={how}
        onChange={(_, data) => {
          setHow(data.value as How);
          setProblem(null);
        }}
      >
        <Radio value="url" label="Paste the URL it printed" />
        <Radio value="address" label="Address, port and token" />
      </RadioGroup>
      {how === 'url' ? (
        <Field
          label="URL"
          hint="As its web mode prints it: https://host:port/?token=…"
          validationMessage={problem ?? undefined}
        >
          <Input
            value={url}
            type="password"
            autoComplete="off"
            spellCheck={false}
            onChange={(_, data) => setUrl(data.value)}
          />
        </Field>
      ) : (
        <>
          <div className={styles.row}>
            <Field className={styles.grow} label="Address">
              <Input value={address} spellCheck={false} onChange={(_, data) => setAddress(data.value)} />
            </Field>
            <Field className={styles.port} label="Port">
              <Input
                value={port}
                type="number"
                min={1}
                max={65535}
                onChange={(_, data) => setPort(data.value)}
              />
            </Field>
          </div>
          <Field label="Token" validationMessage={problem ?? undefined}>
            <Input
              value={token}
              type="password"
              autoComplete="off"
              onChange={(_, data) => setToken(data.value)}
            />
          </Field>
          <Checkbox
            checked={secure}
            label="TLS (https) — required beyond this machine"
            onChange={(_, data) => setSecure(data.checked === true)}
          />
        </>
      )}
      <Field label="Name (optional)">
        <Input value={name} onChange={(_, data) => setName(data.value)} />
      </Field>
      <div>
        <Button type="submit" appearance="primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add host'}
        </Button>
      </div>
    </form>
  );
}
