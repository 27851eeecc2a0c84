/**
 * Every example a person can copy (README.md's shell blocks and every command's `static examples`, which the
 * man pages and --help show) runs as written: against one local chain, in a fresh home with prepared wallets,
 * placeholders (`5F…`, `0x…`, `...`) filled with real values. All are first parsed with their command's own
 * flags (no usage error), then each is run; one that needs a terminal is run in one (util-linux `script`),
 * answering its confirmation and password prompts.
 *
 * The chain holds what the examples assume, made in beforeAll through the node client and storage writes (the
 * SCENE below): wallet `owner` owns subnets 2 and 3 (pools seeded), its hotkey `miner` is registered on subnet 2
 * and `validator` on 2 and 3; wallet `senator`'s hotkey `senate` sits in the senate. No example depends on
 * another having run: what one needs beyond the scene (stake to move or unstake, a commit to reveal, an open
 * proposal, a hotkey not yet registered, commit-reveal on or off) is made right before it (`prepare`), so the
 * order of the examples does not matter. Those that only read (or touch only their own home) run side by
 * side; those that sign, submit, start or watch a chain run one at a time. The few that cannot run say why in
 * NOT_RUN; those the local runtime cannot do are in RUNTIME_LACKS and must be refused, nothing signed.
 */
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { constants, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Config } from '@oclif/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hoistGlobalFlags } from '../../src/cli/argv.js'
import { signerOf } from '../../src/node/keypair-signer.js'
import { generateMnemonic, keypairFromMnemonic, keypairFromUri, sign } from '../../src/keystore/keys.js'
import type { Chain } from '../../src/node/index.js'
import { prepareKey, saveKeys } from '../../src/wallet/store.js'
import { cleanEnv, repoRoot, runTao, taoBin, type TaoResult } from '../helpers/cli.js'
import { startLocalnet, type Localnet } from '../helpers/localnet.js'
import { addStake, advanceTo, connectNode, createSubnet, registerHotkey, seedPool, setSubnetItems, submit } from '../helpers/subnet-setup.js'

const PASSWORD = 'examples test password 1!'
const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk'
const BOB = '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'
const CHARLIE = '5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y'
const TAO = 1_000_000_000n
/** What every funded account holds before each example (an earlier one may have sent everything with `--all`). */
const FUNDS = 1000n * TAO

/** The wallets the examples name (wallet, its first hotkey): coldkeys encrypted with PASSWORD, hotkeys not (as usual). */
const WALLETS = [
  ['default', 'default'],
  ['miner', 'h1'],
  ['owner', 'default'],
  ['senator', 'senate'],
  ['retiring', 'default'],
] as const
/** The examples' subnets: both owned by `owner` (owner hotkey `default`, UID 0), `miner` on 2 (UID 1), `validator` on both (UID 2 on 2). */
const SCENE = {
  subnets: [2, 3],
  extraHotkeys: { owner: ['miner', 'validator'] },
  registered: [
    [2, 'miner'],
    [2, 'validator'],
    [3, 'validator'],
  ],
  /**
   * 240,000 TAO against 160,000 alpha (1.5 TAO per alpha): a new subnet's pool holds 1 rao of each, which prices
   * nothing sensibly. The examples' trades (staking all of FUNDS, selling 5 alpha) must stay within the default
   * tolerance spec 218 cannot enforce, and the pool's constant (TAO × alpha in rao, an I96F32 in the runtime)
   * below 2^95, where the runtime's swap arithmetic saturates and pays far less.
   */
  pool: { tao: 240_000n * TAO, alpha: 160_000n * TAO },
  /** The burn of a subnet an example registers on: below the `--max-burn 1.5` an example gives. */
  burn: 1n * TAO,
  /** Subnet 2 runs an epoch every 11 blocks (not 361), so a commit's reveal window is a few seconds of blocks away. */
  weightsSubnet: { netuid: 2, Tempo: 10, RevealPeriodEpochs: 1 },
} as const
/** Stake put on the hotkey before an example moves or unstakes some (it may have been moved away before). */
const STAKE_BEFORE_MOVE = 10n * TAO
/** Proposals live this many blocks (at least the runtime's motion duration). */
const MOTION_BLOCKS = 100_000

/** Examples that are parsed but not run, and why. */
const NOT_RUN: Record<string, string> = {
  'tao localnet start': 'runs in the foreground on port 9944 until Ctrl-C; the chain of this test is `tao localnet start --port 0 --json`',
  'tao localnet start --port 0 --json': 'this is how the test starts its own chain (test/helpers/localnet.ts)',
  'tao localnet start --detach --fund 5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV=250':
    "port 9944 may be another engineer's chain on this machine; the README's --detach example runs instead",
  'tao localnet start --fork finney': 'needs the internet (forks mainnet)',
  'tao localnet start --fork finney   # a private, lazily forked copy of mainnet to rehearse on': 'needs the internet (forks mainnet)',
  'tao localnet start                 # ws://127.0.0.1:9944, Alice…Ferdie funded, Alice sudo, rate limits relaxed':
    'runs in the foreground on port 9944 until Ctrl-C',
  'tao localnet start --runtime 300': 'runs in the foreground on port 9944 until Ctrl-C; test/spec300/live.test.ts starts its spec-300 chain with `--runtime 300 --port 0 --json`',
  'tao localnet start --runtime 300   # the newer runtime: typed runtime APIs, limit staking, crowdloans, liquidity':
    'runs in the foreground on port 9944 until Ctrl-C; test/spec300/live.test.ts starts its spec-300 chain with `--runtime 300 --port 0 --json`',
  'tao watch --network local': 'a full-screen UI that runs until q: test/tui/watch.test.ts runs it in a real terminal (tmux) against the local chain',
  'tao watch --netuid 1 --network local': 'a full-screen UI that runs until q: test/tui/watch.test.ts runs it in a real terminal (tmux) against the local chain',
  'tao watch --netuid 1 --best --network local':
    'a full-screen UI that runs until q: test/tui/watch.test.ts runs it in a real terminal (tmux) against the local chain',
  'tao proxy kill -w owner --proxy 5Pure… --spawner 5Owner… --type Any --height 12 --ext-index 1 -y':
    "needs a pure proxy's own creation block and extrinsic index (`proxy create` reports them); not run live yet",
  'tao proxy execute -w delegate --proxy 5Real… --call-data 0x0503…': 'needs a call announced by a delayed proxy whose delay has passed; not run live yet',
  'tao multisig cancel -w alice --signatories 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY,5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty --threshold 2 --call-hash 0x…':
    'needs an operation the signer opened: test/chain/proxy-multisig.test.ts opens one and cancels it',
}

