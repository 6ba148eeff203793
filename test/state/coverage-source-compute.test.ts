/**
 * CoverageSource.compute against the real worker host over an in-process worker pair: the parameters and the request
 * for results go out together, queued behind the worker's `init` (the page does not wait to hear of each step); an
 * `init` that fails gives its own error; a second computation supersedes the first.
 */
import { describe, expect, it, vi } from 'vitest';
import { CoverageEngine, DEFAULT_PARAMS, type ModelParams } from '../../src/engine';
import { syntheticCountry } from '../../src/engine/synthetic';
import { createCoverageHost, type Handlers } from '../../src/worker/host';
import { fakeWorkerPair } from '../worker/fake-worker';

/** The pair the next createCoverageWorker() made, and the handlers its host is given. */
let pair: ReturnType<typeof fakeWorkerPair> | null = null;
let extraHandlers: Handlers = {};

vi.mock('../../src/worker/client', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../src/worker/client')>();
  return {
    ...orig,
    createCoverageWorker: () => {
      pair = fakeWorkerPair();
      createCoverageHost(pair.scope, extraHandlers);
      return pair.worker;
    },
  };
});

const { createCoverageSource } = await import('../../src/state/coverage-source');

const country = () => syntheticCountry({ seed: 12, demand: 300, facilities: 20 });

describe('CoverageSource.compute', () => {
  it('sends the parameters and the results request before the page hears of init, and gives the engine’s results', async () => {
    extraHandlers = {};
    const { demand, hromadas, facilities } = country();
    const source = createCoverageSource(demand, hromadas, facilities);
    const worker = pair!.worker;
    // messages the page had sent when the worker's first answer (init's) arrived
    let sentAtFirstAnswer = -1;
    worker.addEventListener('message', () => {
      if (sentAtFirstAnswer < 0) sentAtFirstAnswer = worker.posted;
    });
    const params: ModelParams = {
      ...structuredClone(DEFAULT_PARAMS),
      normMin: { ...DEFAULT_PARAMS.normMin, fire: { urban: 8, rural: 15 } },
    };
    const r = await source.compute(params, facilities, {});
    // init, setParams, getResults
    expect(sentAtFirstAnswer).toBe(3);
    const engine = new CoverageEngine(demand, hromadas, facilities, params);
    expect(Array.from(r.services.fire.coverage.minutes)).toEqual(Array.from(engine.coverage('fire').minutes));
    expect(r.services.fire.totals).toEqual(engine.totals('fire'));
    source.dispose();
  });

  it('a failing init gives its own error, not the queued requests’ "no data yet"', async () => {
    extraHandlers = {
      init: () => {
        throw new Error('the tables do not fit together');
      },
    };
    const { demand, hromadas, facilities } = country();
    const source = createCoverageSource(demand, hromadas, facilities);
    await expect(source.compute(DEFAULT_PARAMS, facilities, {})).rejects.toThrow('the tables do not fit together');
    // (an unhandled rejection of the queued requests would fail this file)
    await new Promise((ok) => setTimeout(ok, 20));
    source.dispose();
  });

  it('a second computation supersedes the first: the first is aborted, the second answers its own parameters', async () => {
    extraHandlers = {};
    const { demand, hromadas, facilities } = country();
    const source = createCoverageSource(demand, hromadas, facilities);
    const strict: ModelParams = {
      ...structuredClone(DEFAULT_PARAMS),
      normMin: { ...DEFAULT_PARAMS.normMin, fire: { urban: 5, rural: 6 } },
    };
    const first = source.compute(DEFAULT_PARAMS, facilities, {});
    const second = source.compute(strict, facilities, {});
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    const r = await second;
    expect(r.params).toBe(strict);
    const engine = new CoverageEngine(demand, hromadas, facilities, strict);
    expect(r.services.fire.totals).toEqual(engine.totals('fire'));
    source.dispose();
  });
});
