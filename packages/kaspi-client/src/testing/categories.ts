/** One attribute of a simulated category, as `classification/attributes` serves it. */
export interface SimulatedAttribute {
  readonly code: string;
  readonly type: 'enum' | 'string' | 'number' | 'boolean';
  readonly multiValued: boolean;
  readonly mandatory: boolean;
  /** Allowed values of an `enum` attribute (`{ code, name }` as `attribute/values` serves them). */
  readonly values?: readonly { readonly code: string; readonly name: string }[];
}

/** One simulated leaf category. */
export interface SimulatedCategory {
  readonly code: string;
  readonly title: string;
  readonly attributes: readonly SimulatedAttribute[];
}

type Flags = '' | 'm' | 'mv' | 'v';

/** One attribute, its code still without the category; flags: `m` mandatory, `v` multi-valued. */
function attribute(
  code: string,
  type: SimulatedAttribute['type'],
  flags: Flags,
  values?: readonly string[],
): SimulatedAttribute {
  const base = { code, type, multiValued: flags.includes('v'), mandatory: flags.includes('m') };
  return values ? { ...base, values: values.map((v) => ({ code: v, name: v })) } : base;
}
const en = (name: string, values: readonly string[], flags: Flags = '') =>
  attribute(name, 'enum', flags, values);
const num = (name: string, flags: Flags = '') => attribute(name, 'number', flags);
const bool = (name: string) => attribute(name, 'boolean', '');
const text = (name: string) => attribute(name, 'string', '');

const COLOURS = ['черный', 'белый', 'серый', 'синий', 'зеленый', 'красный', 'серебристый'];
const CONNECTION = ['проводная', 'беспроводная', 'Bluetooth'];
const INTERFACES = ['USB Type-A', 'USB Type-C', 'Lightning', 'HDMI', 'DisplayPort', 'microUSB'];
const CAPACITY = ['32 ГБ', '64 ГБ', '128 ГБ', '256 ГБ', '512 ГБ', '1 ТБ', '2 ТБ'];
const RAM = ['2 ГБ', '4 ГБ', '8 ГБ', '16 ГБ', '32 ГБ'];
const PRINTING = ['лазерная', 'струйная'];
const RESOLUTION = ['720p', '1080p', '4K'];
const SOCKETS = ['AM4', 'AM5', 'LGA1700', 'LGA1200'];
const BOARD_FORMS = ['ATX', 'mATX', 'Mini-ITX'];

const colour = en('Color', COLOURS);
const mandatoryColour = en('Color', COLOURS, 'm');

type Row = readonly [title: string, ...attributes: SimulatedAttribute[]];

/**
 * The simulator's classification, leaf categories by name: the title, then the attributes. Made up
 * for tests (Kaspi's real list is much longer), in the guide's patterns: a category's code is
 * `Master - <name>`, an attribute's `<name>*<attribute>`.
 */
