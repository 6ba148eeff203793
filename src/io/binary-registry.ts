/**
 * Where the binary-format readers (./binary-readers.ts) register: ./binary.ts asks here for the reader and
 * ./binary-readers.ts puts it here, so neither imports the other statically.
 */
import type { BinaryFormat, FileError, ParsedInput } from './types';

export interface OpenOptions {
  /** XLSX: the sheet to read, by name or 1-based number; default the first sheet with data. */
  sheet?: string | number;
}

/** Reads a binary format into rows or features, or says what is wrong. Never throws. */
export type BinaryReader = (
  input: Uint8Array | string,
  fileName: string,
  format: BinaryFormat,
  opts: OpenOptions,
) => ParsedInput | FileError;

let reader: BinaryReader | null = null;

/** Registers the readers (src/io/binary-readers.ts `registerBinaryReaders`). */
export function setBinaryReader(r: BinaryReader): void {
  reader = r;
}

/** True once the readers are registered. */
export function hasBinaryReader(): boolean {
  return reader !== null;
}

/** The registered reader, or null before registerBinaryReaders / loadBinaryReaders. */
export function binaryReader(): BinaryReader | null {
  return reader;
}
