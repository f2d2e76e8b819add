/** What a command may touch of its process: injected so tests run commands in-process. */
export interface Output {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Io {
  stdout: Output;
  stderr: Output;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Where `-` reads an export from. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}
