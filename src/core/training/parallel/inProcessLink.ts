// A replica in this thread behind the ReplicaLink interface: the unit tests' transport (no parallelism, same maths).

import { startReplica, type Replica } from './replica';
import type { ReplicaLink } from './types';

export function createInProcessLink(): ReplicaLink {
  let replica: Replica | null = null;
  const ready = (): Replica => {
    if (!replica) throw new Error('The replica was used before start.');
    return replica;
  };
  return {
    async start(setup) {
      replica = await startReplica(setup);
    },
    async computeGradients(request) {
      return ready().computeShard(request);
    },
    async applyGradients(grads) {
      ready().applyGradients(grads);
    },
    async readWeights() {
      return ready().readWeights();
    },
    dispose() {
      replica?.dispose();
      replica = null;
    },
  };
}
