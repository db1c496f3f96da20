/**
 * Tests of kaplanMeier.
 *
 * Reference values:
 * - tests/reference/survival_reference.py (numpy 1.24 / scipy 1.10, /usr/bin/python3): the
 *   product-limit estimate, Greenwood's formula and the log(-log) band written out independently;
 *   pasted below with repr() and asserted to 1e-10. lifelines and R are not installed here.
 * - Published: Kleinbaum & Klein, "Survival Analysis: A Self-Learning Text", 3rd ed. (2012),
 *   ch. 2, KM table for the Freireich 6-MP group (S = 0.8571, 0.8067, 0.7529, 0.6902, 0.6275,
 *   0.5378, 0.4482 at weeks 6, 7, 10, 13, 16, 22, 23), and Klein & Moeschberger, "Survival
 *   Analysis", 2nd ed. (2003), example 4.1 (Greenwood standard errors 0.0764, 0.0869, 0.0963,
 *   0.1068, 0.1141, 0.1282, 0.1346); Stata's `sts list, by(group)` of the same data (Greenwood
 *   errors and log-log bands) in G. Rodríguez, "Kaplan-Meier Survival",
 *   http://data.princeton.edu/eco572/KaplanMeier.html: control weeks 1 and 2,
 *   `0.9048 0.0641 0.6700 0.9753` and `0.8095 0.0857 0.5689 0.9239`. Asserted to the printed
 *   precision.
 */
import assert from "node:assert/strict";
import pl from "nodejs-polars";
import { kaplanMeier } from "./kaplan_meier.ts";
import { assertClose } from "../../tests/_helpers.ts";
import { FREIREICH, PLANS, survivalFrame } from "./_test_fixtures.ts";

interface Expected {
  time: number[];
  at_risk: number[];
  events: number[];
  censored: number[];
  survival: number[];
  std_error: (number | null)[];
  lower: (number | null)[];
  upper: (number | null)[];
  median: number | null;
}

