// The typings dynalite does not ship, for the tests and the benchmark that start it on loopback.
declare module 'dynalite' {
  import type { Server } from 'node:http'
  interface DynaliteOptions {
    createTableMs?: number
    deleteTableMs?: number
    updateTableMs?: number
    maxItemSizeKb?: number
    path?: string
    ssl?: boolean
  }
  export default function dynalite(options?: DynaliteOptions): Server
}
