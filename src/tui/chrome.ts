/**
 * The lines around the table, as pure functions of the state and the width: the status line (block,
 * time since the last update, the subnet's epoch countdown, the connection), the banner of a lost
 * connection, the view tabs, the one-line key help and the help screen. Parts that do not fit are
 * dropped or shortened, never wrapped.
 */
import { age, clip } from './format.js'
import type { Connection, FollowMode } from './source.js'
import type { UiState, ViewName } from './state.js'

/** Join the parts that fit in `width` (separated by '  '), dropping the lowest priority (highest number) first. */
export function fitParts(parts: readonly { text: string; priority: number }[], width: number, sep = '  '): string {
  const kept = parts.filter((p) => p.text !== '')
  const len = () => kept.reduce((n, p) => n + [...p.text].length, 0) + sep.length * Math.max(0, kept.length - 1)
  while (len() > width && kept.some((p) => p.priority > 1)) {
    let drop = 0
    kept.forEach((p, i) => {
      if (p.priority >= kept[drop]!.priority) drop = i
    })
    kept.splice(drop, 1)
  }
  return clip(kept.map((p) => p.text).join(sep), width)
}

export interface StatusInput {
  network: string
  follow: FollowMode
  block: number | null
  /** Milliseconds since the last update, or null before the first. */
  sinceUpdate: number | null
  /** The subnet in view and the blocks to its next epoch. */
  epoch: { netuid: number; blocks: number | null } | null
  connection: Connection
}

export function statusLine(s: StatusInput, width: number): string {
  const conn = s.connection.state === 'live' ? '● live' : s.connection.state === 'connecting' ? '○ connecting' : '✕ offline'
  const block = s.block === null ? 'waiting for a block' : `block #${s.block}`
  return fitParts(
    [
      { text: 'tao watch', priority: 6 },
      { text: s.network, priority: 4 },
      { text: block, priority: 1 },
      { text: s.follow === 'best' ? '(best)' : '(finalized)', priority: 5 },
      { text: s.sinceUpdate === null ? '' : `${age(s.sinceUpdate)} ago`, priority: 1 },
      {
        text:
          s.epoch === null
            ? ''
            : s.epoch.blocks === null
              ? `SN${s.epoch.netuid} no epochs`
              : `SN${s.epoch.netuid} epoch in ${s.epoch.blocks} blk`,
        priority: 2,
      },
      { text: conn, priority: 3 },
    ],
    width,
  )
}

/** The banner shown while the connection is lost (null when it is not). */
export function connectionBanner(c: Connection, now: number, width: number): string | null {
  if (c.state !== 'lost') return null
  const retry = Math.max(0, Math.ceil((c.retryAt - now) / 1000))
  return fitParts(
    [
      { text: `connection lost ${age(now - c.since)} ago`, priority: 1 },
      { text: `(${c.reason})`, priority: 3 },
      { text: retry === 0 ? `reconnecting (attempt ${c.attempt})…` : `retrying in ${retry}s (attempt ${c.attempt})`, priority: 1 },
      { text: '· last data kept on screen', priority: 2 },
    ],
    width,
    ' ',
  )
}

const VIEW_TITLES: Record<ViewName, (netuid: number | null) => [string, string]> = {
  subnets: () => ['1 Subnets', '1 Subnets'],
  metagraph: (n) => [n === null ? '2 Metagraph' : `2 Subnet ${n}`, n === null ? '2 SN' : `2 SN${n}`],
  stake: () => ['3 My stake', '3 Stake'],
}

