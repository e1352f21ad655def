/** Live scenarios the server and viewer tests run: the registry's live ones, test-only ones, the synthetic grid. */
import { scenarios } from '../../scenarios/index.ts';
import { REGISTRY_MODULE, SYNTHETIC_MODULE } from '../../src/server/modules.ts';
import type { Scenario } from '../../src/harness/types.ts';

export { devicePairScenario, failingScenario, hogScenario } from './test-scenarios.ts';

/** The module with the test-only scenarios, for the server's worker threads. */
export const TEST_MODULE = new URL('./test-scenarios.ts', import.meta.url).href;
/** Light: the synthetic grid and the test scenarios (threads load fast). */
export const LIGHT_MODULES: readonly string[] = [SYNTHETIC_MODULE, TEST_MODULE];
/** Everything: the registry as well. */
export const ALL_MODULES: readonly string[] = [REGISTRY_MODULE, SYNTHETIC_MODULE, TEST_MODULE];

export const registryLive: readonly Scenario[] = scenarios.filter((s) => typeof s.live === 'function');
