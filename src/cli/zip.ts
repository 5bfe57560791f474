import { zipSync, type Zippable } from 'fflate'

export interface ZipEntry {
  /** Path inside the archive, with `/` separators. */
  readonly name: string
  readonly data: Uint8Array
  /** Unix permissions; Lambda needs files readable by all. Default 0o644. */
  readonly mode?: number
}

// Every entry is dated 1980-01-01 00:00 (the DOS epoch; local time, as zip dates are), so the same
// code gives the same zip, byte for byte, and a deployment tool sees no change when there is none.
const DOS_EPOCH = new Date(1980, 0, 1, 0, 0, 0)
const UNIX = 3

/** A zip archive of `entries` (fflate), each deflated at level 9, with Unix permissions for Lambda. */
export const zip = (entries: ReadonlyArray<ZipEntry>): Buffer => {
  const files: Zippable = {}
  for (const entry of entries) {
    files[entry.name] = [entry.data, { level: 9, mtime: DOS_EPOCH, os: UNIX, attrs: (((entry.mode ?? 0o644) | 0o100000) << 16) >>> 0 }]
  }
  return Buffer.from(zipSync(files))
}