/** Examples run by another test, as they must be (from an installed package), and where. */
const RUN_ELSEWHERE: Record<string, string> = {
  'tao --version && man tao-wallet-create && tao autocomplete':
    'the README runs it after `npm install -g` of the packed tarball: test/install/pack.test.ts installs it and runs --version, man and completion',
}

/** Examples that run but end with another exit code than 0, and why that is right. */
const EXIT_CODE: Record<string, [number, string]> = {
  'tao localnet stop': [1, 'nothing runs in a fresh state directory: "no localnet is running" is the documented exit 1'],
  'tao axon reset -w owner -H validator --netuid 2': [2, 'spec 218 refuses a zero IP (InvalidIpAddress): the documented refusal, naming the spec, nothing signed'],
}

/**
 * Examples of calls the local runtime (spec 218) lacks but mainnet has: each runs and must be refused before
 * anything is signed (exit 2, the call and the spec named, the signer's nonce unchanged). The test fails once
 * the local runtime has the call: then the example must run for real. A call is named as SubtensorModule's
 * (`add_stake_limit`) or as `Pallet.call`; a reading command of a pallet the runtime lacks names the pallet.
 */
const RUNTIME_LACKS: Record<string, string> = {
  'tao crowd list': 'Crowdloan',
  'tao crowd list --status active --json': 'Crowdloan',
  'tao crowd info --id 0': 'Crowdloan',
  'tao crowd info --id 0 --json': 'Crowdloan',
  'tao crowd contributors --id 0': 'Crowdloan',
  'tao crowd contributors --id 0 --json': 'Crowdloan',
  'tao crowd create -w owner --deposit 10 --min-contribution 1 --cap 100 --duration 7200 --target-address 5F…': 'Crowdloan.create',
  'tao crowd create -w owner --deposit 10 --min-contribution 0.1 --cap 50 --end 120000 -y --json': 'Crowdloan.create',
  'tao crowd contribute -w miner --id 0 --amount 5': 'Crowdloan.contribute',
  'TAO_PASSWORD=… tao crowd contribute -w miner --id 0 --amount 5 -y --json': 'Crowdloan.contribute',
  'tao crowd withdraw -w miner --id 0': 'Crowdloan.withdraw',
  'TAO_PASSWORD=… tao crowd withdraw -w miner --id 0 -y --json': 'Crowdloan.withdraw',
  'tao crowd update -w owner --id 0 --cap 200': 'Crowdloan.update_cap',
  'tao crowd update -w owner --id 0 --end 150000 -y --json': 'Crowdloan.update_end',
  'tao crowd finalize -w owner --id 0': 'Crowdloan.finalize',
  'TAO_PASSWORD=… tao crowd finalize -w owner --id 0 -y --json': 'Crowdloan.finalize',
  'tao crowd refund -w owner --id 0': 'Crowdloan.refund',
  'TAO_PASSWORD=… tao crowd refund -w owner --id 0 -y --json': 'Crowdloan.refund',
  'tao crowd dissolve -w owner --id 0': 'Crowdloan.dissolve',
  'TAO_PASSWORD=… tao crowd dissolve -w owner --id 0 -y --json': 'Crowdloan.dissolve',
  'tao liquidity add -w owner -H miner --netuid 2 --liquidity 10 --price-low 0.01 --price-high 0.1': 'Swap',
  'tao liquidity add -w owner --hotkey-ss58 5F… --netuid 2 --liquidity 10 --price-low 0.5 --price-high 2 -y --json': 'Swap',
  'tao liquidity list -w owner --netuid 2': 'Swap',
  'tao liquidity list --ss58 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY --netuid 2 --json': 'Swap',
  'tao liquidity modify -w owner -H miner --netuid 2 --position-id 3 --liquidity-delta 5': 'Swap',
  'tao liquidity modify -w owner -H miner --netuid 2 --position-id 3 --liquidity-delta=-2.5 -y --json   # a negative value after =': 'Swap',
  'tao liquidity disable -w owner --netuid 2': 'Swap',
  'tao liquidity disable -w owner --netuid 2 -y --json': 'Swap',
  'tao liquidity remove -w owner -H miner --netuid 2 --position-id 3': 'Swap',
  'tao liquidity remove -w owner -H miner --netuid 2 --position-id 3 -y --json': 'Swap',
  'tao liquidity enable -w owner --netuid 2': 'Swap',
  'tao liquidity enable -w owner --netuid 2 -y --json': 'Swap',
  'tao subnets start -w owner --netuid 2': 'start_call',
  'tao subnets start -w owner --netuid 2 -y --json': 'start_call',
  'tao subnets set-symbol -w owner --netuid 2 --symbol β': 'update_symbol',
  'tao subnets set-symbol -w owner --netuid 2 --symbol γ -y --json': 'update_symbol',
  'tao stake add -w owner --hotkey-ss58 5F… --netuid 2 --amount 10 --tolerance 1% --allow-partial -y --json': 'add_stake_limit',
  'tao stake remove -w owner --hotkey-ss58 5F… --all': 'unstake_all',
  'tao stake swap -w owner -H miner --origin-netuid 2 --dest-netuid 3 --amount 5': 'swap_stake',
  'tao stake swap -w owner -H miner --origin-netuid 2 --dest-netuid 3 --all --tolerance 1% -y --json': 'swap_stake',
  'tao stake transfer -w owner -H miner --origin-netuid 2 --dest-coldkey 5F… --amount 5': 'transfer_stake',
  'tao stake transfer -w owner -H miner --origin-netuid 2 --dest-netuid 3 --dest-coldkey 5F… --all -y --json': 'transfer_stake',
  'tao weights set -w owner -H validator --netuids 2,3 --uids "0,1;0,2" --weights "1,1;3,1"': 'batch_set_weights',
}

