// Joins the parsed docs pages (spec-pages.mjs) into one OpenAPI document, the way
// openapi/openapi.json was first joined by hand (openapi/README.md, "Where openapi.json came from"):
//
// - `openapi`, `info`, `servers`, `security` come from the first English page (upload).
// - Each operation comes from its English page. Where that copy is cut (the stored English list,
//   retrieve and delete copies end after 2,000 characters), what the cut removed comes from the
//   Chinese page of the same operation: a mapping keeps the English entries before the cut and
//   takes the later ones from the Chinese copy; a multi-line text cut mid-way keeps its English
//   lines and continues line for line with the Chinese copy's (list items that name enum values).
// - A component comes from the first English page with a complete copy of it, else the first
//   cut English copy completed as above, else the first Chinese copy; a schema only a Chinese page
//   has takes its descriptions from an English page of another MiniMax document whose schema has
//   the same structure (the video-download page's RetrieveFileBaseResp, for the list/retrieve/
//   delete base_resp). Components are ordered as they first appear on the English pages, then the
//   Chinese-only ones as they first appear on the Chinese pages.
// - Where an English and a Chinese copy both list an enum and the lists differ, the English list
//   is kept and the difference reported, for a maintainer to decide (an overlay action, with its
//   reason).
import { OPERATIONS, SpecPullError } from "./spec-pages.mjs";

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const pointer = (keys) => `#/${keys.map((k) => String(k).replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`;

/** The keys from the root to the last entry parsed: what a cut copy may have lost the rest of. */
function spineOf(value) {
  const spine = [];
  let node = value;
  for (;;) {
    if (Array.isArray(node) && node.length) {
      spine.push(String(node.length - 1));
      node = node.at(-1);
    } else if (isObject(node) && Object.keys(node).length) {
      const key = Object.keys(node).at(-1);
      spine.push(key);
      node = node[key];
    } else return spine;
  }
}

/** Completes an English value cut at `spine` with the Chinese copy; records what was filled. */
function complete(en, zh, keys, page, filled) {
  const at = keys.join("/");
  const onSpine = page.cut && page.spine.length >= keys.length && keys.every((k, i) => page.spine[i] === k);
  if (!onSpine) return en;
  if (en === null || en === undefined) {
    if (zh !== undefined) filled.push(pointer(keys));
    return zh ?? en;
  }
  if (Array.isArray(en)) {
    const last = en.length - 1;
    const head = en.slice(0, last);
    const tail = complete(en[last], Array.isArray(zh) ? zh[last] : undefined, [...keys, String(last)], page, filled);
    const more = Array.isArray(zh) ? zh.slice(en.length) : [];
    if (more.length) filled.push(`${pointer(keys)} items ${en.length}…${en.length + more.length - 1}`);
    return [...head, tail, ...more];
  }
  if (isObject(en)) {
    const out = {};
    const names = Object.keys(en);
    for (const name of names)
      out[name] = name === names.at(-1) ? complete(en[name], zh?.[name], [...keys, name], page, filled) : en[name];
    if (isObject(zh))
      for (const name of Object.keys(zh))
        if (!(name in out)) {
          out[name] = zh[name];
          filled.push(pointer([...keys, name]));
        }
    return out;
  }
  if (typeof en === "string" && page.blockScalars.has(at) && typeof zh === "string") {
    const lines = en.split("\n");
    const rest = zh.split("\n").slice(lines.length);
    if (rest.length) filled.push(`${pointer(keys)} lines ${lines.length + 1}…${lines.length + rest.length}`);
    return [...lines, ...rest].join("\n");
  }
  return en;
}

/** The structure of a schema: everything but its prose and examples. */
function shape(value) {
  if (Array.isArray(value)) return value.map(shape);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== "description" && k !== "example" && k !== "examples")
      .map(([k, v]) => [k, shape(v)]),
  );
}

const numbers = (text) => JSON.stringify((text.match(/\d+/g) ?? []).sort());

/**
 * `target` with each description replaced by the one at the same place in `wording`, when the
 * two name the same numbers (a status-code list that gained a code on one page keeps its text).
 */
function reword(target, wording) {
  if (Array.isArray(target)) return target.map((v, i) => reword(v, wording?.[i]));
  if (!isObject(target)) return target;
  const english = (k, v) =>
    k === "description" &&
    typeof v === "string" &&
    typeof wording?.description === "string" &&
    numbers(v) === numbers(wording.description);
  return Object.fromEntries(
    Object.entries(target).map(([k, v]) => [k, english(k, v) ? wording.description : reword(v, wording?.[k])]),
  );
}

/** Every enum (with its place) under `value`. */
function* enums(value, keys = []) {
  if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* enums(v, [...keys, String(i)]);
  else if (isObject(value))
    for (const [k, v] of Object.entries(value)) {
      if (k === "enum" && Array.isArray(v)) yield [[...keys, k], v];
      else yield* enums(v, [...keys, k]);
    }
}

