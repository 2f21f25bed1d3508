import type { components, paths } from './kaspi-shop-api.generated.js';

/** Every schema of the Kaspi Shop API, generated from the package's OpenAPI spec. */
export type KaspiApiComponents = components;

/** Every documented path of the Kaspi Shop API with its parameters and responses, generated from the package's OpenAPI spec. */
export type KaspiApiPaths = paths;