/** Tabs, filter and toggles; the current view is returned separately so that it can be highlighted. */
export function tabsLine(ui: UiState, width: number): { before: string; current: string; after: string } {
  const short = width < 100
  const names = (['subnets', 'metagraph', 'stake'] as const).map((v) => VIEW_TITLES[v](ui.netuid)[short ? 1 : 0])
  const i = ['subnets', 'metagraph', 'stake'].indexOf(ui.view)
  const filter = ui.tables[ui.view].filter
  const extras = [
    ui.editingFilter ? `/${filter}▏` : filter ? `/${filter}` : '',
    ui.validatorsOnly && ui.view === 'metagraph' ? '[validators]' : '',
    ui.mineOnly ? '[mine]' : '',
  ]
    .filter(Boolean)
    .join(' ')
  const before = names
    .slice(0, i)
    .map((n) => ` ${n} `)
    .join('│')
  const current = ` ${names[i]} `
  const after =
    names
      .slice(i + 1)
      .map((n) => ` ${n} `)
      .join('│') + (extras ? '  ' + extras : '')
  const sepBefore = before ? before + '│' : ''
  const sepAfter = i < 2 ? '│' + after : after
  const total = [...(sepBefore + current + sepAfter)].length
  if (total <= width) return { before: sepBefore, current, after: sepAfter }
  return { before: '', current: clip(current, width), after: clip(extras ? ' ' + extras : '', Math.max(0, width - [...current].length)) }
}

const KEY_HELP = [
  '↑↓/jk move  PgUp/PgDn page  / filter  s sort  S reverse  v validators  m mine  enter details  tab view  ? help  q quit',
  '↑↓/jk move · PgUp/Dn · / filter · s/S sort · v valid · m mine · ⏎ detail · tab view · ? help · q quit',
  'jk move PgUp/Dn /filter s/S sort v val m mine ⏎ info tab ? q',
  'jk / s S v m ⏎ tab ?help q',
]
const FILTER_HELP = [
  'typing a filter: a uid or netuid, or part of a hotkey, coldkey or name · enter keep · esc clear',
  'filter: uid, hotkey, coldkey · enter keep · esc clear',
  'enter keep · esc clear',
]

/** The one-line key help: the longest form that fits. */
export function keyHelpLine(ui: Pick<UiState, 'editingFilter' | 'help'>, width: number): string {
  const forms = ui.editingFilter ? FILTER_HELP : ui.help ? ['any key closes the help · q quits'] : KEY_HELP
  return clip(forms.find((f) => [...f].length <= width) ?? forms[forms.length - 1] ?? '', width)
}

/** The help screen for a width: two columns of keys where they fit, one otherwise. */
export const helpLines = (width: number): readonly string[] => (width >= 104 ? HELP_LINES : HELP_LINES_NARROW)

const HELP_LINES_NARROW = [
  'tao watch follows the chain block by block.',
  '',
  '  ↑ ↓ j k     move             PgUp PgDn  page',
  '  g G         first / last     tab 1 2 3  switch view',
  '  /           filter: uid, netuid, part of a key or name',
  '  s S         next sort column / reverse',
  '  v m         validators only / local wallets only',
  '  enter       subnet → metagraph · UID → details',
  '  esc         close details / clear the filter',
  '  ?  q        this help / quit (also Ctrl-C)',
  '',
  'Marks: > selected  * local key  + registered  ~ replaced',
  'After a value: + up, - down since the previous block.',
]

export const HELP_LINES = [
  'tao watch follows the chain block by block (finalized blocks; --best for best blocks).',
  '',
  '  ↑ ↓  j k       move the selection          PgUp PgDn    a page up / down',
  '  g G  Home End  first / last row            tab  1 2 3   switch view (shift-tab back)',
  '  /              filter: a uid (netuid), or part of a hotkey, coldkey or name',
  '  s              sort by the next column     S            reverse the sort',
  "  v              validators only             m            only the local wallets' keys",
  '  enter          subnet → its metagraph · UID → details (sparklines over this session)',
  '  esc            close the detail pane / clear the filter',
  '  ?              this help                   q  Ctrl-C    quit',
  '',
  "Marks: > selected   * a local wallet's key   + registered   ~ replaced (another hotkey on the UID)",
  'A value followed by + went up since the previous block, by - went down (green and red in colour).',
  'Columns that do not fit are dropped (least useful first) and keys shortened; widen the terminal for more.',
]