/**
 * Examples that run until Ctrl-C, and the view they print (its first group: the block it shows). Each runs
 * until it has printed the view, a block is built, it has printed the view again for the new block; then it
 * gets SIGINT and must exit 130.
 */
const UNTIL_CTRL_C: Record<string, RegExp> = { 'tao chain info --watch': /^Block\s+#([\d,]+) best/gm }

/** What a command before a pipe would print (the test stands in for it). */
const PRODUCERS: Record<string, string> = { 'pass show tao/owner': DEV_PHRASE + '\n' }

interface Example {
  where: string
  text: string
}

function readmeExamples(): Example[] {
  const lines = readFileSync(join(repoRoot, 'README.md'), 'utf8').split('\n')
  const out: Example[] = []
  let inShell = false
  lines.forEach((line, i) => {
    if (/^```(sh|bash|shell)\s*$/.test(line)) inShell = true
    else if (line.startsWith('```')) inShell = false
    else if (inShell && /^(\w+=\S*\s+)*tao\s/.test(line)) out.push({ where: `README.md:${i + 1}`, text: line.trim() })
  })
  return out
}

function commandExamples(): Example[] {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'oclif.manifest.json'), 'utf8'))
  return Object.entries<any>(manifest.commands)
    .filter(([, c]) => !c.hidden)
    .flatMap(([id, c]) =>
      (c.examples ?? []).map((e: string | { command: string }) => ({
        where: `${id.split(':').join(' ')} (static examples)`,
        // oclif's own plugins write their examples as a shell prompt: `$ <%= config.bin %> autocomplete`.
        text: (typeof e === 'string' ? e : e.command).replace(/<%= config.bin %>/g, 'tao').trim().replace(/^\$\s+/, ''),
      })),
    )
}

/** One simple command of a shell line: env assignments, words, where stdout goes, what stdin gets. */
interface Step {
  env: Record<string, string>
  words: string[]
  stdoutTo?: string
  stdin?: string
}

/** A small shell reader for example lines: quotes, `|`, `&&`, `>`, `#` comments (`# then: CMD` runs CMD next). */
function parseShellLine(line: string): Step[] {
  const tokens: Array<{ op?: string; word?: string }> = []
  let i = 0
  let comment = ''
  while (i < line.length) {
    const c = line[i]!
    if (/\s/.test(c)) {
      i++
    } else if (c === '#') {
      comment = line.slice(i + 1).trim()
      break
    } else if (line.startsWith('&&', i) || c === '|' || c === '>' || c === ';') {
      const op = line.startsWith('&&', i) ? '&&' : c
      tokens.push({ op })
      i += op.length
    } else {
      let word = ''
      while (i < line.length && !/[\s|>;]/.test(line[i]!) && !line.startsWith('&&', i)) {
        const q = line[i]!
        if (q === '"' || q === "'") {
          const end = line.indexOf(q, i + 1)
          word += line.slice(i + 1, end)
          i = end + 1
        } else word += line[i++]
      }
      tokens.push({ word })
    }
  }
  const steps: Step[] = []
  let cur: Step = { env: {}, words: [] }
  let pipedFrom: string | undefined
  for (let t = 0; t < tokens.length; t++) {
    const tok = tokens[t]!
    if (tok.op === '>') cur.stdoutTo = tokens[++t]!.word
    else if (tok.op === '|') {
      pipedFrom = cur.words.join(' ')
      cur = { env: {}, words: [] }
    } else if (tok.op) {
      steps.push(cur)
      cur = { env: {}, words: [] }
    } else if (cur.words.length === 0 && /^\w+=/.test(tok.word!)) {
      const [k, ...v] = tok.word!.split('=')
      cur.env[k!] = v.join('=')
    } else {
      if (pipedFrom !== undefined && cur.words.length === 0) {
        if (!(pipedFrom in PRODUCERS)) throw new Error(`the test does not know what "${pipedFrom}" prints: add it to PRODUCERS`)
        cur.stdin = PRODUCERS[pipedFrom]
        pipedFrom = undefined
      }
      cur.words.push(tok.word!)
    }
  }
  steps.push(cur)
  const then = /^then:\s*(tao\s.*)$/.exec(comment)
  return [...steps.filter((s) => s.words.length > 0), ...(then ? parseShellLine(then[1]!) : [])]
}

