import { EventEmitter } from 'node:events'
import { render } from 'ink'
import { createElement as h } from 'react'
const dist = new URL('../dist/tui/', import.meta.url)
const { WatchApp } = await import(new URL('app.js', dist))
const { manualSource } = await import(new URL('source.js', dist))
const { simulate } = await import(new URL('simulate.js', dist))
const { NOBODY } = await import(new URL('mine.js', dist))
class Terminal extends EventEmitter { constructor(c,r){super();this.columns=c;this.rows=r;this.isTTY=true;this.waiters=[]} write(chunk,cb){ if (chunk.includes('\u001b[?2026l')) for (const w of this.waiters.splice(0)) w(); if(typeof cb==='function')cb(); return true} next(){return new Promise(r=>this.waiters.push(r))} }
class Keyboard extends EventEmitter { isTTY = true; setRawMode() {} setEncoding() {} resume() {} pause() {} ref() {} unref() {} read() { return null } }
const term = new Terminal(200, 60)
const source = manualSource()
const sim = simulate({ uids: 256, seed: 7, tempo: 0 })
const app = render(h(WatchApp, { source, mine: NOBODY, network: 'local', follow: 'finalized', netuid: 1, size: { columns: 200, rows: 60 }, tickMs: 0, paint: new (await import('chalk')).Chalk({ level: 1 }) }), { stdout: term, stdin: new Keyboard(), stderr: new Terminal(80,24), exitOnCtrlC: false, patchConsole: false, interactive: true, maxFps: 1000, incrementalRendering: true })
const times = [], cpu = []
for (let i = 0; i < 150; i++) {
  const s = sim.next(); const w = term.next(); const t0 = performance.now(); const c0 = process.cpuUsage()
  source.emit({ type: 'snapshot', snapshot: s }); await w; times.push(performance.now() - t0); const c = process.cpuUsage(c0); cpu.push((c.user + c.system) / 1000)
}
app.unmount()
times.sort((a,b)=>a-b); cpu.sort((a,b)=>a-b); console.log(process.env.LABEL, 'wall median', times[75].toFixed(1), 'min', times[0].toFixed(1), 'cpu median', cpu[75].toFixed(1), 'min', cpu[0].toFixed(1))
process.exit(0)