// From tests/reference/survival_reference.py (NaN printed by numpy written as null).
const FREIREICH_95: Record<string, Expected> = {
  "6-MP": {
    time: [
      0.0,
      6.0,
      7.0,
      9.0,
      10.0,
      11.0,
      13.0,
      16.0,
      17.0,
      19.0,
      20.0,
      22.0,
      23.0,
      25.0,
      32.0,
      34.0,
      35.0,
    ],
    at_risk: [21, 21, 17, 16, 15, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 2, 1],
    events: [0, 3, 1, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0],
    censored: [0, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0, 1, 2, 1, 1],
    survival: [
      1.0,
      0.8571428571428572,
      0.8067226890756303,
      0.8067226890756303,
      0.7529411764705882,
      0.7529411764705882,
      0.6901960784313725,
      0.6274509803921569,
      0.6274509803921569,
      0.6274509803921569,
      0.6274509803921569,
      0.5378151260504203,
      0.44817927170868355,
      0.44817927170868355,
      0.44817927170868355,
      0.44817927170868355,
      0.44817927170868355,
    ],
    std_error: [
      0.0,
      0.07636035483212125,
      0.0869352851800572,
      0.0869352851800572,
      0.09634965299432051,
      0.09634965299432051,
      0.10681470777500983,
      0.11405386525675254,
      0.11405386525675254,
      0.11405386525675254,
      0.11405386525675254,
      0.12823375169303403,
      0.13459145675576048,
      0.13459145675576048,
      0.13459145675576048,
      0.13459145675576048,
      0.13459145675576048,
    ],
    lower: [
      1.0,
      0.6197179552659837,
      0.5631465646222333,
      0.5631465646222333,
      0.5031995107999564,
      0.5031995107999564,
      0.43161022248618397,
      0.36751085598750205,
      0.36751085598750205,
      0.36751085598750205,
      0.36751085598750205,
      0.267778936767135,
      0.1880520059592324,
      0.1880520059592324,
      0.1880520059592324,
      0.1880520059592324,
      0.1880520059592324,
    ],
    upper: [
      1.0,
      0.9515517476469971,
      0.9228090192028805,
      0.9228090192028805,
      0.8893618351692656,
      0.8893618351692656,
      0.8490659633494508,
      0.8049121894718413,
      0.8049121894718413,
      0.8049121894718413,
      0.8049121894718413,
      0.7467907176353947,
      0.6801426284952415,
      0.6801426284952415,
      0.6801426284952415,
      0.6801426284952415,
      0.6801426284952415,
    ],
    median: 23.0,
  },
  "placebo": {
    time: [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 8.0, 11.0, 12.0, 15.0, 17.0, 22.0, 23.0],
    at_risk: [21, 21, 19, 17, 16, 14, 12, 8, 6, 4, 3, 2, 1],
    events: [0, 2, 2, 1, 2, 2, 4, 2, 2, 1, 1, 1, 1],
    censored: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    survival: [
      1.0,
      0.9047619047619048,
      0.8095238095238095,
      0.7619047619047619,
      0.6666666666666666,
      0.5714285714285714,
      0.380952380952381,
      0.28571428571428575,
      0.19047619047619052,
      0.1428571428571429,
      0.09523809523809527,
      0.04761904761904764,
      0.0,
    ],
    std_error: [
      0.0,
      0.0640564484890047,
      0.0856890867468988,
      0.09294286409033649,
      0.10286889997472794,
      0.10798984943120776,
      0.10597116957413083,
      0.09858079419176491,
      0.08568908674689882,
      0.07636035483212128,
      0.06405644848900471,
      0.046471432045168265,
      null,
    ],
    lower: [
      1.0,
      0.6700458822350335,
      0.5689050599241725,
      0.5193914153284287,
      0.4253504355652472,
      0.33797695385949306,
      0.1830665488203944,
      0.11656132643676466,
      0.05948170136117526,
      0.03565735519066671,
      0.016259260212247013,
      0.003324463042531175,
      null,
    ],
    upper: [
      1.0,
      0.9752941490381125,
      0.9238888285592949,
      0.8932571097824872,
      0.8250440087973401,
      0.7492407099432165,
      0.577788677745831,
      0.4818196480090256,
      0.3774348905851501,
      0.32116157468086937,
      0.261249981968687,
      0.19704490569894614,
      null,
    ],
    median: 8.0,
  },
};
// The 90% band differs from the 95% one only in lower and upper.
const FREIREICH_90: Record<string, Expected> = {
  "6-MP": {
    ...FREIREICH_95["6-MP"],
    lower: [
      1.0,
      0.6711067805921727,
      0.6124785439855793,
      0.6124785439855793,
      0.5511233819278846,
      0.5511233819278846,
      0.478700309674244,
      0.412612768005705,
      0.412612768005705,
      0.412612768005705,
      0.412612768005705,
      0.3112140805818495,
      0.22646208824501088,
      0.22646208824501088,
      0.22646208824501088,
      0.22646208824501088,
      0.22646208824501088,
    ],
    upper: [
      1.0,
      0.9421594057201215,
      0.9101978328466835,
      0.9101978328466835,
      0.8735812432744232,
      0.8735812432744232,
      0.8297610650198319,
      0.7823912244425658,
      0.7823912244425658,
      0.7823912244425658,
      0.7823912244425658,
      0.7192331872249728,
      0.6481135841402935,
      0.6481135841402935,
      0.6481135841402935,
      0.6481135841402935,
      0.6481135841402935,
    ],
  },
};
const PLANS_95: Record<string, Expected> = {
  "basic": {
    time: [0.0, 1.5, 3.0, 5.0, 7.0, 10.0],
    at_risk: [10, 8, 7, 4, 3, 1],
    events: [1, 1, 2, 0, 2, 0],
    censored: [1, 0, 1, 1, 0, 1],
    survival: [0.9, 0.7875, 0.5625, 0.5625, 0.18750000000000003, 0.18750000000000003],
    std_error: [
      0.09486832980505137,
      0.13403299500496135,
      0.1650639080780532,
      0.1650639080780532,
      0.16268018856025465,
      0.16268018856025465,
    ],
    lower: [
      0.47300927136205034,
      0.38088152320549645,
      0.20942124371047172,
      0.20942124371047172,
      0.009822644356832758,
      0.009822644356832758,
    ],
    upper: [
      0.9852813933673431,
      0.9425909522237037,
      0.8091709215309918,
      0.8091709215309918,
      0.5454554969001504,
      0.5454554969001504,
    ],
    median: 7.0,
  },
  "plus": {
    time: [0.0, 2.0, 4.0, 6.0, 8.0, 9.0, 12.0],
    at_risk: [8, 8, 7, 5, 3, 2, 1],
    events: [0, 0, 2, 1, 0, 1, 1],
    censored: [0, 1, 0, 1, 1, 0, 0],
    survival: [
      1.0,
      1.0,
      0.7142857142857143,
      0.5714285714285715,
      0.5714285714285715,
      0.28571428571428575,
      0.0,
    ],
    std_error: [
      0.0,
      0.0,
      0.17074694419062766,
      0.18704390591656495,
      0.18704390591656495,
      0.2226267778497085,
      null,
    ],
    lower: [
      1.0,
      1.0,
      0.25815366545879487,
      0.171866015528775,
      0.171866015528775,
      0.014416943873052314,
      null,
    ],
    upper: [
      1.0,
      1.0,
      0.9197974560448583,
      0.8370827803491807,
      0.8370827803491807,
      0.690595012365542,
      null,
    ],
    median: 9.0,
  },
  "pro": {
    time: [0.0, 1.0, 5.0, 11.0, 14.0],
    at_risk: [7, 7, 6, 4, 1],
    events: [0, 0, 1, 1, 0],
    censored: [0, 1, 1, 2, 1],
    survival: [1.0, 1.0, 0.8333333333333334, 0.625, 0.625],
    std_error: [0.0, 0.0, 0.15214515486254615, 0.21347814095749162, 0.21347814095749162],
    lower: [1.0, 1.0, 0.27312284992835584, 0.141853389931655, 0.141853389931655],
    upper: [1.0, 1.0, 0.9747124266908935, 0.8930506044985778, 0.8930506044985778],
    median: null,
  },
};

