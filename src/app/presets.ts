/** Ready-made scenarios, each with a sentence on what it shows. Choosing one resets the run. */
import { defaultScenario, type Scenario } from '../sim/scenario.ts';

export interface Preset {
  id: string;
  name: string;
  sentence: string;
  apply(s: Scenario): void;
}

export const PRESETS: Preset[] = [
  {
    id: 'downtown',
    name: 'Dense downtown',
    sentence: 'Monaco at rush-hour density: almost every tag is heard within minutes, and the upload delay, not the crowd, sets how fresh a location is.',
    apply(s) {
      s.world = 'monaco';
      s.finders.densityPerKm2 = 8000;
      s.finders.mix = { walk: 0.6, drive: 0.25, still: 0.15 };
    },
  },
  {
    id: 'suburb',
    name: 'Quiet suburb',
    sentence: 'A uniform street grid with few people about: tags wait for a passer-by, so time to first fix spreads out to tens of minutes.',
    apply(s) {
      s.world = 'grid';
      s.finders.densityPerKm2 = 150;
      s.finders.mix = { walk: 0.4, drive: 0.45, still: 0.15 };
    },
  },
  {
    id: 'rural',
    name: 'Rural valley',
    sentence: 'Andorra\'s valleys with a thin crowd and a handful of tags: many tags are never found, the ones on busy roads are.',
    apply(s) {
      s.world = 'andorra';
      s.finders.densityPerKm2 = 8;
      s.finders.mix = { walk: 0.2, drive: 0.6, still: 0.2 };
      s.tags.count = 10;
    },
  },
  {
    id: 'stadium',
    name: 'Stadium crowd',
    sentence: 'A packed, mostly standing crowd in the Tiergarten: thousands of phones hear each tag, errors shrink to GPS accuracy, and reports pile up.',
    apply(s) {
      s.world = 'tiergarten';
      s.finders.densityPerKm2 = 20000;
      s.finders.mix = { walk: 0.15, drive: 0.05, still: 0.8 };
    },
  },
  {
    id: 'night',
    name: 'Night',
    sentence: 'Monaco at 3 a.m.: a few phones, mostly indoors and still; tags on empty streets go unheard for hours.',
    apply(s) {
      s.world = 'monaco';
      s.finders.densityPerKm2 = 120;
      s.finders.mix = { walk: 0.15, drive: 0.15, still: 0.7 };
    },
  },
];

/** the preset's scenario: defaults plus the preset, keeping the current seed and crypto mode */
export function presetScenario(p: Preset, current: Scenario): Scenario {
  const s = defaultScenario();
  s.seed = current.seed;
  s.crypto = current.crypto;
  p.apply(s);
  return s;
}
