export { startQmpSimulator } from './simulator.js';
export type { QmpSimulator, QmpSimulatorOptions, QmpSimulatorScenario } from './simulator.js';
export { DemoStory } from './demoScenario.js';
export type { DemoStep } from './demoScenario.js';
export { createRandom } from './random.js';
