#!/usr/bin/env node
// Standalone: `node bench/library-flexsearch.mjs [--articles N] [--queries N]` — the library's own
// search index against FlexSearch (installed apart; FLEXSEARCH=path to its module to use another copy).
import { bundleBench } from './bundle.mjs';

const argv = process.argv.slice(2);
const arg = (name, d) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : d);
const { flexsearchCompare } = await import(await bundleBench('bench/library-flexsearch.ts', 'library-flexsearch.mjs'));
await flexsearchCompare({ articles: arg('--articles', 10000), queries: arg('--queries', 200), modulePath: process.env.FLEXSEARCH });