describe('every README and command example', () => {
  let net: Localnet
  let chain: Chain
  let config: Config
  let root: string
  let template: string
  let metadataBytes: Buffer
  let exportJson: string
  /** Each wallet's coldkey: its address and its mnemonic (a secret URI for the set-up's own transactions). */
  const coldkeys: Record<string, { ss58: string; uri: string }> = {}
  /** Hotkey addresses by "wallet/hotkey". */
  const hotkeys: Record<string, string> = {}
  /** The open proposal a vote example votes on (a new one is made right before each). */
  let proposal = '0x' + '00'.repeat(32)
  let proposals = 0
  const alice = keypairFromUri('//Alice')
  const helloSignature = '0x' + Buffer.from(sign(alice, new TextEncoder().encode('hello'))).toString('hex')
  const examples = [...readmeExamples(), ...commandExamples()]
  const hotkey = (wallet: string, name: string): string => {
    const ss58 = hotkeys[`${wallet}/${name}`]
    if (!ss58) throw new Error(`the scene has no hotkey "${name}" in wallet "${wallet}"`)
    return ss58
  }
  /** Accounts topped up before each example: the coldkeys, and the validator hotkey (it pays for its weights). */
  const funded = () => [...Object.values(coldkeys).map((c) => c.ss58), hotkey('owner', 'validator')]

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'tao-examples-'))
    config = await Config.load(repoRoot)
    template = join(root, 'template')
    const wallets = join(template, '.bittensor', 'wallets')
    // Each coldkey's argon2i takes seconds: make them side by side.
    await Promise.all(
      WALLETS.map(async ([name, hot]) => {
        const r = await runTao(['wallet', 'create', '--wallet-path', wallets, '-w', name, '-H', hot, '--no-prompt', '--json'], {
          env: { TAO_PASSWORD: PASSWORD },
          timeoutMs: 300_000,
        })
        expect(r.code, r.stderr).toBe(0)
        coldkeys[name] = { ss58: r.json.coldkey.ss58, uri: r.json.coldkey.mnemonic }
        hotkeys[`${name}/${hot}`] = r.json.hotkey.ss58
      }),
    )
    for (const [wallet, names] of Object.entries(SCENE.extraHotkeys)) {
      const keys = names.map((name) => ({ name, keypair: keypairFromMnemonic(generateMnemonic()) }))
      await saveKeys({ root: wallets, name: wallet }, await Promise.all(keys.map((k) => prepareKey({ kind: 'hotkey', name: k.name }, k.keypair))), { overwrite: false })
      for (const k of keys) hotkeys[`${wallet}/${k.name}`] = k.keypair.ss58
    }

    net = await startLocalnet({ fund: Object.fromEntries(funded().map((a) => [a, FUNDS])) })
    chain = await connectNode(net.endpoint)
    metadataBytes = Buffer.from((await net.rpc('state_getMetadata')).slice(2), 'hex')
    await buildScene()
    const { Keyring } = await import('@polkadot/keyring')
    const { cryptoWaitReady } = await import('@polkadot/util-crypto')
    await cryptoWaitReady()
    exportJson = JSON.stringify(new Keyring({ type: 'sr25519' }).addFromUri('//Ferdie').toJson('export pw'))
  }, 600_000)
  afterAll(async () => {
    chain?.close()
    await net?.stop()
    if (root) rmSync(root, { recursive: true, force: true })
  })

  /** The chain state the examples assume (see SCENE). */
  async function buildScene(): Promise<void> {
    const owner = coldkeys.owner!.uri
    for (const netuid of SCENE.subnets) {
      expect(await createSubnet(chain, { owner, hotkey: hotkey('owner', 'default') }), 'the examples name subnets 2 and 3').toBe(netuid)
      await seedPool(net, netuid, SCENE.pool)
    }
    for (const [netuid, name] of SCENE.registered) await registerHotkey(chain, netuid, { coldkey: owner, hotkey: hotkey('owner', name) })
    expect(await chain.storage('SubtensorModule', 'Uids', 2, hotkey('owner', 'validator')), 'the weights examples name UIDs 0, 1 and 2').toBe(2)
    const { netuid, ...items } = SCENE.weightsSubnet
    await setSubnetItems(net, netuid, items)
    // The senate: senator's hotkey `senate`, owned on chain by senator's coldkey; Alice and Bob may propose.
    const senate = hotkey('senator', 'senate')
    const triumvirate = [alice.ss58, BOB]
    await net.setStorage({
      Triumvirate: { Members: triumvirate },
      TriumvirateMembers: { Members: triumvirate },
      SenateMembers: { Members: [senate] },
      SubtensorModule: { Owner: [[[senate], coldkeys.senator!.ss58]] },
    })
    await net.newBlock()
  }

  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThan(30)
    expect(examples.map((e) => e.text)).toContain('tao --network local wallet balance # in another terminal')
    for (const table of [NOT_RUN, EXIT_CODE, RUNTIME_LACKS, UNTIL_CTRL_C]) for (const text of Object.keys(table)) expect(examples.map((e) => e.text), 'a stale entry').toContain(text)
  })

  it('every example parses with its command’s own flags', async () => {
    const home = mkdtempSync(join(root, 'parse-'))
    const ctx = { home, cwd: home, producesTxHex: true }
    await Promise.all(examples.filter((e) => !RUN_ELSEWHERE[e.text]).map(async (e) => {
      for (const step of parseShellLine(e.text)) {
        expect(step.words[0], e.text).toBe('tao')
        await parseWith(hoistGlobalFlags(await fill(step.words.slice(1), ctx)))
      }
    }))
  })

  // Many examples unlock an encrypted coldkey (argon2i, seconds on a busy machine) and run the CLI once or twice.
  // Those that only read run side by side; those that write to the chain (or start or watch one) one at a time.
  const [together, alone] = [examples.filter((e) => !runsAlone(e)), examples.filter(runsAlone)]
  const named = (list: Example[]) => list.map((e) => [`${e.where}: ${e.text}`, e] as const)
  it.concurrent.each(named(together))('%s', { timeout: 300_000 }, (_, example) => runExample(example))
  it.each(named(alone))('%s', { timeout: 300_000 }, (_, example) => runExample(example))

  async function runExample(example: Example): Promise<void> {
    const home = mkdtempSync(join(root, 'home-'))
    cpSync(template, home, { recursive: true })
    const cwd = join(home, 'work')
    mkdirSync(cwd)
    for (const d of ['config', 'state']) mkdirSync(join(home, d))
    const env = {
      HOME: home,
      TAO_CONFIG_DIR: join(home, 'config'),
      TAO_STATE_DIR: join(home, 'state'),
      TAO_NETWORK: net.endpoint,
      TAO_PASSWORD: PASSWORD,
      TAO_NEW_PASSWORD: PASSWORD + ' new',
      TAO_JSON_PASSWORD: 'export pw',
    }
    // Files the examples read.
    for (const f of [join(cwd, 'words.txt'), join(home, 'backup', 'words.txt')]) {
      mkdirSync(join(f, '..'), { recursive: true })
      writeFileSync(f, DEV_PHRASE + '\n')
    }
    writeFileSync(join(home, '.pw'), PASSWORD + '\n')
    writeFileSync(join(cwd, 'export.json'), exportJson)
    writeFileSync(join(cwd, 'runtime.scale'), metadataBytes)
    await topUp()

    const steps = parseShellLine(example.text)
    expect(steps.length, 'no tao command in the example').toBeGreaterThan(0)
    try {
      await runSteps(example.text, steps, { home, cwd, env })
    } finally {
      // A chain an example started in the background is stopped even when the example failed half-way.
      if (steps.some((s) => s.words.includes('localnet') && s.words.includes('--detach'))) await runTao(['localnet', 'stop'], { env, cwd })
    }
  }

  /** Run the example's commands one after the other, as a shell would (`&&`, `|`, `>`). */
  async function runSteps(text: string, steps: Step[], { home, cwd, env }: { home: string; cwd: string; env: Record<string, string> }): Promise<void> {
    if (RUN_ELSEWHERE[text]) return
    for (const step of steps) {
      expect(step.words[0]).toBe('tao')
      const ctx = { home, cwd, producesTxHex: steps.some((s) => s.stdoutTo === 'tx.hex') }
      const { id, flags, signs } = await parseWith(hoistGlobalFlags(await fill(step.words.slice(1), ctx)))
      if (NOT_RUN[text]) return
      // Those the local runtime cannot do are refused before anything they would need is read.
      if (!RUNTIME_LACKS[text]) await prepare(id, flags, { home, cwd, env })
      // Run exactly as written (global flags before the command included), with what `prepare` made filled in.
      const argv = await fill(step.words.slice(1), ctx)
      const stepEnv = { ...env, ...Object.fromEntries(Object.entries(step.env).map(([k, v]) => [k, isPlaceholder(v) ? PASSWORD : v])) }

      const lacks = RUNTIME_LACKS[text]
      if (lacks) {
        await expectRefused(argv, stepEnv, cwd, lacks, coldkeys[String(flags['wallet-name'] ?? 'default')]!.ss58)
        continue
      }
      const view = UNTIL_CTRL_C[text]
      if (view) {
        const r = await runUntilCtrlC(argv, stepEnv, cwd, view)
        expect(r.code, `${argv.join(' ')}\n${r.stderr}`).toBe(130)
        expect(r.blocks.length, r.stdout).toBeGreaterThanOrEqual(2)
        expect(r.blocks.at(-1)!, 'the view follows the chain').toBeGreaterThan(r.blocks[0]!)
        continue
      }
      // A transaction without -y asks before signing (not one only signed: --dry-run, --offline): run it in a terminal
      // at once (any other prompt is found by trying).
      const asks = signs && !flags['no-prompt'] && !flags['dry-run'] && flags.offline === undefined
      let r = asks ? await runInTerminal(argv, stepEnv, cwd) : await runTao(argv, { env: stepEnv, cwd, input: step.stdin, timeoutMs: 240_000 })
      if (r.code === 2 && /there is no terminal to ask on/.test(r.stderr)) r = await runInTerminal(argv, stepEnv, cwd)
      const [code, why] = EXIT_CODE[text] ?? [0, '']
      expect(r.code, `${argv.join(' ')}\n${r.stderr}${why}`).toBe(code)
      if (step.stdoutTo) {
        writeFileSync(join(cwd, step.stdoutTo), r.stdout)
        if (step.stdoutTo === 'tx.hex') expect(r.stdout).toMatch(/^0x[0-9a-f]+\n$/) // the hex alone, ready for `tx submit --file tx.hex`
      }
    }
  }

  /** Every funded account back at FUNDS, its nonce kept (signed transactions stay valid). */
  async function topUp(): Promise<void> {
    const accounts = await Promise.all(
      funded().map(async (ss58) => [[ss58], { nonce: Number(await net.rpc('system_accountNextIndex', [ss58])), providers: 1, data: { free: FUNDS.toString() } }]),
    )
    await net.setStorage({ System: { Account: accounts } })
  }

  /**
   * What an example needs beyond the scene, made right before it runs, so that no example depends on another
   * having run (or not run) before it.
   */
  async function prepare(id: string, flags: Record<string, unknown>, at: { home: string; cwd: string; env: Record<string, string> }): Promise<void> {
    const walletName = String(flags['wallet-name'] ?? 'default')
    const wallet = { root: join(at.home, '.bittensor', 'wallets'), name: walletName }
    const hotkeyName = String(flags.hotkey ?? 'default')
    const netuid = Number(flags.netuid ?? flags['origin-netuid'])
    removeKeysFor(id, wallet, hotkeyName)
    switch (id) {
      case 'subnets:register':
        // The scene's hotkey of that name is registered already: this home's is a new key no subnet has seen.
        await saveKeys(wallet, [await prepareKey({ kind: 'hotkey', name: hotkeyName }, keypairFromMnemonic(generateMnemonic()))], { overwrite: true })
        // A subnet open to registration at the burn the examples expect: the runtime admits 3 × its target per
        // interval (the scene's and earlier examples' registrations count), and adjusts the burn as it goes.
        if (netuid !== 0) await net.setStorage({ SubtensorModule: { RegistrationsThisInterval: [[[netuid], null]], Burn: [[[netuid], SCENE.burn.toString()]] } })
        break
      case 'stake:move':
      case 'stake:remove':
      case 'stake:swap':
      case 'stake:transfer': {
        // Stake to move or unstake (an earlier example may have moved all of it away); on subnet 2 when the example names none.
        const staked = flags['hotkey-ss58'] === undefined ? hotkey(walletName, hotkeyName) : String(flags['hotkey-ss58'])
        await addStake(chain, { coldkey: coldkeys[walletName]!.uri, hotkey: staked, netuid: Number.isNaN(netuid) ? SCENE.subnets[0] : netuid, tao: STAKE_BEFORE_MOVE })
        break
      }
      case 'weights:set':
      case 'weights:commit':
      case 'weights:reveal': {
        const validator = hotkey(walletName, hotkeyName)
        // Permits come from epochs (every 11 blocks here): give them again; no commits left from other examples;
        // commit-reveal off for `weights set` (else it commits), on for commit and reveal.
        await setSubnetItems(net, netuid, { ValidatorPermit: [true, true, true] })
        await net.setStorage({ SubtensorModule: { WeightCommits: [[[netuid, validator], null]], CommitRevealWeightsEnabled: [[[netuid], id !== 'weights:set']] } })
        if (id === 'weights:reveal') {
          // Something to reveal: a commit made as `tao weights commit` makes it, then the chain up to its window.
          const c = await runTao(['weights', 'commit', '-w', walletName, '-H', hotkeyName, '--netuid', String(netuid), '--uids', '0,1,2', '--weights', '0.5,0.3,0.2', '-y', '--json'], {
            env: at.env,
            cwd: at.cwd,
            timeoutMs: 240_000,
          })
          expect(c.code, c.stderr).toBe(0)
          await advanceTo(net, chain, c.json.reveal.firstBlock - 1)
        }
        break
      }
      case 'stake:child:set':
      case 'stake:child:revoke': {
        // set_children is rate-limited per hotkey and subnet (not relaxed on the local chain): forget the last one.
        const parent = hotkey(walletName, hotkeyName)
        await net.setStorage({ SubtensorModule: { TransactionKeyLastBlock: [[[parent, netuid, 0], null]] } })
        // Something to revoke (revoking no children is refused before signing): half of the parent's weight to `miner`.
        if (id === 'stake:child:revoke') {
          const child = hotkey('owner', 'miner')
          const half = (((1n << 64n) - 1n) / 2n).toString()
          await net.setStorage({ SubtensorModule: { ChildKeys: [[[parent, netuid], [[half, child]]]], ParentKeys: [[[child, netuid], [[half, parent]]]] } })
        }
        break
      }
      case 'governance:vote':
        proposal = await propose()
        break
      case 'wallet:swap-hotkey': {
        // A hotkey of the owner registered on subnet 2 to swap, and a new one no subnet has seen (both new keys in this home).
        const [old, fresh] = [keypairFromMnemonic(generateMnemonic()), keypairFromMnemonic(generateMnemonic())]
        const prepared = [await prepareKey({ kind: 'hotkey', name: hotkeyName }, old), await prepareKey({ kind: 'hotkey', name: String(flags['new-hotkey']) }, fresh)]
        await saveKeys(wallet, prepared, { overwrite: true })
        await net.setStorage({ SubtensorModule: { RegistrationsThisInterval: [[[2], null]], Burn: [[[2], SCENE.burn.toString()]] } })
        await registerHotkey(chain, 2, { coldkey: coldkeys[walletName]!.uri, hotkey: old.ss58 })
        break
      }
      case 'proxy:remove': {
        // The Staking proxy the example removes (`proxy add`'s example may not have run, or may have run before).
        const owner = coldkeys[walletName]!
        const [defs] = (await chain.storage('Proxy', 'Proxies', owner.ss58)) as [Array<{ delegate: string; proxy_type: { type: string } }>, bigint]
        if (!defs.some((d) => d.delegate === String(flags.delegate) && d.proxy_type.type === 'Staking'))
          await submit(chain, chain.call('Proxy', 'add_proxy', { delegate: { type: 'Id', value: String(flags.delegate) }, proxy_type: { type: 'Staking', value: undefined }, delay: 0 }), owner.uri)
        break
      }
      case 'config:proxy:remove': {
        const r = await runTao(['config', 'proxy', 'add', String(flags.name ?? 'treasury'), BOB], { env: at.env, cwd: at.cwd })
        expect(r.code, r.stderr).toBe(0)
        break
      }
      case 'wallet:swap-coldkey':
        // One swap may be scheduled per coldkey: forget an earlier example's (its execution is 5 days of blocks away).
        await net.setStorage({ SubtensorModule: { ColdkeySwapScheduled: [[[coldkeys[walletName]!.ss58], null]] } })
        break
    }
  }

  /** A new proposal by a triumvirate member (Alice), open for MOTION_BLOCKS; its hash. */
  async function propose(): Promise<string> {
    const remark = new TextEncoder().encode(`examples test proposal ${++proposals}`)
    const length = chain.metadata.encodeCall('System', 'remark', { remark }).length
    const call = chain.call('Triumvirate', 'propose', { proposal: { type: 'System', value: { type: 'remark', value: { remark } } }, length_bound: length, duration: MOTION_BLOCKS })
    const events = await submit(chain, call, '//Alice')
    const proposed = events.find((e) => e.pallet === 'Triumvirate' && e.name === 'Proposed')
    expect(proposed, 'a Triumvirate.Proposed event').toBeDefined()
    return String((proposed!.data as { proposal_hash: string }).proposal_hash).toLowerCase()
  }

  /** Placeholders → values that work here. */
  async function fill(args: string[], ctx: { home: string; cwd: string; producesTxHex: boolean }): Promise<string[]> {
    const out: string[] = []
    const others = [CHARLIE, BOB]
    const other = () => others.pop() ?? BOB
    const placeholderAddress = /^5[A-Za-z]?(…|\.\.\.)/
    for (let i = 0; i < args.length; i++) {
      let a = args[i]!
      const prev = args[i - 1]
      if (a.startsWith('~/')) a = join(ctx.home, a.slice(2))
      if ((prev === '--network' || prev === '-n') && a === 'local') a = net.endpoint
      if (prev === '--port' && a !== '0' && args.includes('localnet')) a = '0' // a free port, not one another chain may hold
      if (prev === '--hotkey-ss58' && placeholderAddress.test(a)) a = hotkey('owner', 'miner') // a hotkey of the scene, registered
      else if (prev === '--dest-hotkey' && placeholderAddress.test(a)) a = hotkey('owner', 'validator')
      else if (prev === '--new-coldkey' && placeholderAddress.test(a)) a = keypairFromMnemonic(generateMnemonic()).ss58 // one the chain never saw
      else if (prev === '--address') a = a.replace(placeholderAddress, alice.ss58)
      else a = a.split(',').map((part) => part.replace(placeholderAddress, other)).join(',')
      if (prev === '--signature' && isPlaceholder(a)) a = helloSignature
      else if (prev === '--proposal' && /^0x[0-9a-f]*(…|\.\.\.)$/.test(a)) a = proposal
      else if (/^0x(…|\.\.\.)$/.test(a)) a = await signedHex()
      out.push(a)
    }
    if (out.includes('--file') && out[out.indexOf('--file') + 1] === 'tx.hex' && !ctx.producesTxHex) writeFileSync(join(ctx.cwd, 'tx.hex'), (await signedHex()) + '\n')
    // An offline signer's context, as `tao tx offline-context` writes it on the connected machine, for the example's coldkey.
    if (out.includes('--offline') && out[out.indexOf('--offline') + 1] === 'ctx.json' && !existsSync(join(ctx.cwd, 'ctx.json'))) {
      const w = out.findIndex((a) => a === '-w' || a === '--wallet-name')
      const { offlineContext } = await import('../../src/node/offline.js')
      const context = await offlineContext(chain, net.endpoint, coldkeys[w >= 0 ? out[w + 1]! : 'default']!.ss58)
      writeFileSync(join(ctx.cwd, 'ctx.json'), JSON.stringify(context))
    }
    return out
  }

  /** A transfer signed by the default wallet's coldkey with the account's next nonce, not submitted (as `wallet transfer --dry-run` prints it). */
  async function signedHex(): Promise<string> {
    const call = chain.call('Balances', 'transfer_keep_alive', { dest: { type: 'Id', value: BOB }, value: TAO / 2n })
    return (await chain.sign(call, signerOf(keypairFromMnemonic(coldkeys.default!.uri)))).hex
  }

  /** An example the local runtime cannot do: refused before anything is signed (exit 2, naming the call and the spec). */
  async function expectRefused(argv: string[], env: Record<string, string>, cwd: string, lacks: string, signer: string): Promise<void> {
    const [pallet, call] = lacks.includes('.') ? lacks.split('.') : /^[A-Z]/.test(lacks) ? [lacks, undefined] : ['SubtensorModule', lacks]
    const named = call ? `${pallet}.${call}` : `${pallet} pallet`
    const has = call ? chain.hasCall(pallet!, call) : chain.metadata.pallets().includes(pallet!)
    expect(has, `the local runtime has ${named} now: take the example out of RUNTIME_LACKS`).toBe(false)
    const nonce = async () => Number(await net.rpc('system_accountNextIndex', [signer]))
    const before = await nonce()
    const r = await runTao(argv, { env, cwd, timeoutMs: 240_000 })
    expect(r.code, `${argv.join(' ')}\n${r.stderr}`).toBe(2)
    expect(r.stderr).toContain(named)
    expect(r.stderr).toContain(`(spec ${chain.specVersion})`)
    expect(await nonce()).toBe(before)
  }

  /** Run until `view` has been printed for two blocks (building one in between), then Ctrl-C. */
  async function runUntilCtrlC(argv: string[], env: Record<string, string>, cwd: string, view: RegExp): Promise<TaoResult & { blocks: number[] }> {
    const child = spawn(process.execPath, [taoBin, ...argv], { cwd, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    const blocks = () => [...stdout.matchAll(view)].map((m) => Number(m[1]!.replace(/,/g, '')))
    const waiters = new Set<() => void>()
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString()
      for (const w of waiters) w()
    })
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
    const closed = new Promise<number>((resolve) => child.once('close', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0))))
    let ended = false
    void closed.then(() => {
      ended = true
      for (const w of waiters) w()
    })
    const shown = (n: number) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`the view was not printed ${n} times within 120 s:\n${stdout}\n${stderr}`)), 120_000)
        const finish = (err?: Error) => {
          clearTimeout(timer)
          waiters.delete(check)
          if (err) reject(err)
          else resolve()
        }
        const check = () => {
          if (blocks().length >= n) finish()
          else if (ended) finish(new Error(`it ended before printing the view ${n} times:\n${stdout}\n${stderr}`))
        }
        waiters.add(check)
        check()
      })
    const killer = setTimeout(() => child.kill('SIGKILL'), 240_000)
    try {
      await shown(1)
      await net.newBlock()
      await shown(2)
    } finally {
      child.kill('SIGINT')
    }
    const code = await closed
    clearTimeout(killer)
    return { code, stdout, stderr, blocks: blocks() }
  }

  /** The example's command, parsed with that command's own flags: no usage error. `signs`: it has the signing flags. */
  async function parseWith(argv: string[]): Promise<{ id: string; flags: Record<string, unknown>; signs: boolean }> {
    let n = argv.findIndex((a) => a.startsWith('-'))
    if (n < 0) n = argv.length
    for (; n > 0; n--) {
      const id = argv.slice(0, n).join(':')
      const found = config.findCommand(id)
      if (!found) continue
      const C = (await found.load()) as unknown as { flags?: Record<string, unknown> } & (new (argv: string[], config: Config) => { parse(c: unknown): Promise<{ flags: Record<string, unknown> }> })
      const cmd = new C(argv.slice(n), config)
      const { flags } = await cmd.parse(C)
      return { id, flags, signs: 'dry-run' in (C.flags ?? {}) }
    }
    throw new Error(`no command in "${argv.join(' ')}"`)
  }
})

