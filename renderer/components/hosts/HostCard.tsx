import { Badge, Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { HostToken, type HostInfo } from '../../../src/contract/index.ts';
import { ConfirmDialog, type ConfirmRequest } from '../common/ConfirmDialog.tsx';
import { CertificateFacts } from './CertificateFacts.tsx';
import { HOST_STATE_COLOR, HOST_STATE_LABEL, hostTitle } from './host-labels.ts';
import type { HostActions } from './use-host-actions.ts';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  head: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  origin: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'flex-end' },
  reason: { color: tokens.colorNeutralForeground2 },
});

const TOKEN_AT_REST: Record<HostInfo['tokenStorage'], string> = {
  encrypted: 'Its token is kept encrypted by the operating system.',
  file: "Its token is kept in this server's settings file, readable only by its user.",
  memory:
    'Its token is not kept on disk here (no encryption at hand): it is asked for again after a restart.',
};

/** One host: its state and why, what to compare before trusting it, and what can be done now. */
export function HostCard({ host, actions }: { host: HostInfo; actions: HostActions }) {
  const styles = useStyles();
  const [token, setToken] = useState('');
  const [tokenProblem, setTokenProblem] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const needsToken = host.refusal === 'token' || host.refusal === 'no-token';
  const changed = host.refusal === 'certificate-changed';
  const headingId = `host-${host.id}-heading`;

  const applyToken = async () => {
    const parsed = HostToken.safeParse(token.trim());
    if (!parsed.success) {
      setTokenProblem(parsed.error.issues[0]?.message ?? 'not a token');
      return;
    }
    setTokenProblem(null);
    if (await actions.setToken(host.id, parsed.data)) setToken('');
  };

  return (
    <section className={styles.card} aria-labelledby={headingId}>
      <div className={styles.head}>
        <h3 id={headingId} className={styles.heading}>
          {hostTitle(host)}
        </h3>
        <Badge appearance="tint" color={HOST_STATE_COLOR[host.state]}>
          {HOST_STATE_LABEL[host.state]}
        </Badge>
        <Text className={styles.origin}>{host.origin}</Text>
      </div>
      {host.reason && (
        <Text className={styles.reason} role={host.state === 'connected' ? undefined : 'status'}>
          {host.reason}
        </Text>
      )}
      {host.state === 'untrusted' && host.presented && (
        <CertificateFacts certificate={host.presented} label={`Certificate ${host.id} presents`} />
      )}
      {changed && host.pinned && (
        <CertificateFacts certificate={host.pinned} label={`Certificate pinned for ${host.id}`} />
      )}
      {changed && host.presented && (
        <CertificateFacts certificate={host.presented} label={`Certificate ${host.id} presents now`} />
      )}
      {host.state === 'connected' && host.pinned && (
        <Text size={200}>Pinned certificate: {host.pinned.fingerprint}</Text>
      )}
      <Text size={200}>{TOKEN_AT_REST[host.tokenStorage]}</Text>
      <div className={styles.actions}>
        {host.state === 'untrusted' && host.presented && (
          <Button
            appearance="primary"
            aria-label={`Trust ${host.id}'s certificate`}
            onClick={() => void actions.trust(host.id, host.presented!.fingerprint)}
          >
            Trust this certificate
          </Button>
        )}
        {changed && host.presented && (
          <Button
            aria-label={`Trust ${host.id}'s new certificate`}
            onClick={() =>
              setConfirm({
                title: `Trust ${host.id}'s new certificate?`,
                body: `Pinned: ${host.pinned?.fingerprint ?? 'none'}. Presented now: ${host.presented!.fingerprint}. Trust it only if the host's administrator confirms the new fingerprint: otherwise someone may be intercepting the connection.`,
                confirmLabel: 'Trust the new certificate',
                onConfirm: () => void actions.trust(host.id, host.presented!.fingerprint),
              })
            }
          >
            Trust the new certificate…
          </Button>
        )}
        {needsToken && (
          <>
            <Field label={`New token for ${host.id}`} validationMessage={tokenProblem ?? undefined}>
              <Input
                type="password"
                autoComplete="off"
                value={token}
                onChange={(_, data) => setToken(data.value)}
              />
            </Field>
            <Button onClick={() => void applyToken()}>Use this token</Button>
          </>
        )}
        {(host.state === 'unreachable' || (host.state === 'refused' && !changed && !needsToken)) && (
          <Button aria-label={`Reconnect ${host.id}`} onClick={() => void actions.reconnect(host.id)}>
            Reconnect now
          </Button>
        )}
        <Button
          appearance="subtle"
          aria-label={`Remove ${host.id}`}
          onClick={() =>
            setConfirm({
              title: `Remove ${host.id}?`,
              body: `HCS Desktop disconnects from ${host.origin} and forgets its token and pinned certificate; its systems leave this list. The host itself and its systems are not touched.`,
              confirmLabel: 'Remove',
              onConfirm: () => void actions.remove(host.id),
            })
          }
        >
          Remove
        </Button>
      </div>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </section>
  );
}
