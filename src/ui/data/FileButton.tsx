/**
 * A button-styled label over a visually hidden file input (the Data panel's imports, the road network): hands the
 * chosen file to `onFile` and clears the input, so choosing the same file again reads it again.
 */
export interface FileButtonProps {
  /** The button's text. */
  label: string;
  /** The input's `accept` list of extensions, e.g. ".csv,.geojson". */
  accept: string;
  /** data-testid of the input (browser tests set files on it). */
  testId: string;
  onFile: (file: File) => void;
}

export function FileButton({ label, accept, testId, onFile }: FileButtonProps) {
  return (
    <label className="file-button">
      {label}
      <input
        type="file"
        className="visually-hidden"
        data-testid={testId}
        accept={accept}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) onFile(f);
        }}
      />
    </label>
  );
}
