export { isValidSku, SKU_MAX_LENGTH, SKU_PATTERN } from './sku.js';
