/** Tag names and kind labels: one source, shared with the simulation's tag details. */
export { TAG_KIND_LABEL, tagName } from '../sim/tag-details.ts';
