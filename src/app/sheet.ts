/**
 * The side panel with its tabs (Tags, Scenario, Charts, Sweeps). On a desktop it is a column on
 * the right; on a phone it is a bottom sheet that sits at "peek" height and can be
 * dragged or tapped up to "full" (and back).
 */
export type TabId = 'tags' | 'scenario' | 'charts' | 'sweeps';
export const PHONE_QUERY = '(max-width: 700px)';

export class Sheet {
  private readonly tabs = new Map<TabId, { btn: HTMLButtonElement; body: HTMLElement }>();
  current: TabId;
  onTab: (t: TabId) => void = () => {};

  constructor(
    private readonly el: HTMLElement,
    private readonly handle: HTMLElement,
    initial: TabId,
  ) {
    for (const btn of el.querySelectorAll<HTMLButtonElement>('[role="tab"]')) {
      const id = btn.dataset.tab as TabId;
      const body = document.getElementById(btn.getAttribute('aria-controls')!)!;
      this.tabs.set(id, { btn, body });
      btn.addEventListener('click', () => {
        this.show(id);
        if (this.isPhone && this.state === 'peek') this.setState('full');
      });
    }
    this.current = initial;
    this.show(initial);
    this.setState('peek');
    this.bindHandle();
  }

  get isPhone(): boolean {
    return window.matchMedia(PHONE_QUERY).matches;
  }

  get state(): 'peek' | 'full' {
    return this.el.dataset.sheet === 'full' ? 'full' : 'peek';
  }

  setState(s: 'peek' | 'full'): void {
    this.el.dataset.sheet = s;
    this.el.style.removeProperty('height');
    this.handle.setAttribute('aria-expanded', String(s === 'full'));
    this.handle.setAttribute('aria-label', s === 'full' ? 'Collapse panel' : 'Expand panel');
  }

  show(id: TabId): void {
    this.current = id;
    for (const [k, { btn, body }] of this.tabs) {
      const on = k === id;
      btn.setAttribute('aria-selected', String(on));
      btn.tabIndex = on ? 0 : -1;
      body.hidden = !on;
    }
    this.onTab(id);
  }

  private bindHandle(): void {
    const h = this.handle;
    let start: { y: number; height: number } | undefined;
    let dragged = false;
    h.addEventListener('pointerdown', (e) => {
      if (!this.isPhone) return;
      start = { y: e.clientY, height: this.el.getBoundingClientRect().height };
      dragged = false;
      h.setPointerCapture(e.pointerId);
    });
    h.addEventListener('pointermove', (e) => {
      if (!start) return;
      const dy = e.clientY - start.y;
      if (Math.abs(dy) > 6) dragged = true;
      if (dragged) this.el.style.height = `${Math.max(120, Math.min(window.innerHeight * 0.9, start.height - dy))}px`;
    });
    const end = (e: PointerEvent) => {
      if (!start) return;
      const dy = e.clientY - start.y;
      start = undefined;
      if (!dragged) this.setState(this.state === 'full' ? 'peek' : 'full');
      else this.setState(dy < 0 ? 'full' : 'peek');
    };
    h.addEventListener('pointerup', end);
    h.addEventListener('pointercancel', end);
    h.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        e.stopPropagation();
        this.setState(this.state === 'full' ? 'peek' : 'full');
      }
    });
  }
}
