import { makeStyles, tokens } from '@fluentui/react-components';
import type { HostCertificate } from '../../../src/contract/index.ts';

const useStyles = makeStyles({
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXXS,
    margin: `${tokens.spacingVerticalXS} 0`,
  },
  term: { fontWeight: tokens.fontWeightSemibold },
  detail: { margin: 0, overflowWrap: 'anywhere' },
  fingerprint: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

/** A server certificate as a person compares it: the SHA-256 fingerprint first, then who it names. */
export function CertificateFacts({ certificate, label }: { certificate: HostCertificate; label: string }) {
  const styles = useStyles();
  const rows: Array<[string, string, boolean]> = [
    ['SHA-256 fingerprint', certificate.fingerprint, true],
    ['Subject', certificate.subject, false],
    ['Issuer', certificate.issuer, false],
    ['Names', certificate.altNames || '—', false],
    ['Valid', `${certificate.validFrom} – ${certificate.validTo}`, false],
  ];
  return (
    <dl className={styles.facts} aria-label={label}>
      {rows.map(([term, detail, mono]) => (
        <div key={term} style={{ display: 'contents' }}>
          <dt className={styles.term}>{term}</dt>
          <dd className={mono ? `${styles.detail} ${styles.fingerprint}` : styles.detail}>{detail}</dd>
        </div>
      ))}
    </dl>
  );
}
