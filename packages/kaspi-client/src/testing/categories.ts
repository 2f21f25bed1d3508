/**
 * The simulator's classification: leaf categories with their attributes and enum values, shaped
 * like the guide's `classification/*` answers. The set is made up for tests (Kaspi's real list is
 * much longer); codes and attribute codes follow the guide's patterns.
 */

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

type Spec = readonly [
  name: string,
  type: SimulatedAttribute['type'],
  flags: '' | 'm' | 'mv' | 'v',
  values?: readonly string[],
];

const COLOURS = ['черный', 'белый', 'серый', 'синий', 'зеленый', 'красный', 'серебристый'];
const CONNECTION = ['проводная', 'беспроводная', 'Bluetooth'];
const INTERFACES = ['USB Type-A', 'USB Type-C', 'Lightning', 'HDMI', 'DisplayPort', 'microUSB'];
const CAPACITY = ['32 ГБ', '64 ГБ', '128 ГБ', '256 ГБ', '512 ГБ', '1 ТБ', '2 ТБ'];
const RAM = ['2 ГБ', '4 ГБ', '8 ГБ', '16 ГБ', '32 ГБ'];

const colour: Spec = ['Color', 'enum', '', COLOURS];
const mandatoryColour: Spec = ['Color', 'enum', 'm', COLOURS];

