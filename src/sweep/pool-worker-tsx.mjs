// Worker-thread entry when memspike runs from its TypeScript sources: installs tsx's
// loader in this thread (a worker does not inherit the parent's), then loads the task.
import { register } from 'tsx/esm/api';

register();
const { default: runTask } = await import('./pool-worker.ts');
export default runTask;