const manifest = JSON.parse(readFileSync(join(repoRoot, 'oclif.manifest.json'), 'utf8')) as { commands: Record<string, { aliases?: string[]; flags: Record<string, unknown> }> }

/** The id and flag names of the command an example's words (after `tao`) run, from the oclif manifest. */
function manifestCommand(words: string[]): { id: string; flags: string[] } | undefined {
  const argv = hoistGlobalFlags(words)
  let n = argv.findIndex((a) => a.startsWith('-'))
  if (n < 0) n = argv.length
  for (; n > 0; n--) {
    const id = argv.slice(0, n).join(':')
    const entry = Object.entries(manifest.commands).find(([key, c]) => key === id || c.aliases?.includes(id))
    if (entry) return { id: entry[0], flags: Object.keys(entry[1].flags) }
  }
  return undefined
}

/** Commands that change the chain or the machine without signing: they run one at a time too. */
const ALONE = new Set(['tx:submit', 'localnet:start', 'localnet:stop'])

/** Whether an example must run alone: it signs a transaction, submits one, starts or stops a chain, or watches one. */
function runsAlone(e: Example): boolean {
  if (e.text in UNTIL_CTRL_C) return true
  return parseShellLine(e.text).some((step) => {
    const c = manifestCommand(step.words.slice(1))
    return c === undefined || ALONE.has(c.id) || c.flags.includes('dry-run')
  })
}

