/**
 * Encounter theory on the open world (docs: find-my-facts.md, "Encounter theory"):
 * finders at density rho moving isotropically at speed v meet a tag at rest within
 * radius r at rate 2 r v rho, so P(located by t) = 1 - exp(-rho pi r^2) exp(-2 r v rho t).
 *
 * For a scenario we take rho = density x participation, r = the radio's median range
 * (half the advertisements heard there), and for the crossing rate the mix-weighted mean
 * speed (stationary finders count at speed 0: they only contribute the t = 0 term). It
 * is the idealised curve (perfect detection within r, no upload delay or fetch interval),
 * an upper bound to compare the simulated "located ever" share against.
 */
import { Radio } from '../sim/radio.ts';
import type { Scenario } from '../sim/scenario.ts';

export function openWorldTheoryLocatedShare(s: Scenario, tSeconds: number): number {
  const rho = (s.finders.densityPerKm2 * s.finders.participation) / 1e6; // per m²
  const r = new Radio(s.radio).medianRange();
  const { walk, drive, still } = s.finders.mix;
  const w = walk + drive + still || 1;
  const m = s.mobility;
  const meanSpeed = ((walk / w) * (m.walkSpeedMin + m.walkSpeedMax)) / 2 + ((drive / w) * (m.driveSpeedMin + m.driveSpeedMax)) / 2;
  return 1 - Math.exp(-rho * Math.PI * r * r) * Math.exp(-2 * r * meanSpeed * rho * tSeconds);
}
