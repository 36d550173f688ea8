/** Friendly, deterministic tag names from the tag's index: "Keys", "Backpack", ... then numbered. */
const NAMES = ['Keys', 'Backpack', 'Bike', 'Wallet', 'Suitcase', 'Umbrella', 'Camera', 'Handbag', 'Scooter', 'Headphones', 'Laptop bag', 'Dog collar'];

export function tagName(i: number): string {
  const base = NAMES[i % NAMES.length];
  const round = Math.floor(i / NAMES.length);
  return round === 0 ? base : `${base} ${round + 1}`;
}

/** tag kinds as the frame's tagInfo mode bits say: 0 at rest, 1 carried, 2 in a vehicle */
export const TAG_KIND_LABEL = ['lost at rest', 'carried', 'in a vehicle'];
