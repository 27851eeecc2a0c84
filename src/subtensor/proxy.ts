/** Proxies of an account (pallet_proxy): adding, removing, pure proxies, and running an announced call. */
import { amountJson, displayTao } from '../core/amount.js'
import { badInput, failed } from '../core/errors.js'
import type { Chain, TxEvent } from '../node/index.js'
import type { PlanContext, TxIntent } from '../tx/intent.js'
import { readProxies, type ProxyDefinition } from './acting.js'

/** The runtime's ProxyType names (Any, Staking, Transfer …), from the metadata. */
export function proxyTypes(chain: Chain): string[] {
  chain.metadata.requireCall('Proxy', 'add_proxy')
  return chain.metadata.argVariants('Proxy', 'add_proxy', 'proxy_type') ?? []
}

/** A --type as the runtime names it (case-insensitive), or exit 2 listing the runtime's types. */
export function requireProxyType(chain: Chain, type: string): string {
  const types = proxyTypes(chain)
  const hit = types.find((t) => t.toLowerCase() === type.trim().toLowerCase())
  if (!hit)
    throw badInput(`unknown proxy type "${type}" ${chain.metadata.where}; the runtime's types: ${types.join(', ')}`, 'BAD_PROXY_TYPE')
  return hit
}

const proxyJson = (p: ProxyDefinition) => ({ delegate: p.delegate, type: p.type, delay: p.delay })

const bigConst = (chain: Chain, pallet: string, name: string) => BigInt(chain.constant(pallet, name) as bigint)

export interface ProxyChange {
  delegate: string
  type: string
  delay: number
}

/** Proxy.add_proxy: the acting account gives `delegate` the right to sign its calls of `type`. */
export async function planAddProxy(ctx: PlanContext, req: ProxyChange): Promise<TxIntent> {
  const { chain, actor } = ctx
  const type = requireProxyType(chain, req.type)
  if (req.delegate === actor) throw badInput('an account cannot be its own proxy', 'BAD_PROXY')
  const { proxies } = await readProxies(chain, actor)
  if (proxies.some((p) => p.delegate === req.delegate && p.type === type && p.delay === req.delay))
    throw failed(`${req.delegate} is already a ${type} proxy of ${actor} with delay ${req.delay}; nothing was signed`, 'PROXY_EXISTS')
  const max = Number(chain.constant('Proxy', 'MaxProxies'))
  if (proxies.length >= max)
    throw failed(`${actor} already has ${proxies.length} proxies, the runtime's most (MaxProxies); nothing was signed`, 'TOO_MANY_PROXIES')
  const reserve =
    bigConst(chain, 'Proxy', 'ProxyDepositFactor') + (proxies.length === 0 ? bigConst(chain, 'Proxy', 'ProxyDepositBase') : 0n)
  return {
    call: chain.call('Proxy', 'add_proxy', {
      delegate: { type: 'Id', value: req.delegate },
      proxy_type: { type, value: undefined },
      delay: req.delay,
    }),
    summary: `make ${req.delegate} a ${type} proxy of ${actor}${req.delay ? ` with a delay of ${req.delay} blocks` : ''}`,
    preview: [`reserves ${displayTao(reserve)} of ${actor} as the proxy deposit (returned when the proxy is removed)`],
    context: { real: actor, delegate: req.delegate, type, delay: req.delay, deposit: amountJson(reserve) },
    readBack: async () => {
      const now = await readProxies(chain, actor)
      return { proxies: now.proxies.map(proxyJson), totalDeposit: amountJson(now.deposit) }
    },
  }
}

