export { parseQuantity, type Quantity } from './quantity.js';
