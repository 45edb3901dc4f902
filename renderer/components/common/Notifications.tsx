import {
  Button,
  Link,
  Toast,
  ToastBody,
  ToastFooter,
  ToastTitle,
  ToastTrigger,
  Toaster,
  useId,
  makeStyles,
  useToastController,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../../store/context.tsx';
import type { Notice } from '../../store/notices.ts';
import { ErrorDetails } from './ErrorDetails.tsx';

/**
 * Every toast goes away on its own: a failure after 15 s (pointer over it, or the window in the background,
 * pauses that while it is read), the rest sooner. A failure is not lost when its toast goes: it stays in the
 * system's Activity and in the Events view, where its details can be read at leisure.
 */
export const TIMEOUT_MS: Record<Notice['intent'], number> = {
  error: 15_000,
  warning: 10_000,
  success: 4000,
  info: 4000,
};

/** At most this many toasts at once; the next wait their turn (three stacked reached past the header). */
export const VISIBLE_TOASTS = 3;

const useStyles = makeStyles({
  // Wide enough to read (the default ≈290 px wrapped a word per line), never wider than the window.
  toast: { width: 'min(440px, calc(100vw - 32px))', boxSizing: 'border-box' },
  // Expanded error details scroll inside the toast, so its title and Dismiss button stay in sight.
  body: { maxHeight: '40vh', overflowY: 'auto' },
});

function NoticeToast({ notice }: { notice: Notice }) {
  const styles = useStyles();
  return (
    <Toast className={styles.toast}>
      <ToastTitle
        action={
          <ToastTrigger>
            <Button size="small" appearance="transparent">
              Dismiss
            </Button>
          </ToastTrigger>
        }
      >
        {notice.title}
      </ToastTitle>
      {(notice.body || notice.error) && (
        <ToastBody className={styles.body}>
          {/* A body of several lines (a bulk action's outcome per host) keeps its lines. */}
          <span style={{ whiteSpace: 'pre-line' }}>{notice.body}</span>
          {notice.error && <ErrorDetails error={notice.error} />}
        </ToastBody>
      )}
      {notice.action && (
        <ToastFooter>
          <ToastTrigger>
            <Link as="button" onClick={notice.action.run}>
              {notice.action.label}
            </Link>
          </ToastTrigger>
        </ToastFooter>
      )}
    </Toast>
  );
}

/** Shows each new notice of the store once, as a Fluent toast. */
export function Notifications() {
  const toasterId = useId('toaster');
  const { dispatchToast } = useToastController(toasterId);
  const notices = useApp((s) => s.notices);
  const shown = useRef(0);
  // The toaster mounts once its region exists; a notice waits until then (it would be dispatched to nobody).
  const [region, setRegion] = useState<HTMLElement | null>(null);
  useEffect(() => {
    if (!region) return;
    for (const notice of notices) {
      if (notice.id <= shown.current) continue;
      shown.current = notice.id;
      dispatchToast(<NoticeToast notice={notice} />, {
        intent: notice.intent,
        timeout: TIMEOUT_MS[notice.intent],
        toastId: `notice-${notice.id}`,
      });
    }
  }, [notices, dispatchToast, region]);
  // The toasts are portalled into a named region of their own, so that everything on the page sits in a
  // landmark (axe's "region" rule; a screen reader's landmark list then has "Notifications").
  return (
    <section ref={setRegion} aria-label="Notifications">
      {region && (
        <Toaster
          toasterId={toasterId}
          mountNode={region}
          position="bottom-end"
          pauseOnHover
          pauseOnWindowBlur
          limit={VISIBLE_TOASTS}
        />
      )}
    </section>
  );
}