const isPlaceholder = (v: string) => /^(…|\.\.\.|0x…|0x\.\.\.)$/.test(v)

/** Commands that create the key an example names start without it (the template has every wallet). */
function removeKeysFor(id: string, wallet: { root: string; name: string }, hotkey: string): void {
  const dir = join(wallet.root, wallet.name)
  if (['wallet:create', 'wallet:new-coldkey', 'wallet:regen-coldkey', 'wallet:regen-coldkeypub'].includes(id)) rmSync(dir, { recursive: true, force: true })
  if (['wallet:new-hotkey', 'wallet:regen-hotkey'].includes(id)) for (const f of [hotkey, `${hotkey}pub.txt`]) rmSync(join(dir, 'hotkeys', f), { force: true })
}

/** Run in a terminal (util-linux `script`), answering confirmations with y and password prompts with the password. */
function runInTerminal(argv: string[], env: Record<string, string>, cwd: string): Promise<TaoResult> {
  expect(spawnSync('script', ['--version']).status, 'util-linux script is needed to run an interactive example').toBe(0)
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`
  const child = spawn('script', ['-qfec', [process.execPath, taoBin, ...argv].map(quote).join(' '), '/dev/null'], { cwd, env: cleanEnv(env), stdio: ['pipe', 'pipe', 'pipe'] })
  let screen = ''
  // A prompt is answered once; the next answer waits until that prompt is done (its line ends).
  let answeredAt = -1
  let quiet: NodeJS.Timeout | undefined
  const answer = () => {
    if (screen.lastIndexOf('\n') <= answeredAt) return
    const tail = screen.slice(screen.lastIndexOf('\n') + 1).replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')
    if (/\((y\/N|Y\/n)\)\s*$/.test(tail)) child.stdin.write('y\r')
    else if (/password[^\n]*\[input is masked\]\s*$/i.test(tail)) child.stdin.write(`${env.TAO_PASSWORD}\r`)
    else return
    answeredAt = screen.lastIndexOf('\n')
  }
  child.stdout.on('data', (b: Buffer) => {
    screen += b.toString()
    clearTimeout(quiet)
    quiet = setTimeout(answer, 300)
  })
  const killer = setTimeout(() => child.kill('SIGKILL'), 240_000)
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(killer)
      resolve({ code: code ?? -1, stdout: screen, stderr: screen })
    }),
  )
}
