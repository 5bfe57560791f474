declare module 'autocannon' {
  interface Result {
    readonly requests: { readonly average: number; readonly total: number }
    readonly latency: { readonly p50: number; readonly p99: number }
    readonly non2xx: number
  }
  interface Options {
    readonly url: string
    readonly method?: string
    readonly body?: string
    readonly headers?: Record<string, string>
    readonly connections?: number
    readonly duration?: number
  }
  function autocannon(options: Options, done: (error: Error | null, result: Result) => void): unknown
  export default autocannon
}
