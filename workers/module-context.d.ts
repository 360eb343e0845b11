/**
 * `require.context`, which the workflow bundler (webpack) resolves at bundle time: it lists the
 * modules matching a pattern and evaluates one when called. Only workers/workflows.ts uses it.
 */
declare namespace NodeJS {
  interface RequireContext {
    keys(): string[];
    (key: string): unknown;
  }
  interface Require {
    context(directory: string, recursive: boolean, pattern: RegExp): RequireContext;
  }
}
