/**
 * Builds the workbench's front end (web/app) into web/dist with esbuild: one JS bundle, one
 * CSS file, and the page that loads them, each named by a hash of its content so that a browser
 * may cache it for good. Run by scripts/bootstrap.sh, and by the server when web/dist is absent.
 *
 * ```sh
 * node --import tsx web/build.ts
 * ```
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export const webDir = __dirname;
export const distDir = join(webDir, 'dist');

export interface BuiltAssets {
  /** File name → bytes shipped (before compression). */
  sizes: Record<string, number>;
}

const hashed = (name: string, ext: string, contents: Uint8Array) =>
  `${name}.${createHash('sha256').update(contents).digest('hex').slice(0, 12)}.${ext}`;

export async function buildWorkbench(): Promise<BuiltAssets> {
  const result = await build({
    entryPoints: [join(webDir, 'app/main.tsx')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['chrome109', 'firefox115', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    write: false,
    outdir: distDir,
    entryNames: 'app',
    legalComments: 'none',
    logLevel: 'warning',
  });
  // Built in place, never by emptying the folder first: tests that run side by side each build the
  // workbench while another's server may be serving it. Each file is written whole (a rename), and
  // only assets of other builds are removed afterwards.
  mkdirSync(distDir, { recursive: true });
  const put = (name: string, contents: string | Uint8Array) => {
    const temporary = join(distDir, `.${name}.${process.pid}.tmp`);
    writeFileSync(temporary, contents);
    renameSync(temporary, join(distDir, name));
  };
  const names: Record<string, string> = {};
  const sizes: Record<string, number> = {};
  for (const file of result.outputFiles) {
    const ext = file.path.endsWith('.css') ? 'css' : 'js';
    const name = hashed('app', ext, file.contents);
    put(name, file.contents);
    names[ext] = name;
    sizes[name] = file.contents.byteLength;
  }
  const page = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>工作台 · Greenlight</title>
<link rel="icon" href="data:,">
${names.css ? `<link rel="stylesheet" href="/web/assets/${names.css}">` : ''}
<script type="module" src="/web/assets/${names.js}"></script>
</head>
<body>
<div id="app"><p class="loading">正在载入工作台…</p></div>
</body>
</html>
`;
  put('index.html', page);
  for (const f of readdirSync(distDir)) {
    if (/^app\.[0-9a-f]+\.(js|css)$/.test(f) && !Object.values(names).includes(f)) rmSync(join(distDir, f), { force: true });
  }
  return { sizes };
}

/** The files of the last build, for the server. */
export function builtFiles(): string[] {
  try {
    return readdirSync(distDir);
  } catch {
    return [];
  }
}

// By file, not by module object: bundled into the API (scripts/build.ts), the bundle's main module is this one's too.
if (require.main?.filename === __filename) {
  buildWorkbench().then(({ sizes }) => {
    const listed = Object.entries(sizes).map(([n, s]) => `${n} ${(s / 1024).toFixed(1)} KiB`).join(', ');
    console.log(`web: built ${listed}`);
  }, (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
