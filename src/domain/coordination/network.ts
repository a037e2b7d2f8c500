import type { CoordinationGroup } from './types.ts';

/** Two accounts that were in the same coordination groups. */
export interface CoSharingEdge {
  /** The two accounts, source < target. */
  source: string;
  target: string;
  /** Number of groups both were in. */
  weight: number;
  /** Their ids. */
  groups: string[];
}

export interface CoSharingNode {
  account: string;
  /** Number of groups the account was in. */
  groups: number;
}

export interface CoSharingNetwork {
  nodes: CoSharingNode[];
  edges: CoSharingEdge[];
}

/**
 * The co-sharing network of a set of groups: an edge between every two
 * accounts of a group, weighted by the number of groups they share. Accounts
 * that keep turning up together are the core of an operation; a pair that met
 * once may be chance. A group of n accounts adds n(n − 1)/2 edges.
 *
 * Nodes sorted by groups, edges by weight (both heaviest first, then by name).
 *
 * @example
 * coordinationNetwork(groups).edges[0]; // { source: 'a', target: 'b', weight: 4, groups: ['…', …] }
 */
export function coordinationNetwork(groups: readonly CoordinationGroup[]): CoSharingNetwork {
  const nodes = new Map<string, CoSharingNode>();
  const edges = new Map<string, CoSharingEdge>();
  for (const group of groups) {
    for (const account of new Set(group.accounts)) {
      const node = nodes.get(account) ?? { account, groups: 0 };
      node.groups++;
      nodes.set(account, node);
    }
    // accounts are distinct and sorted in detectCoordination's groups; hand-made ones may not be
    const accounts = [...new Set(group.accounts)].sort();
    for (let i = 0; i < accounts.length; i++) {
      for (let j = i + 1; j < accounts.length; j++) {
        const key = `${accounts[i]}\u0000${accounts[j]}`;
        const edge = edges.get(key) ?? { source: accounts[i]!, target: accounts[j]!, weight: 0, groups: [] };
        edge.weight++;
        edge.groups.push(group.id);
        edges.set(key, edge);
      }
    }
  }
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    nodes: [...nodes.values()].sort((a, b) => b.groups - a.groups || byName(a.account, b.account)),
    edges: [...edges.values()].sort((a, b) => b.weight - a.weight || byName(a.source, b.source) || byName(a.target, b.target)),
  };
}