const TABLE: ReadonlyArray<readonly [string, string, readonly Spec[]]> = [
  // The guide's own example category comes first.
  [
    'Exercise notebooks',
    'Тетради',
    [
      ['Cover', 'enum', 'm', ['мягкая', 'твердая']],
      ['Sheets', 'number', ''],
    ],
  ],
  ['Rulers', 'Линейки', [['Length', 'number', '']]],
  [
    'Notebooks',
    'Ноутбуки',
    [
      mandatoryColour,
      ['Screen size', 'enum', 'm', ['13.3"', '14"', '15.6"', '16"', '17.3"']],
      ['RAM', 'enum', '', RAM],
      ['Processor', 'string', ''],
    ],
  ],
  [
    'Tablets',
    'Планшеты',
    [mandatoryColour, ['Storage', 'enum', '', CAPACITY], ['Screen size', 'number', '']],
  ],
  [
    'Smartphones',
    'Смартфоны',
    [
      mandatoryColour,
      ['Storage', 'enum', 'm', CAPACITY],
      ['RAM', 'enum', '', RAM],
      ['Dual SIM', 'boolean', ''],
    ],
  ],
  [
    'Monitors',
    'Мониторы',
    [
      colour,
      ['Diagonal', 'number', 'm'],
      ['Matrix', 'enum', '', ['IPS', 'VA', 'TN', 'OLED']],
      ['Interfaces', 'enum', 'v', INTERFACES],
    ],
  ],
  [
    'Keyboards',
    'Клавиатуры',
    [mandatoryColour, ['Connection', 'enum', 'm', CONNECTION], ['Backlight', 'boolean', '']],
  ],
  [
    'Mice',
    'Мыши',
    [mandatoryColour, ['Connection', 'enum', '', CONNECTION], ['DPI', 'number', '']],
  ],
  [
    'Headphones',
    'Наушники',
    [colour, ['Connection', 'enum', 'm', CONNECTION], ['Microphone', 'boolean', '']],
  ],
  [
    'Portable speakers',
    'Портативные колонки',
    [mandatoryColour, ['Power', 'number', ''], ['Bluetooth version', 'string', '']],
  ],
  [
    'Computer speakers',
    'Компьютерные колонки',
    [colour, ['Power', 'number', ''], ['Configuration', 'enum', '', ['2.0', '2.1', '5.1']]],
  ],
  [
    'Routers',
    'Роутеры',
    [
      colour,
      ['Wi-Fi standard', 'enum', 'mv', ['802.11n', '802.11ac', '802.11ax']],
      ['LAN ports', 'number', ''],
    ],
  ],
  [
    'Network switches',
    'Коммутаторы',
    [
      ['Ports', 'number', 'm'],
      ['Managed', 'boolean', ''],
    ],
  ],
  [
    'SSD',
    'Внутренние SSD',
    [
      ['Capacity', 'enum', 'm', CAPACITY],
      ['Form factor', 'enum', '', ['2.5"', 'M.2 2280', 'mSATA']],
    ],
  ],
  [
    'HDD',
    'Жесткие диски',
    [
      ['Capacity', 'enum', 'm', CAPACITY],
      ['Spindle speed', 'number', ''],
    ],
  ],
  [
    'USB flash drives',
    'USB-флешки',
    [colour, ['Capacity', 'enum', 'm', CAPACITY], ['Interface', 'enum', '', INTERFACES]],
  ],
  [
    'Memory cards',
    'Карты памяти',
    [
      ['Capacity', 'enum', 'm', CAPACITY],
      ['Card type', 'enum', '', ['microSD', 'SD', 'CF']],
    ],
  ],
  [
    'Power banks',
    'Внешние аккумуляторы',
    [colour, ['Capacity mAh', 'number', 'm'], ['Outputs', 'enum', 'v', INTERFACES]],
  ],
  [
    'Chargers',
    'Зарядные устройства',
    [colour, ['Power', 'number', ''], ['Outputs', 'enum', 'v', INTERFACES]],
  ],
  [
    'Cables and adapters',
    'Кабели и переходники',
    [
      colour,
      ['Connector A', 'enum', 'm', INTERFACES],
      ['Connector B', 'enum', '', INTERFACES],
      ['Length', 'number', ''],
    ],
  ],
  [
    'Web cameras',
    'Веб-камеры',
    [colour, ['Resolution', 'enum', '', ['720p', '1080p', '4K']], ['Microphone', 'boolean', '']],
  ],
  [
    'Printers',
    'Принтеры',
    [
      colour,
      ['Print technology', 'enum', 'm', ['лазерная', 'струйная']],
      ['Color printing', 'boolean', ''],
    ],
  ],
  [
    'MFP',
    'МФУ',
    [
      colour,
      ['Print technology', 'enum', 'm', ['лазерная', 'струйная']],
      ['Duplex', 'boolean', ''],
    ],
  ],
  [
    'Projectors',
    'Проекторы',
    [colour, ['Brightness', 'number', ''], ['Resolution', 'enum', '', ['720p', '1080p', '4K']]],
  ],
  [
    'Smart watches',
    'Смарт-часы',
    [mandatoryColour, ['Strap material', 'enum', '', ['силикон', 'металл', 'кожа']]],
  ],
  [
    'Fitness bracelets',
    'Фитнес-браслеты',
    [mandatoryColour, ['Heart rate monitor', 'boolean', '']],
  ],
  ['Action cameras', 'Экшн-камеры', [colour, ['Resolution', 'enum', '', ['1080p', '4K', '5K']]]],
  [
    'Car video recorders',
    'Видеорегистраторы',
    [colour, ['Resolution', 'enum', '', ['720p', '1080p', '4K']], ['GPS', 'boolean', '']],
  ],
  [
    'Graphics cards',
    'Видеокарты',
    [
      ['Memory', 'enum', 'm', RAM],
      ['Chipset', 'string', ''],
    ],
  ],
  [
    'Processors',
    'Процессоры',
    [
      ['Socket', 'enum', 'm', ['AM4', 'AM5', 'LGA1700', 'LGA1200']],
      ['Cores', 'number', ''],
    ],
  ],
  [
    'Motherboards',
    'Материнские платы',
    [
      ['Socket', 'enum', 'm', ['AM4', 'AM5', 'LGA1700', 'LGA1200']],
      ['Form factor', 'enum', '', ['ATX', 'mATX', 'Mini-ITX']],
    ],
  ],
  [
    'RAM modules',
    'Оперативная память',
    [
      ['Capacity', 'enum', 'm', RAM],
      ['Type', 'enum', 'm', ['DDR3', 'DDR4', 'DDR5']],
    ],
  ],
  [
    'Power supplies',
    'Блоки питания',
    [
      ['Power', 'number', 'm'],
      ['Certificate', 'enum', '', ['80 PLUS', '80 PLUS Bronze', '80 PLUS Gold']],
    ],
  ],
  [
    'Computer cases',
    'Корпуса',
    [colour, ['Form factor', 'enum', 'v', ['ATX', 'mATX', 'Mini-ITX']]],
  ],
  ['Coolers', 'Кулеры', [colour, ['Fan size', 'number', ''], ['Backlight', 'boolean', '']]],
  [
    'Gamepads',
    'Геймпады',
    [
      colour,
      ['Connection', 'enum', 'm', CONNECTION],
      ['Platforms', 'enum', 'v', ['PC', 'PlayStation', 'Xbox', 'Android']],
    ],
  ],
  ['Microphones', 'Микрофоны', [colour, ['Connection', 'enum', '', CONNECTION]]],
  [
    'UPS',
    'ИБП',
    [
      ['Power VA', 'number', 'm'],
      ['Outlets', 'number', ''],
    ],
  ],
  ['TVs', 'Телевизоры', [colour, ['Diagonal', 'number', 'm'], ['Smart TV', 'boolean', '']]],
];

function attribute(category: string, [name, type, flags, values]: Spec): SimulatedAttribute {
  const base = {
    code: `${category}*${name}`,
    type,
    multiValued: flags.includes('v'),
    mandatory: flags.includes('m'),
  };
  return values === undefined
    ? base
    : { ...base, values: values.map((v) => ({ code: v, name: v })) };
}

/** The simulator's leaf categories (about forty, electronics plus the guide's two examples). */
export const SIM_CATEGORIES: readonly SimulatedCategory[] = TABLE.map(([name, title, specs]) => ({
  code: `Master - ${name}`,
  title,
  attributes: specs.map((spec) => attribute(name, spec)),
}));

const BY_CODE = new Map(SIM_CATEGORIES.map((c) => [c.code, c]));

/** The attributes of a simulated leaf category, or `undefined` when there is no such leaf. */
export function simCategoryAttributes(code: string): readonly SimulatedAttribute[] | undefined {
  return BY_CODE.get(code)?.attributes;
}
