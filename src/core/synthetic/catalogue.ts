// The demo shop's category catalogue: ~240 named categories with Taobao-like numeric ids, grouped into the
// "streams" the behaviour model draws from. Fixed (independent of the seed), so ids and names never move.

/** Display groups of the catalogue (what the category dictionary's reader may show). */
export type CategoryGroup = 'maternity' | 'pregnancy' | 'baby' | 'kids' | 'women' | 'men' | 'everyday';

/**
 * Behaviour streams: finer than the display groups so that timing can differ (trying to conceive before pregnancy,
 * baby gear while nesting, baby care after birth). Order fixes the stream codes used in typed arrays.
 */
export const STREAMS = [
  'everyday',
  'women',
  'beauty',
  'men',
  'kids',
  'maternity',
  'ttc',
  'pregnancy',
  'gear',
  'care',
] as const;
export type Stream = (typeof STREAMS)[number];

/** The exact names the preset rules (DESIGN.md) use. */
export const PRESET_POSITIVE_CATEGORIES = ['maternity care', 'maternity wear'] as const;
export const PRESET_NEGATIVE_CATEGORIES = ['high heels', 'cosmetics'] as const;

function listNames(text: string): string[] {
  return text
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
}

export interface DemoCategory {
  id: string;
  name: string;
  group: CategoryGroup;
}

// Within each stream the names run from most to least popular: popularity falls with the position.
// Comma-separated lists keep ~240 names compact (no name contains a comma).
const STREAM_NAMES: Record<Stream, readonly string[]> = {
  maternity: listNames(`
    maternity wear, maternity care`),
  ttc: listNames(`
    pregnancy test, folic acid, ovulation tests`),
  pregnancy: listNames(`
    prenatal vitamins, pregnancy pillow, stretch mark cream, maternity belt, DHA supplements,
    pregnancy books, maternity underwear, compression socks, anti-nausea bands, fetal doppler,
    pregnancy journal, maternity swimwear`),
  gear: listNames(`
    strollers, crib, car seats, baby carrier, baby monitor, high chair, play mat, baby bath, bassinet,
    diaper bag, changing table, baby bouncer`),
  care: listNames(`
    diapers, infant formula, baby wipes, baby clothes, baby bottles, breast pump, nursing bras,
    nursing pads, pacifiers, baby food, bibs, baby blanket, swaddles, baby lotion, baby shampoo,
    teething toys, baby socks, bottle sterilizer, baby toys, baby thermometer`),
  kids: listNames(`
    toys, kids' clothes, kids' shoes, building blocks, picture books, children's books, puzzles, dolls,
    toy cars, crayons, school bags, kids' bikes`),
  beauty: listNames(`
    cosmetics, high heels`),
  women: listNames(`
    dresses, skincare, handbags, blouses, skirts, women's jeans, lingerie, face masks, perfume,
    jewelry, women's coats, knitwear, bras, earrings, necklaces, sandals, boots, flats,
    women's sneakers, leggings, scarves, wallets, hair accessories, nail polish, makeup brushes,
    facial cleanser, eye cream, hand cream, hair dye, hair straighteners, hair dryers, epilators,
    pajamas, swimsuits, tights, shapewear, sun hats, belts`),
  men: listNames(`
    men's t-shirts, men's shirts, men's jeans, men's sneakers, men's trousers, men's jackets,
    men's shoes, shavers, razors, shaving cream, men's underwear, men's skincare, beard care,
    men's fragrance, men's watches, men's wallets, men's belts, men's suits, ties, cufflinks,
    backpacks, briefcases, golf, power tools, grills, car care, gaming chairs, drones`),
  everyday: listNames(`
    snacks, groceries, mobile phones, phone cases, fresh fruit, beverages, toilet paper,
    laundry detergent, coffee, tea, instant noodles, dairy, vegetables, rice and grains, meat, seafood,
    frozen food, bakery, chocolate, nuts, breakfast cereal, bottled water, cooking oil, condiments,
    wine, beer, chargers, headphones, laptops, tablets, smart watches, cameras, power banks, keyboards,
    computer mice, monitors, speakers, televisions, game consoles, video games, storage drives,
    routers, printers, ink cartridges, bedding, pillows, towels, curtains, rugs, furniture,
    storage boxes, lighting, kitchen utensils, cookware, tableware, cleaning supplies, tissues,
    trash bags, air purifiers, vacuum cleaners, small kitchen appliances, rice cookers, water filters,
    home decor, plants and gardening, tools, light bulbs, batteries, novels, cookbooks,
    self-help books, business books, comics, magazines, textbooks, stationery, notebooks, pens,
    running shoes, yoga mats, fitness equipment, cycling, camping gear, sportswear, outdoor jackets,
    badminton, basketball, fishing gear, pet food, pet supplies, cat litter, car accessories,
    motor oil, umbrellas, luggage, travel accessories, sunglasses, watches, socks, toothpaste,
    toothbrushes, shampoo, body wash, hand soap, deodorant, sunscreen, medicine, first aid, vitamins,
    face masks (medical), contact lenses, musical instruments, board games, craft supplies,
    party supplies, gift cards, flowers, phone top-up`),
};

const STREAM_GROUP: Record<Stream, CategoryGroup> = {
  everyday: 'everyday',
  women: 'women',
  beauty: 'women',
  men: 'men',
  kids: 'kids',
  maternity: 'maternity',
  ttc: 'pregnancy',
  pregnancy: 'pregnancy',
  gear: 'baby',
  care: 'baby',
};

// Catalogue order interleaves nothing: streams in a fixed display order, popularity order inside each.
const CATALOGUE_ORDER: readonly Stream[] = [
  'maternity',
  'ttc',
  'pregnancy',
  'gear',
  'care',
  'kids',
  'beauty',
  'women',
  'men',
  'everyday',
];

export interface Catalogue {
  categories: DemoCategory[];
  /** per stream: catalogue indices of its categories, most popular first */
  streamMembers: Int32Array[];
  /** per stream: cumulative popularity weights matching streamMembers, ending at 1 */
  streamCumulative: Float64Array[];
}

/** Taobao-like 5-digit ids: a fixed permutation step keeps them unique and unordered-looking. */
function categoryIdAt(index: number): string {
  return String(10000 + ((index * 7919 + 4231) % 90000));
}

function buildCumulative(size: number): Float64Array {
  const out = new Float64Array(size);
  let total = 0;
  for (let i = 0; i < size; i++) total += 1 / Math.pow(i + 1, 0.9);
  let run = 0;
  for (let i = 0; i < size; i++) {
    run += 1 / Math.pow(i + 1, 0.9) / total;
    out[i] = run;
  }
  out[size - 1] = 1;
  return out;
}

/** Builds the catalogue (same result on every call). */
export function buildCatalogue(): Catalogue {
  const categories: DemoCategory[] = [];
  const members: Int32Array[] = STREAMS.map((s) => new Int32Array(STREAM_NAMES[s].length));
  for (const stream of CATALOGUE_ORDER) {
    STREAM_NAMES[stream].forEach((name, i) => {
      members[STREAMS.indexOf(stream)][i] = categories.length;
      categories.push({ id: categoryIdAt(categories.length), name, group: STREAM_GROUP[stream] });
    });
  }
  return {
    categories,
    streamMembers: members,
    streamCumulative: STREAMS.map((s) => buildCumulative(STREAM_NAMES[s].length)),
  };
}
