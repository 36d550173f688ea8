/** The run's time speed as a logarithmic slider (1× to 3,600×), kept in step with the top bar. */
import { knobRow } from './knob-controls.ts';

export const SPEEDS = [1, 10, 60, 300, 900, 3600];
const MAX = 3600;

export function speedControl(onChange: (v: number) => void): { el: HTMLElement; set(v: number): void } {
  const { row, head, label } = knobRow('speed-slider', 'Time speed', 'Simulated seconds per real second (keys: + and -)');
  const out = document.createElement('output');
  out.className = 'knob-out';
  out.htmlFor.add('speed-slider');
  head.append(label, out);
  const slider = document.createElement('input');
  slider.type = 'range';
  slider.id = 'speed-slider';
  slider.min = '0';
  slider.max = '1000';
  row.append(head, slider);
  const toValue = (p: number) => {
    const v = Math.pow(MAX, p / 1000);
    // snap to the round speeds nearby
    const snap = SPEEDS.find((s) => Math.abs(Math.log(s / v)) < 0.12);
    return snap ?? (v < 100 ? Math.round(v) : Math.round(v / 10) * 10);
  };
  const set = (v: number) => {
    slider.value = String(Math.round((Math.log(v) / Math.log(MAX)) * 1000));
    out.textContent = `${v.toLocaleString()}×`;
    slider.setAttribute('aria-valuetext', `${v} times real time`);
  };
  slider.addEventListener('input', () => (out.textContent = `${toValue(Number(slider.value)).toLocaleString()}×`));
  slider.addEventListener('change', () => onChange(toValue(Number(slider.value))));
  return { el: row, set };
}
