/** d3 is loaded by index.html from the installed package (/vendor/d3.min.js) as a global. */
import type * as D3 from 'd3';

export const d3 = (globalThis as unknown as { d3: typeof D3 }).d3;
