/**
 * The item list, Find My style: a rounded row per tag with its name in bold and a grey
 * status line ("Located 34 m off, 3 min ago" / "No location yet"). Located tags come
 * first (fresh fixes, then older ones), each group in name order, so rows do not jump
 * around while the run goes. Rows are created once and updated in place.
 */
import type { Frame } from '../sim/frame.ts';
import { TAG_KIND_LABEL, tagName } from './tag-names.ts';
import { tagStatus } from './tag-status.ts';

const ICON_COLORS = ['#0a84ff', '#ff8a00', '#2fa84f', '#af52de', '#ff375f', '#5ac8fa', '#a2845e', '#ff9f0a', '#30b0c7', '#5856d6', '#8e8e93', '#34c759'];

interface Row {
  li: HTMLLIElement;
  btn: HTMLButtonElement;
  status: HTMLElement;
  text: string;
  order: number;
}

export class TagList {
  readonly el = document.createElement('div');
  private readonly header = document.createElement('p');
  private readonly list = document.createElement('ul');
  private rows: Row[] = [];
  private selected = -1;

  constructor(private readonly onSelect: (i: number) => void) {
    this.el.className = 'tag-list';
    this.header.className = 'tag-list-header';
    this.header.setAttribute('aria-live', 'polite');
    this.list.className = 'items';
    this.list.setAttribute('aria-label', 'Tags');
    this.el.append(this.header, this.list);
  }

  private ensureRows(n: number, f: Frame): void {
    if (this.rows.length === n) return;
    this.list.replaceChildren();
    this.rows = [];
    for (let i = 0; i < n; i++) {
      const li = document.createElement('li');
      const btn = document.createElement('button');
      btn.type = 'button';
      btn.className = 'item';
      btn.dataset.tag = String(i);
      const icon = document.createElement('span');
      icon.className = 'item-icon';
      icon.setAttribute('aria-hidden', 'true');
      icon.textContent = tagName(i)[0];
      icon.style.background = ICON_COLORS[i % ICON_COLORS.length];
      const text = document.createElement('span');
      text.className = 'item-text';
      const name = document.createElement('b');
      name.textContent = tagName(i);
      const status = document.createElement('span');
      status.className = 'item-status';
      const kind = document.createElement('span');
      kind.className = 'item-kind';
      kind.textContent = TAG_KIND_LABEL[f.tagInfo[i] & 3] ?? '';
      text.append(name, status);
      btn.append(icon, text, kind);
      btn.addEventListener('click', () => this.onSelect(i));
      li.append(btn);
      this.list.append(li);
      this.rows.push({ li, btn, status, text: '', order: i });
    }
  }

  update(f: Frame): void {
    const n = f.tagCount;
    this.ensureRows(n, f);
    let located = 0;
    for (let i = 0; i < n; i++) {
      const st = tagStatus(f, i);
      if (st.group < 2) located++;
      const r = this.rows[i];
      if (r.text !== st.text) {
        r.text = st.text;
        r.status.textContent = st.text;
        r.btn.setAttribute('aria-label', `${tagName(i)}: ${st.text}`);
        r.btn.classList.toggle('located', st.group < 2);
      }
      const order = st.group * 100000 + i;
      if (order !== r.order) {
        r.order = order;
        r.li.style.order = String(order);
      }
    }
    this.header.textContent = n ? `${located} of ${n} tag${n === 1 ? '' : 's'} located` : '';
  }

  select(i: number): void {
    this.rows[this.selected]?.btn.classList.remove('selected');
    this.selected = i;
    this.rows[i]?.btn.classList.add('selected');
    this.rows[i]?.btn.setAttribute('aria-current', 'true');
  }

  reset(): void {
    this.list.replaceChildren();
    this.rows = [];
    this.selected = -1;
  }
}