const TABLE: Readonly<Record<string, Row>> = {
  // The guide's own example category comes first.
  'Exercise notebooks': ['Тетради', en('Cover', ['мягкая', 'твердая'], 'm'), num('Sheets')],
  Rulers: ['Линейки', num('Length')],
  Notebooks: [
    'Ноутбуки',
    mandatoryColour,
    en('Screen size', ['13.3"', '14"', '15.6"', '16"', '17.3"'], 'm'),
    en('RAM', RAM),
    text('Processor'),
  ],
  Tablets: ['Планшеты', mandatoryColour, en('Storage', CAPACITY), num('Screen size')],
  Smartphones: [
    'Смартфоны',
    mandatoryColour,
    en('Storage', CAPACITY, 'm'),
    en('RAM', RAM),
    bool('Dual SIM'),
  ],
  Monitors: [
    'Мониторы',
    colour,
    num('Diagonal', 'm'),
    en('Matrix', ['IPS', 'VA', 'TN', 'OLED']),
    en('Interfaces', INTERFACES, 'v'),
  ],
  Keyboards: ['Клавиатуры', mandatoryColour, en('Connection', CONNECTION, 'm'), bool('Backlight')],
  Mice: ['Мыши', mandatoryColour, en('Connection', CONNECTION), num('DPI')],
  Headphones: ['Наушники', colour, en('Connection', CONNECTION, 'm'), bool('Microphone')],
  'Portable speakers': [
    'Портативные колонки',
    mandatoryColour,
    num('Power'),
    text('Bluetooth version'),
  ],
  'Computer speakers': [
    'Компьютерные колонки',
    colour,
    num('Power'),
    en('Configuration', ['2.0', '2.1', '5.1']),
  ],
  Routers: [
    'Роутеры',
    colour,
    en('Wi-Fi standard', ['802.11n', '802.11ac', '802.11ax'], 'mv'),
    num('LAN ports'),
  ],
  'Network switches': ['Коммутаторы', num('Ports', 'm'), bool('Managed')],
  SSD: [
    'Внутренние SSD',
    en('Capacity', CAPACITY, 'm'),
    en('Form factor', ['2.5"', 'M.2 2280', 'mSATA']),
  ],
  HDD: ['Жесткие диски', en('Capacity', CAPACITY, 'm'), num('Spindle speed')],
  'USB flash drives': [
    'USB-флешки',
    colour,
    en('Capacity', CAPACITY, 'm'),
    en('Interface', INTERFACES),
  ],
  'Memory cards': [
    'Карты памяти',
    en('Capacity', CAPACITY, 'm'),
    en('Card type', ['microSD', 'SD', 'CF']),
  ],
  'Power banks': [
    'Внешние аккумуляторы',
    colour,
    num('Capacity mAh', 'm'),
    en('Outputs', INTERFACES, 'v'),
  ],
  Chargers: ['Зарядные устройства', colour, num('Power'), en('Outputs', INTERFACES, 'v')],
  'Cables and adapters': [
    'Кабели и переходники',
    colour,
    en('Connector A', INTERFACES, 'm'),
    en('Connector B', INTERFACES),
    num('Length'),
  ],
  'Web cameras': ['Веб-камеры', colour, en('Resolution', RESOLUTION), bool('Microphone')],
  Printers: ['Принтеры', colour, en('Print technology', PRINTING, 'm'), bool('Color printing')],
  MFP: ['МФУ', colour, en('Print technology', PRINTING, 'm'), bool('Duplex')],
  Projectors: ['Проекторы', colour, num('Brightness'), en('Resolution', RESOLUTION)],
  'Smart watches': [
    'Смарт-часы',
    mandatoryColour,
    en('Strap material', ['силикон', 'металл', 'кожа']),
  ],
  'Fitness bracelets': ['Фитнес-браслеты', mandatoryColour, bool('Heart rate monitor')],
  'Action cameras': ['Экшн-камеры', colour, en('Resolution', ['1080p', '4K', '5K'])],
  'Car video recorders': ['Видеорегистраторы', colour, en('Resolution', RESOLUTION), bool('GPS')],
  'Graphics cards': ['Видеокарты', en('Memory', RAM, 'm'), text('Chipset')],
  Processors: ['Процессоры', en('Socket', SOCKETS, 'm'), num('Cores')],
  Motherboards: ['Материнские платы', en('Socket', SOCKETS, 'm'), en('Form factor', BOARD_FORMS)],
  'RAM modules': [
    'Оперативная память',
    en('Capacity', RAM, 'm'),
    en('Type', ['DDR3', 'DDR4', 'DDR5'], 'm'),
  ],
  'Power supplies': [
    'Блоки питания',
    num('Power', 'm'),
    en('Certificate', ['80 PLUS', '80 PLUS Bronze', '80 PLUS Gold']),
  ],
  'Computer cases': ['Корпуса', colour, en('Form factor', BOARD_FORMS, 'v')],
  Coolers: ['Кулеры', colour, num('Fan size'), bool('Backlight')],
  Gamepads: [
    'Геймпады',
    colour,
    en('Connection', CONNECTION, 'm'),
    en('Platforms', ['PC', 'PlayStation', 'Xbox', 'Android'], 'v'),
  ],
  Microphones: ['Микрофоны', colour, en('Connection', CONNECTION)],
  UPS: ['ИБП', num('Power VA', 'm'), num('Outlets')],
  TVs: ['Телевизоры', colour, num('Diagonal', 'm'), bool('Smart TV')],
};

/** The simulator's leaf categories (about forty, electronics plus the guide's two examples). */
export const SIM_CATEGORIES: readonly SimulatedCategory[] = Object.entries(TABLE).map(
  ([name, [title, ...attributes]]) => ({
    code: `Master - ${name}`,
    title,
    attributes: attributes.map((a) => ({ ...a, code: `${name}*${a.code}` })),
  }),
);

const BY_CODE = new Map(SIM_CATEGORIES.map((c) => [c.code, c]));

/** The attributes of a simulated leaf category, or `undefined` when there is no such leaf. */
export function simCategoryAttributes(code: string): readonly SimulatedAttribute[] | undefined {
  return BY_CODE.get(code)?.attributes;
}
