import {
  Button,
  Table,
  Tooltip,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { DismissCircleRegular, DocumentSearchRegular, LinkRegular } from '@fluentui/react-icons';
import type { ProcessListItem } from '../../../src/contract/index.ts';
import { formatBytes, formatDuration100ns } from '../../lib/format.ts';
import { cpuTime100ns, startedAt } from './process-rows.ts';

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace },
  number: { textAlign: 'end', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  nowrap: { whiteSpace: 'nowrap' },
  actionsHeader: { width: '104px' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXXS },
});

interface Props {
  label: string;
  rows: readonly ProcessListItem[];
  onAttach(item: ProcessListItem): void;
  onKill(item: ProcessListItem): void;
  onProperties(item: ProcessListItem): void;
}

/** A process list with Attach, Properties and Kill on each row (an empty list is the panel's to say). */
export function ProcessTable({ label, rows, onAttach, onKill, onProperties }: Props) {
  const styles = useStyles();
  return (
    <Table size="small" aria-label={label}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>PID</TableHeaderCell>
          <TableHeaderCell>Image</TableHeaderCell>
          <TableHeaderCell>Started</TableHeaderCell>
          <TableHeaderCell>CPU</TableHeaderCell>
          <TableHeaderCell>Working set</TableHeaderCell>
          <TableHeaderCell>Commit</TableHeaderCell>
          <TableHeaderCell className={styles.actionsHeader}>Actions</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((item) => {
          const who = `${item.ImageName || 'process'} ${item.ProcessId}`;
          return (
            <TableRow key={item.ProcessId}>
              <TableCell className={mergeClasses(styles.mono, styles.number)}>{item.ProcessId}</TableCell>
              <TableCell className={styles.mono}>{item.ImageName || '—'}</TableCell>
              <TableCell className={styles.nowrap}>{startedAt(item)}</TableCell>
              <TableCell className={styles.number}>{formatDuration100ns(cpuTime100ns(item))}</TableCell>
              <TableCell className={styles.number}>
                {formatBytes(item.MemoryWorkingSetPrivateBytes)}
              </TableCell>
              <TableCell className={styles.number}>{formatBytes(item.MemoryCommitBytes)}</TableCell>
              <TableCell>
                <div className={styles.actions}>
                  <Tooltip
                    content="Attach: follow its state and exit code in a tab"
                    relationship="description"
                  >
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<LinkRegular />}
                      aria-label={`Attach to ${who}`}
                      onClick={() => onAttach(item)}
                    />
                  </Tooltip>
                  <Tooltip content="Properties: the process status HCS reports" relationship="description">
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<DocumentSearchRegular />}
                      aria-label={`Properties of ${who}`}
                      onClick={() => onProperties(item)}
                    />
                  </Tooltip>
                  <Tooltip content="Kill (asks first)" relationship="description">
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<DismissCircleRegular />}
                      aria-label={`Kill ${who}`}
                      onClick={() => onKill(item)}
                    />
                  </Tooltip>
                </div>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
