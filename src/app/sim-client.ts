/**
 * The simulation worker, seen from the page: creates it, wraps it with comlink, and
 * notices when it dies (an 'error' event, a call rejecting because the worker is gone,
 * or a frame that never comes back), so the app can start a fresh one.
 *
 * Methods the worker does not have yet (metricsSince, tagDetails while the pipeline is
 * being built) are reported as `missing` instead of as a crash.
 */
import * as Comlink from 'comlink';
import type { SimWorkerApi } from '../../workers/sim.worker.ts';

export type SimApi = Comlink.Remote<SimWorkerApi>;

export class SimClient {
  api!: SimApi;
  private worker!: Worker;
  private dead = false;
  generation = 0;
  /** methods the running worker lacks (probed by calling them) */
  readonly missing = new Set<string>();
  onDeath: (reason: string) => void = () => {};

  constructor() {
    this.spawn();
  }

  private spawn(): void {
    this.worker = new Worker(new URL('../../workers/sim.worker.ts', import.meta.url), { type: 'module', name: 'crowdfind-sim' });
    this.api = Comlink.wrap<SimWorkerApi>(this.worker);
    this.dead = false;
    this.generation++;
    const gen = this.generation;
    this.worker.addEventListener('error', (e) => {
      e.preventDefault();
      this.die(gen, e.message || 'the simulation worker crashed');
    });
    this.worker.addEventListener('messageerror', () => this.die(gen, 'the simulation worker sent an unreadable message'));
  }

  get alive(): boolean {
    return !this.dead;
  }

  /** ends the current worker and starts a new one (the caller restarts the run) */
  restart(): void {
    try {
      this.api[Comlink.releaseProxy]();
    } catch {
      /* already gone */
    }
    this.worker.terminate();
    this.spawn();
  }

  /** called when the worker is known to be gone */
  die(gen: number, reason: string): void {
    if (gen !== this.generation || this.dead) return;
    this.dead = true;
    this.onDeath(reason);
  }

  /**
   * Runs a call with a time limit: a worker that does not answer for `ms` is treated as
   * dead (out of memory kills a worker without an event in some browsers).
   */
  async call<T>(fn: (api: SimApi) => Promise<T>, ms = 20_000): Promise<T> {
    const gen = this.generation;
    let timer = 0;
    const timeout = new Promise<never>((_, reject) => {
      timer = window.setTimeout(() => reject(new WorkerGone('the simulation worker stopped answering')), ms);
    });
    try {
      return await Promise.race([fn(this.api), timeout]);
    } catch (err) {
      if (err instanceof WorkerGone) this.die(gen, err.message);
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  /** calls an optional method; resolves undefined (and remembers) when the worker lacks it */
  async optional<T>(name: string, fn: (api: SimApi) => Promise<T>, ms?: number): Promise<T | undefined> {
    if (this.missing.has(name)) return undefined;
    try {
      return await this.call(fn, ms);
    } catch (err) {
      const msg = String((err as Error)?.message ?? err);
      if (/is not a function|undefined is not|Cannot read properties of undefined/.test(msg)) {
        this.missing.add(name);
        return undefined;
      }
      throw err;
    }
  }

  /** test hook: behaves as if the worker had crashed */
  simulateCrash(): void {
    this.worker.terminate();
    this.worker.dispatchEvent(new ErrorEvent('error', { message: 'simulated crash (test)' }));
  }
}

export class WorkerGone extends Error {}
