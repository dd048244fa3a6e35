import { useEffect, useRef, useState } from 'react';
import { dropEntries } from '../batch/dom-entries.ts';
import { handleDrop, handleFiles, handlePaste } from './input-routing.ts';

export function DropZone() {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const files = Array.from(e.clipboardData?.files ?? []);
      if (files.length || e.clipboardData?.types.includes('Files')) {
        e.preventDefault();
        void handlePaste(files);
      }
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, []);

  return (
    // biome-ignore lint/a11y/useSemanticElements: a drop target holding block content (a <button> may hold phrasing content only); keyboard-operable via role, tabIndex and Enter/Space.
    <div
      className={over ? 'dropzone over' : 'dropzone'}
      data-testid="dropzone"
      role="button"
      tabIndex={0}
      aria-label="Drop an image here, or press Enter to pick one"
      onClick={() => input.current?.click()}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          input.current?.click();
        }
      }}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        // Entries must be taken now: the drop's data is gone once the event returns.
        void handleDrop(Array.from(e.dataTransfer.files), dropEntries(e.dataTransfer));
      }}
    >
      <p>
        <strong>Drop an image</strong> (or many, or a folder), click to pick, or paste (Ctrl+V).
      </p>
      <input
        ref={input}
        type="file"
        accept="image/*"
        multiple
        data-testid="image-input"
        hidden
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          void handleFiles(files);
        }}
      />
    </div>
  );
}
