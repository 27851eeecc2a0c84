/**
 * Governance against the local chain (spec 218): members and the sudo key as stored; proposals made here
 * through Triumvirate.propose (test accounts made members with storage writes), listed with their calls
 * decoded, and voted on with the CLI, each vote seen in Triumvirate.Voting.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { governanceAvailability } from '../../src/subtensor/governance.js'
import { keypairFromMnemonic, sign } from '../../src/keystore/keys.js'
import { devAccount } from '../helpers/dev-accounts.js'
import { connect, type Chain } from '../../src/node/index.js'
import { runTao } from '../helpers/cli.js'
import { startLocalnet, type Localnet } from '../helpers/localnet.js'

const DEV_PHRASE = 'bottom drive obey lake curtain smoke basket hold race lonely fit walk'
const SENATOR = '5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV' // the dev phrase's root key: the senator's coldkey
const PASSWORD = 'governance test password 1!'
const TAO = 1_000_000_000n
const MOTION_BLOCKS = 100_000 // at least the runtime's motion duration (12 hours of blocks)

interface Votes {
  index: number
  threshold: number
  ayes: string[]
  nays: string[]
  end: number
}

// Each vote unlocks the coldkey (argon2i) and every step runs the CLI as its own process: give them room.
describe('governance against a real local chain', { timeout: 300_000 }, () => {
  let net: Localnet
  let chain: Chain
  let dir: string
  let senateHotkey: string
  let outsiderHotkey: string
  let senateHotkeyWords: string
  const alice = devAccount('Alice')
  const bob = devAccount('Bob')
  const wallets = () => join(dir, 'wallets')
  const tao = (args: string[]) => runTao([...args, '--network', net.endpoint], { cwd: dir })
  const vote = (args: string[]) =>
    runTao(['governance', 'vote', ...args, '--network', net.endpoint, '--wallet-path', wallets()], {
      env: { TAO_PASSWORD: PASSWORD },
      cwd: dir,
    })
  const wallet = (args: string[]) => runTao(['wallet', ...args, '--wallet-path', wallets()], { env: { TAO_PASSWORD: PASSWORD }, cwd: dir })
  /** Read a storage value at the best block with plain RPC, decoded with the runtime's metadata. */
  const stored = async (pallet: string, item: string, ...keys: unknown[]) => {
    const info = chain.metadata.requireStorage(pallet, item)
    const raw: string | null = await net.rpc('state_getStorage', [info.encodeKey(...keys)])
    return raw === null ? info.fallback : info.decodeValue(raw)
  }
  const voting = async (hash: string) => (await stored('Triumvirate', 'Voting', hash)) as Votes
  const nonce = async (ss58: string) => Number(await net.rpc('system_accountNextIndex', [ss58]))

  /** A proposal made by a triumvirate member; its hash from the Proposed event. */
  const propose = async (by: typeof alice, remark: number[]) => {
    const proposal = { type: 'System', value: { type: 'remark', value: { remark: new Uint8Array(remark) } } }
    const length = chain.metadata.encodeCall('System', 'remark', { remark: new Uint8Array(remark) }).length
    const r = await chain.send(chain.call('Triumvirate', 'propose', { proposal, length_bound: length, duration: MOTION_BLOCKS }), by, {
      waitFor: 'inclusion',
    })
    expect(r.status).toBe('landed')
    if (r.status !== 'landed') throw new Error('not landed')
    expect(r.ok, JSON.stringify(r.error)).toBe(true)
    const event = r.events.find((e) => e.pallet === 'Triumvirate' && e.name === 'Proposed')!.data as {
      proposal_hash: string
      account: string
    }
    return { hash: event.proposal_hash.toLowerCase(), block: r.blockNumber }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tao-governance-'))
    mkdirSync(wallets())
    net = await startLocalnet({ fund: { [SENATOR]: 10n * TAO } })
    chain = await connect(net.endpoint)
    writeFileSync(join(dir, 'words'), DEV_PHRASE)
    const cold = await wallet(['regen-coldkey', '-w', 'senator', '--mnemonic-file', join(dir, 'words'), '-y', '--json'])
    expect(cold.code, cold.stderr).toBe(0)
    expect(cold.json.ss58).toBe(SENATOR)
    const hot = await wallet(['new-hotkey', '-w', 'senator', '-H', 'senate', '-y', '--json'])
    expect(hot.code, hot.stderr).toBe(0)
    senateHotkey = hot.json.ss58
    senateHotkeyWords = hot.json.mnemonic
    const outsider = await wallet(['new-hotkey', '-w', 'senator', '-H', 'outsider', '-y', '--json'])
    expect(outsider.code, outsider.stderr).toBe(0)
    outsiderHotkey = outsider.json.ss58
    // An impostor: another coldkey holding the same senate hotkey, which it does not own on chain.
    writeFileSync(join(dir, 'hotkey-words'), hot.json.mnemonic)
    const impostor = await wallet(['create', '-w', 'impostor', '-y', '--json'])
    expect(impostor.code, impostor.stderr).toBe(0)
    const same = await wallet([
      'regen-hotkey',
      '-w',
      'impostor',
      '-H',
      'senate',
      '--mnemonic-file',
      join(dir, 'hotkey-words'),
      '--overwrite',
      '-y',
      '--json',
    ])
    expect(same.code, same.stderr).toBe(0)
    expect(same.json.ss58).toBe(senateHotkey)

    // Members by storage writes: Alice and Bob in the triumvirate, our hotkey (owned by the senator) and Charlie in the senate.
    await net.setStorage({
      Triumvirate: { Members: [alice.ss58, bob.ss58] },
      TriumvirateMembers: { Members: [alice.ss58, bob.ss58] },
      SenateMembers: { Members: [senateHotkey, devAccount('Charlie').ss58] },
      SubtensorModule: { Owner: [[[senateHotkey], SENATOR]] },
    })
    await net.newBlock()
  }, 300_000)
  afterAll(async () => {
    chain?.close()
    await net?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('the local runtime has the senate governance the commands need', () => {
    for (const feature of ['members', 'proposals', 'vote', 'sudo-key'] as const)
      expect(governanceAvailability(chain.metadata, feature)).toEqual({ available: true })
  })

  it('members: the senate hotkeys and the triumvirate, as stored', async () => {
    const r = await tao(['governance', 'members', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const head = parseInt((await net.rpc('chain_getHeader', [])).number, 16)
    expect(r.json).toEqual({
      network: net.endpoint,
      block: head,
      senate: await stored('SenateMembers', 'Members'),
      triumvirate: await stored('Triumvirate', 'Members'),
    })
    expect(r.json.senate).toContain(senateHotkey)
    expect(r.json.triumvirate).toEqual([alice.ss58, bob.ss58])
    const human = await tao(['governance', 'members'])
    expect(human.code, human.stderr).toBe(0)
    expect(human.stdout).toContain(`Senate hotkeys (2)\n`)
    expect(human.stdout).toContain(`  ${senateHotkey}\n`)
  })

  it('sudo-key: who holds sudo (Alice on the local chain)', async () => {
    const r = await tao(['governance', 'sudo-key', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const head = parseInt((await net.rpc('chain_getHeader', [])).number, 16)
    expect(r.json).toEqual({ network: net.endpoint, block: head, sudoKey: await stored('Sudo', 'Key') })
    expect(r.json.sudoKey).toBe(alice.ss58)
  })

  it('proposals: none at first; then each with its proposer, decoded call, threshold and end', async () => {
    const none = await tao(['governance', 'proposals', '--json'])
    expect(none.code, none.stderr).toBe(0)
    expect(none.json.proposals).toEqual([])

    const first = await propose(alice, [1, 2, 3])
    const second = await propose(bob, [9])
    const r = await tao(['governance', 'proposals', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.json.proposals.map((p: { hash: string }) => p.hash)).toEqual([first.hash, second.hash])
    expect(r.json.block).toBe(parseInt((await net.rpc('chain_getHeader', [])).number, 16))
    for (const [p, made, by, remark] of [
      [r.json.proposals[0], first, alice, '0x010203'],
      [r.json.proposals[1], second, bob, '0x09'],
    ] as const) {
      const v = await voting(made.hash)
      expect(p).toEqual({
        hash: made.hash,
        index: v.index,
        proposer: by.ss58,
        call: 'System.remark',
        args: { remark },
        callData: await net.rpc('state_getStorage', [chain.metadata.requireStorage('Triumvirate', 'ProposalOf').encodeKey(made.hash)]),
        threshold: v.threshold,
        ayes: [],
        nays: [],
        end: made.block + MOTION_BLOCKS,
      })
      expect(v.end).toBe(made.block + MOTION_BLOCKS)
    }
    // The runtime stores no proposer: without searching the events, it is unknown.
    const blind = await tao(['governance', 'proposals', '--json', '--lookback', '0'])
    expect(blind.json.proposals.map((p: { proposer: unknown }) => p.proposer)).toEqual([null, null])
    const human = await tao(['governance', 'proposals'])
    expect(human.stdout).toContain(`${first.hash} (#${r.json.proposals[0].index}) System.remark\n  proposed by ${alice.ss58}`)
  })

  it('vote: the senator votes aye then nay, each seen in Triumvirate.Voting; a first vote is free', async () => {
    const [{ hash }] = (await tao(['governance', 'proposals', '--json'])).json.proposals
    const aye = await vote(['-w', 'senator', '-H', 'senate', '--proposal', hash, '--aye', '-y', '--json'])
    expect(aye.code, aye.stderr).toBe(0)
    expect(aye.json).toMatchObject({
      call: 'SubtensorModule.vote',
      signer: SENATOR,
      hotkey: senateHotkey,
      proposal: hash,
      vote: 'aye',
      status: 'landed',
      ok: true,
      ayes: 1,
      nays: 0,
    })
    expect(aye.json.proposalIndex).toBe((await voting(hash)).index)
    expect(aye.json.fee).toEqual({ rao: '0', tao: '0' }) // do_vote_root: Pays::No on a member's first vote
    expect((await voting(hash)).ayes).toEqual([senateHotkey])
    expect((await voting(hash)).nays).toEqual([])

    const listed = await tao(['governance', 'proposals', '--json'])
    expect(listed.json.proposals[0].ayes).toEqual([senateHotkey])

    const nay = await vote(['-w', 'senator', '-H', 'senate', '--proposal', hash, '--nay', '-y', '--json'])
    expect(nay.code, nay.stderr).toBe(0)
    expect(nay.json).toMatchObject({ vote: 'nay', ok: true, ayes: 0, nays: 1 })
    expect(await voting(hash)).toMatchObject({ ayes: [], nays: [senateHotkey] })
  })

  it('refuses, before signing and with exit 2, a vote the runtime would reject', async () => {
    const [{ hash }] = (await tao(['governance', 'proposals', '--json'])).json.proposals
    const before = await voting(hash)
    const cases: Array<[string, string[], string]> = [
      ['the same vote again', ['-w', 'senator', '-H', 'senate', '--proposal', hash, '--nay'], 'DUPLICATE_VOTE'],
      ['a hotkey outside the senate', ['-w', 'senator', '-H', 'outsider', '--proposal', hash, '--aye'], 'NOT_SENATE_MEMBER'],
      ['a senate hotkey this coldkey does not own', ['-w', 'impostor', '-H', 'senate', '--proposal', hash, '--aye'], 'NOT_HOTKEY_OWNER'],
      [
        'a proposal that does not exist',
        ['-w', 'senator', '-H', 'senate', '--proposal', '0x' + 'ab'.repeat(32), '--aye'],
        'UNKNOWN_PROPOSAL',
      ],
    ]
    for (const [what, args, code] of cases) {
      const n = await nonce(SENATOR)
      const r = await vote([...args, '-y', '--json'])
      expect(r.code, `${what}: ${r.stderr}`).toBe(2)
      expect(r.json.error.code, what).toBe(code)
      expect(r.stderr.trim().split('\n'), what).toHaveLength(1)
      expect(await nonce(SENATOR), what).toBe(n)
    }
    expect(await voting(hash)).toEqual(before)
    expect(outsiderHotkey).not.toBe(senateHotkey)
  })

  it('the runtime itself takes a senate vote only from the coldkey that owns the hotkey, not from the hotkey', async () => {
    // Sent without the CLI's checks: signed by the senate hotkey itself, then by a coldkey that does not own it.
    const [{ hash, index }] = (await tao(['governance', 'proposals', '--json'])).json.proposals
    const hk = keypairFromMnemonic(senateHotkeyWords)
    const hotkeySigner = { publicKey: hk.publicKey, sign: (m: Uint8Array) => sign(hk, m) }
    await net.setStorage({ System: { Account: [[[senateHotkey], { providers: 1, data: { free: (10n * TAO).toString() } }]] } })
    const before = await voting(hash)
    for (const signer of [hotkeySigner, bob]) {
      const call = chain.call('SubtensorModule', 'vote', { hotkey: senateHotkey, proposal: hash, index, approve: true })
      const r = await chain.send(call, signer, { waitFor: 'inclusion' })
      expect(r.status).toBe('landed')
      if (r.status !== 'landed') continue
      expect(r.ok).toBe(false)
      expect(r.error).toMatchObject({ pallet: 'SubtensorModule', name: 'NonAssociatedColdKey' })
    }
    expect(await voting(hash)).toEqual(before)
  })

  it('refuses a malformed hash or a missing --aye/--nay before connecting (exit 2)', async () => {
    const bad = await runTao([
      'governance',
      'vote',
      '-w',
      'senator',
      '-H',
      'senate',
      '--proposal',
      '0x1234',
      '--aye',
      '--network',
      'ws://127.0.0.1:1',
      '--wallet-path',
      wallets(),
    ])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/proposal hash/)
    const neither = await runTao([
      'governance',
      'vote',
      '-w',
      'senator',
      '--proposal',
      '0x' + 'ab'.repeat(32),
      '--network',
      'ws://127.0.0.1:1',
    ])
    expect(neither.code).toBe(2)
    expect(neither.stderr).toMatch(/aye|nay/)
  })
})
