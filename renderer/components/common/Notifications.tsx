import {
  Button,
  Toast,
  ToastBody,
  ToastTitle,
  ToastTrigger,
  Toaster,
  useId,
  useToastController,
} from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { useApp } from '../../store/context.tsx';
import type { Notice } from '../../store/notices.ts';
import { ErrorDetails } from './ErrorDetails.tsx';

/** Failures stay until dismissed (their details may need reading); the rest go away on their own. */
const TIMEOUT_MS: Record<Notice['intent'], number> = {
  error: -1,
  warning: 10_000,
  success: 4000,
  info: 4000,
};

function NoticeToast({ notice }: { notice: Notice }) {
  return (
    <Toast>
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
        <ToastBody>
          {/* A body of several lines (a bulk action's outcome per host) keeps its lines. */}
          <span style={{ whiteSpace: 'pre-line' }}>{notice.body}</span>
          {notice.error && <ErrorDetails error={notice.error} />}
        </ToastBody>
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
  useEffect(() => {
    for (const notice of notices) {
      if (notice.id <= shown.current) continue;
      shown.current = notice.id;
      dispatchToast(<NoticeToast notice={notice} />, {
        intent: notice.intent,
        timeout: TIMEOUT_MS[notice.intent],
        toastId: `notice-${notice.id}`,
      });
    }
  }, [notices, dispatchToast]);
  return <Toaster toasterId={toasterId} position="bottom-end" pauseOnHover pauseOnWindowBlur limit={6} />;
}