function assertTable(
  km: pl.DataFrame,
  expected: Record<string, Expected>,
  grouped: boolean,
  label: string,
): void {
  const groups = Object.keys(expected);
  if (grouped) {
    assert.deepEqual(
      km.getColumn("group").toArray(),
      groups.flatMap((g) => expected[g].time.map(() => g)),
      label,
    );
  } else {
    assert.ok(!km.columns.includes("group"));
  }
  const all = (key: keyof Expected) => groups.flatMap((g) => expected[g][key] as number[]);
  for (const column of ["time", "at_risk", "events", "censored"] as const) {
    assert.deepEqual(km.getColumn(column).toArray(), all(column), `${label} ${column}`);
  }
  for (const column of ["survival", "std_error", "lower", "upper"] as const) {
    // A null in the reference (numpy's NaN) must be a null in the table; the rest close to 1e-10.
    const actual = km.getColumn(column).toArray() as (number | null)[];
    const expected = all(column) as (number | null)[];
    const what = `${label} ${column}`;
    assert.deepEqual(actual.map((v) => v === null), expected.map((v) => v === null), what);
    assertClose(actual.map((v) => v ?? NaN), expected.map((v) => v ?? NaN), 1e-10, what);
  }
}

const options = { duration: "duration", event: "event", group: "group" };

