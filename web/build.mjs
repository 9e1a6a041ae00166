// Builds the billing pages into web/dist: billing.js (the <billing-tab> and <billing-page> components,
// ES modules; the OpenID Connect client is a separate chunk loaded only when that sign-in is used) and
// page.css. The function app serves these files under /billing/assets.
import { build } from "esbuild";
import { copyFile, mkdir, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const root = dirname(fileURLToPath(import.meta.url));
const out = join(root, "dist");
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  entryPoints: { billing: join(root, "src/page.ts") },
  outdir: out,
  bundle: true,
  splitting: true,
  format: "esm",
  target: "es2022",
  minify: true,
  legalComments: "none",
  chunkNames: "[name]-[hash]",
  logLevel: "warning",
});
await copyFile(join(root, "src/page.css"), join(out, "page.css"));
