/** The default namespace of every Kaspi price list: the bare string `kaspiShopping`, not a URL. */
export const KASPI_NAMESPACE = 'kaspiShopping';

/** The XML Schema instance namespace used for `xsi:schemaLocation`. */
export const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';

/** The `xsi:schemaLocation` value from Kaspi's guide (the schema itself is not public). */
export const KASPI_SCHEMA_LOCATION = 'kaspiShopping http://kaspi.kz/kaspishopping.xsd';

/** Highest `preOrder` value the guide allows (days). */
export const MAX_PRE_ORDER_DAYS = 30;