Deno.test("kaplanMeier() matches the numpy reference on the Freireich data, by group", () => {
  const km = kaplanMeier(survivalFrame(FREIREICH), options);
  assert.deepEqual(km.columns, [
    "group",
    "time",
    "at_risk",
    "events",
    "censored",
    "survival",
    "std_error",
    "lower",
    "upper",
  ]);
  assert.deepEqual(
    km.dtypes.map((d) => d.variant),
    ["String", "Float64", "Int64", "Int64", "Int64", "Float64", "Float64", "Float64", "Float64"],
  );
  assertTable(km, FREIREICH_95, true, "Freireich");
});

Deno.test("kaplanMeier() matches the numpy reference at 90% confidence, ungrouped", () => {
  const df = survivalFrame(FREIREICH, ["6-MP"]);
  const km = kaplanMeier(df, { duration: "duration", event: "event", confidence: 0.9 });
  assertTable(km, FREIREICH_90, false, "Freireich 90%");
});

Deno.test("kaplanMeier() handles zeros, fractions, ties and a curve reaching 0", () => {
  const km = kaplanMeier(survivalFrame(PLANS), options);
  assertTable(km, PLANS_95, true, "plans");
  // "basic" has a churn at time 0: its first row is time 0 with that event, not an extra row.
  const basic = km.filter(pl.col("group").eq(pl.lit("basic")));
  assert.deepEqual(basic.getColumn("time").toArray().slice(0, 2), [0, 1.5]);
  assert.equal(basic.getColumn("survival").toArray()[0], 0.9);
});

Deno.test("kaplanMeier() reproduces the published Freireich tables to their printed precision", () => {
  const km = kaplanMeier(survivalFrame(FREIREICH), options);
  const at = (group: string, time: number) =>
    km.filter(pl.col("group").eq(pl.lit(group)).and(pl.col("time").eq(pl.lit(time))))
      .toRecords()[0];
  const round = (v: unknown, digits: number) => Number((v as number).toFixed(digits));
  // Kleinbaum & Klein (S) and Klein & Moeschberger (Greenwood SE), 6-MP group.
  const textbook: [number, number, number][] = [
    [6, 0.8571, 0.0764],
    [7, 0.8067, 0.0869],
    [10, 0.7529, 0.0963],
    [13, 0.6902, 0.1068],
    [16, 0.6275, 0.1141],
    [22, 0.5378, 0.1282],
    [23, 0.4482, 0.1346],
  ];
  for (const [time, survival, se] of textbook) {
    const row = at("6-MP", time);
    assert.equal(round(row.survival, 4), survival, `S(${time})`);
    assert.equal(round(row.std_error, 4), se, `se(${time})`);
  }
  // Stata sts list (Rodríguez): survivor, std. error, 95% log-log interval, control group.
  const stata: [number, number[]][] = [
    [1, [0.9048, 0.0641, 0.6700, 0.9753]],
    [2, [0.8095, 0.0857, 0.5689, 0.9239]],
  ];
  for (const [time, values] of stata) {
    const row = at("placebo", time);
    assert.deepEqual(
      [row.survival, row.std_error, row.lower, row.upper].map((v) => round(v, 4)),
      values,
      `placebo week ${time}`,
    );
  }
});

Deno.test("kaplanMeier() accepts boolean events and numeric groups, sorted by value", () => {
  const df = pl.DataFrame({
    tier: [10, 2, 10, 2, 2],
    months: [3, 1, 5, 2, 2],
    churned: [true, false, false, true, true],
  });
  const km = kaplanMeier(df, { duration: "months", event: "churned", group: "tier" });
  assert.deepEqual(km.getColumn("group").toArray(), ["2", "2", "2", "10", "10", "10"]);
  assert.deepEqual(km.getColumn("time").toArray(), [0, 1, 2, 0, 3, 5]);
  assert.deepEqual(km.getColumn("survival").toArray(), [1, 1, 0, 1, 0.5, 0.5]);
  assert.deepEqual(km.getColumn("std_error").toArray().slice(0, 3), [0, 0, null]);
});