const at = (value, keys) => keys.reduce((node, key) => node?.[key], value);

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
function* chineseText(value, keys = []) {
  if (typeof value === "string" && CJK.test(value)) yield pointer(keys);
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* chineseText(v, [...keys, String(i)]);
  else if (isObject(value)) for (const [k, v] of Object.entries(value)) yield* chineseText(v, [...keys, k]);
}

/**
 * Joins parsed pages into `{ document, parts, differences, warnings }`: `parts` says which page
 * each part came from, `differences` the enums the English and Chinese copies list differently.
 */
export function joinPages(parsed) {
  const byRole = (role, operation) => parsed.find((p) => p.role === role && p.operation === operation);
  for (const page of parsed) page.spine = page.cut ? spineOf(page.value) : [];
  const first = byRole("en", OPERATIONS[0].id);
  const document = {};
  const parts = [];
  for (const key of ["openapi", "info", "servers", "security"]) {
    if (first.value[key] === undefined) throw new SpecPullError(`spec:pull: page ${first.id} has no \`${key}\``);
    document[key] = first.value[key];
    parts.push({ part: pointer([key]), page: first.id });
  }

  document.paths = {};
  const differences = [];
  for (const op of OPERATIONS) {
    const en = byRole("en", op.id);
    const zh = byRole("zh", op.id);
    const item = en.value.paths?.[op.path];
    if (!isObject(item?.[op.method]))
      throw new SpecPullError(`spec:pull: page ${en.id} (${en.from.at}) has no ${op.method.toUpperCase()} ${op.path}`);
    const filled = [];
    document.paths[op.path] = complete(item, zh?.value.paths?.[op.path], ["paths", op.path], en, filled);
    parts.push({ part: pointer(["paths", op.path]), page: en.id }, ...filled.map((part) => ({ part, page: zh.id })));
    for (const [keys, values] of enums(item)) {
      const other = at(zh?.value.paths?.[op.path], keys);
      if (Array.isArray(other)) differences.push(...enumDifference(["paths", op.path, ...keys], values, other, en, zh));
    }
  }

  document.components = {};
  for (const section of ["schemas", "securitySchemes"]) {
    const chosen = chooseComponents(section, parsed, parts, differences);
    if (Object.keys(chosen).length) document.components[section] = chosen;
  }
  const warnings = [...chineseText(document)].map(
    (p) => `${p} is Chinese text: no English copy of it was found (kept as published)`,
  );
  return { document, parts, differences, warnings };
}

function enumDifference(keys, en, zh, enPage, zhPage) {
  const onlyZh = zh.filter((v) => !en.includes(v));
  const onlyEn = en.filter((v) => !zh.includes(v));
  if (!onlyZh.length && !onlyEn.length) return [];
  return [{ at: pointer(keys), english: enPage.id, chinese: zhPage.id, onlyChinese: onlyZh, onlyEnglish: onlyEn }];
}

function chooseComponents(section, parsed, parts, differences) {
  const candidates = new Map(); // name → [{ page, value, kind }]
  const add = (name, entry) => candidates.set(name, [...(candidates.get(name) ?? []), entry]);
  const ordered = (role) => OPERATIONS.map((op) => parsed.find((p) => p.role === role && p.operation === op.id));
  for (const page of ordered("en")) {
    const components = page.value.components?.[section] ?? {};
    const zh = parsed.find((p) => p.role === "zh" && p.operation === page.operation);
    for (const [name, value] of Object.entries(components)) {
      const keys = ["components", section, name];
      const filled = [];
      const done = complete(value, zh?.value.components?.[section]?.[name], keys, page, filled);
      const cut = page.cut && keys.every((k, i) => page.spine[i] === k);
      add(name, { page, value: done, kind: cut ? 1 : 0, filled, zh });
    }
  }
  for (const page of ordered("zh"))
    for (const [name, value] of Object.entries(page?.value.components?.[section] ?? {}))
      add(name, { page, value, kind: 2, filled: [] });

  const chosen = {};
  for (const [name, list] of candidates) {
    const best = [...list].sort((a, b) => a.kind - b.kind)[0];
    let value = best.value;
    parts.push({ part: pointer(["components", section, name]), page: best.page.id });
    parts.push(...best.filled.map((part) => ({ part, page: best.zh.id })));
    if (best.kind === 2) {
      const wording = findWording(section, value, parsed);
      if (wording) {
        value = reword(value, wording.value);
        parts.push({ part: `${pointer(["components", section, name])} descriptions`, page: wording.page });
      }
    } else {
      const zhCopy = list.find((c) => c.kind === 2);
      if (zhCopy)
        for (const [keys, values] of enums(best.value)) {
          const other = at(zhCopy.value, keys);
          if (Array.isArray(other))
            differences.push(
              ...enumDifference(["components", section, name, ...keys], values, other, best.page, zhCopy.page),
            );
        }
    }
    chosen[name] = value;
  }
  return chosen;
}

function findWording(section, value, parsed) {
  const wanted = JSON.stringify(shape(value));
  for (const page of parsed.filter((p) => p.role === "wording"))
    for (const [name, candidate] of Object.entries(page.value.components?.[section] ?? {}))
      if (JSON.stringify(shape(candidate)) === wanted) return { page: `${page.id} (${name})`, value: candidate };
  return undefined;
}