/** Proxy.remove_proxy: the exact (delegate, type, delay) entry, refused before signing when it does not exist. */
export async function planRemoveProxy(ctx: PlanContext, req: ProxyChange): Promise<TxIntent> {
  const { chain, actor } = ctx
  const type = requireProxyType(chain, req.type)
  const { proxies } = await readProxies(chain, actor)
  if (!proxies.some((p) => p.delegate === req.delegate && p.type === type && p.delay === req.delay)) {
    const theirs = proxies.filter((p) => p.delegate === req.delegate)
    throw failed(
      `${req.delegate} is not a ${type} proxy of ${actor} with delay ${req.delay}` +
        (theirs.length ? ` (it is: ${theirs.map((p) => `${p.type}, delay ${p.delay}`).join('; ')})` : '') +
        '; nothing was signed',
      'NOT_PROXY',
    )
  }
  return {
    call: chain.call('Proxy', 'remove_proxy', {
      delegate: { type: 'Id', value: req.delegate },
      proxy_type: { type, value: undefined },
      delay: req.delay,
    }),
    summary: `remove ${req.delegate} as a ${type} proxy of ${actor}`,
    context: { real: actor, delegate: req.delegate, type, delay: req.delay },
    readBack: async () => {
      const now = await readProxies(chain, actor)
      return { proxies: now.proxies.map(proxyJson), totalDeposit: amountJson(now.deposit) }
    },
  }
}

/** Proxy.create_pure: a new keyless account whose only proxy (of `type`) is the acting account. */
export async function planCreatePure(ctx: PlanContext, req: { type: string; delay: number; index: number }): Promise<TxIntent> {
  const { chain, actor } = ctx
  const type = requireProxyType(chain, req.type)
  const reserve = bigConst(chain, 'Proxy', 'ProxyDepositBase') + bigConst(chain, 'Proxy', 'ProxyDepositFactor')
  return {
    call: chain.call('Proxy', 'create_pure', { proxy_type: { type, value: undefined }, delay: req.delay, index: req.index }),
    summary: `create a pure proxy account controlled by ${actor} (${type})`,
    preview: [
      `reserves ${displayTao(reserve)} of ${actor}; the new account has no key: only ${actor} can act for it (--proxy), and only \`tao proxy kill\` run through it removes it`,
    ],
    context: { spawner: actor, type, delay: req.delay, index: req.index },
    fromEvents: (events: TxEvent[]) => {
      const e = events.find((x) => x.pallet === 'Proxy' && x.name === 'PureCreated')?.data as { pure?: string } | undefined
      return { pure: e?.pure ?? null }
    },
    describe: (report) =>
      report.pure
        ? `pure proxy ${report.pure} created at block ${report.block} (extrinsic index ${report.index}); keep both: \`tao proxy kill\` needs them`
        : undefined,
  }
}

/** Proxy.kill_pure: run as the pure account (through --proxy PURE), removing it and returning the spawner's deposit. */
export async function planKillPure(
  ctx: PlanContext,
  req: { spawner: string; type: string; index: number; height: number; extIndex: number },
): Promise<TxIntent> {
  const { chain, actor } = ctx
  const type = requireProxyType(chain, req.type)
  return {
    call: chain.call('Proxy', 'kill_pure', {
      spawner: { type: 'Id', value: req.spawner },
      proxy_type: { type, value: undefined },
      index: req.index,
      height: req.height,
      ext_index: req.extIndex,
    }),
    summary: `remove the pure proxy account ${actor} created by ${req.spawner}`,
    preview: ['anything left in the pure account is lost for good'],
    context: { pure: actor, spawner: req.spawner, type, index: req.index, height: req.height, extIndex: req.extIndex },
    confirmPhrase: { prompt: `Type "kill" to remove ${actor} for good:`, answer: 'kill' },
  }
}

/** A call given as call data (from `--announce-only`'s JSON), to be run as the real account through --proxy. */
export async function planAnnouncedCall(ctx: PlanContext, callData: string): Promise<TxIntent> {
  const { chain } = ctx
  let decoded
  try {
    decoded = chain.metadata.decodeCall(callData)
  } catch (err) {
    throw badInput(`--call-data is not a call of this runtime ${chain.metadata.where}: ${(err as Error).message}`, 'BAD_CALL_DATA')
  }
  const call = chain.call(decoded.pallet, decoded.name, decoded.args)
  if (call.callData.toLowerCase() !== callData.toLowerCase()) throw badInput('--call-data has bytes after the call', 'BAD_CALL_DATA')
  return { call, summary: `run the announced ${decoded.pallet}.${decoded.name}` }
}
