/** Thrown when a run is cancelled through its AbortSignal. */
export function abortError(): Error {
  const e = new Error('The plan was cancelled.');
  e.name = 'AbortError';
  return e;
}
