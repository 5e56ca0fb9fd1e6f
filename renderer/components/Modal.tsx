import { useEffect, useRef, type ReactNode } from 'react';

type Props = {
  labelledBy: string;
  className?: string;
  /** Esc: the dialog stays open until the owner unmounts it. */
  onCancel(): void;
  children: ReactNode;
};

/** A modal <dialog>, open while mounted: focus is trapped by the browser and Esc cancels. */
export function Modal({ labelledBy, className, onCancel, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={labelledBy}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      {children}
    </dialog>
  );
}
