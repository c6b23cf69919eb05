/** @module Types of tools/layers.mjs (plain JS, so that eslint.config.mjs can load it without a TypeScript loader). */
export declare const ALLOWED: Readonly<Record<string, readonly string[]>>;
export declare function layerOf(srcRoot: string, path: string): string | undefined;
export declare function backArrow(srcRoot: string, from: string, to: string): string | undefined;
export declare function layersPlugin(srcRoot: string): { rules: Record<string, unknown> };