Deno.test("kaplanMeier() does not modify its input", () => {
  const df = survivalFrame(PLANS);
  const before = df.toRecords();
  kaplanMeier(df, options);
  assert.deepEqual(df.toRecords(), before);
});

Deno.test("kaplanMeier() reports bad input", () => {
  const good = { d: [1, 2], e: [1, 0] };
  assert.throws(() => kaplanMeier(pl.DataFrame(good), { duration: "t", event: "e" }), {
    name: "TypeError",
    message:
      'Cannot estimate Kaplan-Meier survival as column "t" is missing: available columns are d, e',
  });
  assert.throws(
    () => kaplanMeier(pl.DataFrame({ d: ["1", "2"], e: [1, 0] }), { duration: "d", event: "e" }),
    {
      name: "TypeError",
      message:
        'Cannot estimate Kaplan-Meier survival as column "d" is not numeric: its dtype is String',
    },
  );
  assert.throws(
    () => kaplanMeier(pl.DataFrame({ d: [1, 2], e: ["Yes", "No"] }), { duration: "d", event: "e" }),
    {
      name: "TypeError",
      message:
        'Cannot estimate Kaplan-Meier survival as column "e" must hold 0/1 numbers or booleans: it is String',
    },
  );
  assert.throws(
    () =>
      kaplanMeier(pl.DataFrame({ d: [1, 2, 3], e: [1, 2, 0.5] }), { duration: "d", event: "e" }),
    {
      name: "RangeError",
      message:
        'Cannot estimate Kaplan-Meier survival as column "e" must be 1 (event) or 0 (censored): 2 rows hold 2, 0.5 (rows 2, 3)',
    },
  );
  assert.throws(
    () =>
      kaplanMeier(pl.DataFrame({ d: [1, -2, NaN], e: [1, 0, 1] }), { duration: "d", event: "e" }),
    {
      name: "RangeError",
      message:
        'Cannot estimate Kaplan-Meier survival as 2 rows have a missing, NaN, infinite or negative duration in column "d": rows 2, 3 (values -2, NaN)',
    },
  );
  assert.throws(
    () => kaplanMeier(pl.DataFrame({ d: [1, null], e: [1, 0] }), { duration: "d", event: "e" }),
    /1 row has a missing, NaN, infinite or negative duration in column "d": rows 2 \(values null\)/,
  );
  assert.throws(
    () => kaplanMeier(pl.DataFrame({ d: [1, 2], e: [1, null] }), { duration: "d", event: "e" }),
    /1 row holds null \(rows 2\)/,
  );
  assert.throws(
    () =>
      kaplanMeier(pl.DataFrame({ d: [1, 2], e: [1, 0], g: ["a", null] }), {
        duration: "d",
        event: "e",
        group: "g",
      }),
    {
      name: "RangeError",
      message:
        'Cannot estimate Kaplan-Meier survival as 1 row has a missing group in column "g": rows 2',
    },
  );
  assert.throws(
    () => kaplanMeier(pl.DataFrame(good).head(0), { duration: "d", event: "e" }),
    {
      name: "RangeError",
      message: "Cannot estimate Kaplan-Meier survival as the frame is empty: 0 rows",
    },
  );
  assert.throws(
    () => kaplanMeier(pl.DataFrame(good), { duration: "d", event: "e", confidence: 1 }),
    {
      name: "RangeError",
      message: "Cannot estimate Kaplan-Meier survival as confidence must be in (0, 1): got 1",
    },
  );
  assert.throws(
    // @ts-expect-error: a wrong type on purpose
    () => kaplanMeier(pl.DataFrame(good), { duration: "d", event: "e", confidence: "95%" }),
    TypeError,
  );
  assert.throws(
    // @ts-expect-error: a wrong type on purpose
    () => kaplanMeier(pl.DataFrame(good), { duration: 3, event: "e" }),
    {
      name: "TypeError",
      message:
        "Cannot estimate Kaplan-Meier survival as option duration must name a column: got number",
    },
  );
});
