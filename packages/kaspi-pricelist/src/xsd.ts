// Kept directly in src/ so that '../schema' resolves the same from src/ (tests) and dist/ (built).
/**
 * Location of the package's strict XSD (`schema/kaspi-catalog.xsd`), written from Kaspi's guide
 * because the official schema is not public. Read it with `readFile(KASPI_CATALOG_XSD_URL)` and
 * give it to any XML Schema validator (e.g. xmllint).
 */
export const KASPI_CATALOG_XSD_URL: URL = new URL('../schema/kaspi-catalog.xsd', import.meta.url);
