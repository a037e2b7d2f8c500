export { detectCoordination } from './detect-coordination.ts';
export { coordinationNetwork, type CoSharingEdge, type CoSharingNetwork, type CoSharingNode } from './network.ts';
export { findBursts, type TimedPost } from './bursts.ts';
export { clusterNearTexts, jaccard, shingleSet } from './near-duplicates.ts';
export { cleanPostText, hashString, postWords, textFingerprint } from './post-text.ts';
export {
  DEFAULT_COORDINATION_OPTIONS,
  DEFAULT_NEAR_DUPLICATE,
  resolveOptions,
  type CoordinationBasis,
  type CoordinationGroup,
  type CoordinationOptions,
  type CoordinationOptionsInput,
  type NearDuplicateOptions,
  type SocialEvent,
} from './types.ts';
