/**
 * The report mode of the app: the report page (and its styles) load as their own chunk, only when the hash asks for a
 * report, so the map page's first screen carries none of it.
 */
import { lazy, Suspense } from 'react';

const ReportPage = lazy(() => import('./ReportPage').then((m) => ({ default: m.ReportPage })));

export function ReportRoute({ code }: { code: string }) {
  return (
    <Suspense fallback={null}>
      <ReportPage key={code} code={code} />
    </Suspense>
  );
}
