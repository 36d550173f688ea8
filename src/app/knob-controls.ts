/**
 * One control per scenario knob, generated from its row in KNOBS: a slider (log or
 * linear as the knob says) with an editable value and unit, or a select for a choice.
 * The knob's help is the tooltip and, behind the (i) button, a line you can tap open.
 */
import type { Knob } from '../sim/knobs.ts';
import { clampToKnob, positionToValue, STEPS, valueToPosition } from './slider-scale.ts';

export interface KnobControl {
  knob: Knob;
  el: HTMLElement;
  set(value: number | string): void;
  /** marks the control as changed-but-not-applied (needs a reset) */
  setPending(on: boolean): void;
}

/** shares in [0, 1] (participation, duty cycle, indoor share) are shown as percentages */
export function isShare(k: Knob): boolean {
  return k.kind === 'number' && k.unit === '' && k.min >= 0 && k.max === 1 && !k.integer && !k.path.includes('.mix.');
}

let uid = 0;

/** The labelled row every control in the panel sits in: `.knob` > `.knob-head` > label (for `id`). */
export function knobRow(id: string, labelText: string, title: string): { row: HTMLDivElement; head: HTMLDivElement; label: HTMLLabelElement } {
  const row = document.createElement('div');
  row.className = 'knob';
  row.title = title;
  const head = document.createElement('div');
  head.className = 'knob-head';
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = labelText;
  return { row, head, label };
}

/** `onChange(value, final)`: final is false while a slider is being dragged */
export function knobControl(k: Knob, initial: number | string, onChange: (value: number | string, final: boolean) => void): KnobControl {
  const id = `knob-${k.flag}-${++uid}`;
  const { row, head, label } = knobRow(id, k.label, k.help);
  row.dataset.flag = k.flag;
  const info = document.createElement('button');
  info.type = 'button';
  info.className = 'info';
  info.textContent = 'i';
  info.setAttribute('aria-label', `About ${k.label}`);
  info.setAttribute('aria-expanded', 'false');
  const help = document.createElement('p');
  help.className = 'knob-help';
  help.id = `${id}-help`;
  help.textContent = k.help + (k.needsReset ? ' (applies after a reset)' : ' (applies live)');
  help.hidden = true;
  info.addEventListener('click', () => {
    help.hidden = !help.hidden;
    info.setAttribute('aria-expanded', String(!help.hidden));
  });
  head.append(label, info);
  row.append(head);

  if (k.kind === 'choice') {
    const sel = document.createElement('select');
    sel.id = id;
    sel.setAttribute('aria-describedby', help.id);
    for (const o of k.options) sel.add(new Option(o, o));
    sel.value = String(initial);
    sel.addEventListener('change', () => onChange(sel.value, true));
    head.append(sel);
    row.append(help);
    return {
      knob: k,
      el: row,
      set: (v) => void (sel.value = String(v)),
      setPending: (on) => row.classList.toggle('pending', on),
    };
  }

  const factor = isShare(k) ? 100 : 1;
  const unit = isShare(k) ? '%' : k.unit;
  const num = document.createElement('input');
  num.type = 'number';
  num.className = 'knob-value';
  num.setAttribute('aria-label', `${k.label} value${unit ? ` in ${unit}` : ''}`);
  num.min = String(k.min * factor);
  num.max = String(k.max * factor);
  num.step = k.integer ? '1' : 'any';
  const unitEl = document.createElement('span');
  unitEl.className = 'unit';
  unitEl.textContent = unit;
  const valueWrap = document.createElement('span');
  valueWrap.className = 'knob-valuewrap';
  valueWrap.append(num, unitEl);
  head.append(valueWrap);

  const slider = document.createElement('input');
  slider.type = 'range';
  slider.id = id;
  slider.min = '0';
  slider.max = String(STEPS);
  slider.step = '1';
  slider.setAttribute('aria-describedby', help.id);
  row.append(slider, help);

  const show = (v: number) => {
    slider.value = String(valueToPosition(k, v));
    slider.setAttribute('aria-valuetext', `${fmt(v * factor)}${unit ? ' ' + unit : ''}`);
    if (document.activeElement !== num) num.value = fmt(v * factor);
  };
  const fmt = (v: number) => String(Number(v.toPrecision(k.integer ? 12 : 4)));
  show(Number(initial));
  slider.addEventListener('input', () => {
    const v = positionToValue(k, Number(slider.value));
    num.value = fmt(v * factor);
    slider.setAttribute('aria-valuetext', `${fmt(v * factor)}${unit ? ' ' + unit : ''}`);
    onChange(v, false);
  });
  slider.addEventListener('change', () => onChange(positionToValue(k, Number(slider.value)), true));
  num.addEventListener('change', () => {
    const raw = Number(num.value);
    if (num.value.trim() === '' || !Number.isFinite(raw)) {
      num.value = fmt(positionToValue(k, Number(slider.value)) * factor);
      return;
    }
    const v = clampToKnob(k, raw / factor);
    num.value = fmt(v * factor);
    slider.value = String(valueToPosition(k, v));
    onChange(v, true);
  });
  return {
    knob: k,
    el: row,
    set: (v) => show(Number(v)),
    setPending: (on) => row.classList.toggle('pending', on),
  };
}
