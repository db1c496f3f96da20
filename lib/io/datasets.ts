/**
 * Loaders for the datasets bundled in `data/` (provenance, licences and checksums in
 * `data/README.md`). Each returns canonical snake_case columns and documents every change it makes
 * to the file's values.
 *
 * @module
 */
import pl from "nodejs-polars";
import type { DataFrame, DataType } from "../core/frame.ts";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readTransactions } from "./read_transactions.ts";

/** Options shared by the bundled-data loaders. */
export interface DatasetOptions {
  /** Folder holding the bundled files. Defaults to the project's `data/`. */
  dataDir?: string;
}

/** The project's `data/` folder, resolved from this file so notebooks can run from any folder. */
export const DATA_DIR: string = fileURLToPath(new URL("../../data/", import.meta.url));

/** File names of the bundled datasets, relative to {@linkcode DATA_DIR}. */
export const DATASET_FILES = {
  onlineRetail: "online_retail.parquet",
  mallCustomers: "Mall_Customers.csv",
  telcoChurn: "WA_Fn-UseC_-Telco-Customer-Churn.csv",
  cdnowMaster: "CDNOW_master.txt",
  cdnowSample: "CDNOW_sample.txt",
  marketingCampaign: "marketing_campaign.csv",
  onlineShoppers: "online_shoppers_intention.csv",
  onlineRetailII: "online_retail_II_2009-2010.parquet",
} as const;

/** Column mapping from the Online Retail file to the canonical transaction columns. */
export const ONLINE_RETAIL_COLUMNS = {
  customer_id: "CustomerID",
  invoice_id: "InvoiceNo",
  invoice_date: "InvoiceDate",
  product_id: "StockCode",
  description: "Description",
  quantity: "Quantity",
  unit_price: "UnitPrice",
  country: "Country",
} as const;

/** Options for {@linkcode loadOnlineRetail}. */
export interface LoadOnlineRetailOptions extends DatasetOptions {
  /**
   * The bundled Parquet conversion wrote each missing description as the literal `"Unknown"`
   * (1,454 rows; the other conversion of the same data has nulls in exactly those rows, and the
   * literal occurs nowhere else). When true (the default), `"Unknown"` is read back as missing.
   */
  restoreMissingDescriptions?: boolean;
}

/**
 * Loads UCI Online Retail (541,909 invoice lines, Dec 2010 to Dec 2011) as canonical
 * transactions, raw: nothing is removed, so {@linkcode checkTransactions} sees every quirk.
 *
 * @param options Data folder and the `"Unknown"` description switch.
 * @returns The canonical transactions (see {@linkcode readTransactions}).
 * @throws {Deno.errors.NotFound} When the file is not in the data folder.
 *
 * @example Load the bundled transactions
 * ```ts
 * import { loadOnlineRetail } from "./datasets.ts";
 * import assert from "node:assert/strict";
 *
 * const tx = loadOnlineRetail();
 * assert.equal(tx.height, 541_909);
 * ```
 */
export function loadOnlineRetail(options: LoadOnlineRetailOptions = {}): DataFrame {
  const path = join(options.dataDir ?? DATA_DIR, DATASET_FILES.onlineRetail);
  const tx = readTransactions(path, { columns: ONLINE_RETAIL_COLUMNS });
  if (options.restoreMissingDescriptions === false) return tx;
  const d = pl.col("description");
  return tx.withColumns(
    pl.when(d.eq(pl.lit("Unknown"))).then(pl.lit(null).cast(pl.Utf8)).otherwise(d).alias(
      "description",
    ),
  );
}

/**
 * Loads Mall Customers (200 rows) with columns `customer_id` (the zero-padded id as text),
 * `gender` (the file's `Genre`), `age`, `annual_income_k` (thousands of dollars) and
 * `spending_score` (1-100, assigned by the mall).
 *
 * @param options Data folder.
 * @returns A new DataFrame of 200 rows.
 * @throws {Deno.errors.NotFound} When the file is not in the data folder.
 *
 * @example Load the mall customers
 * ```ts
 * import { loadMallCustomers } from "./datasets.ts";
 * import assert from "node:assert/strict";
 *
 * const mall = loadMallCustomers();
 * assert.deepEqual(mall.shape, { height: 200, width: 5 });
 * ```
 */
export function loadMallCustomers(options: LoadMallCustomersOptions = {}): DataFrame {
  const path = join(options.dataDir ?? DATA_DIR, DATASET_FILES.mallCustomers);
  const raw = pl.readCSV(path, { inferSchemaLength: 0 });
  return raw.select(
    pl.col("CustomerID").str.strip().alias("customer_id"),
    pl.col("Genre").str.strip().alias("gender"),
    pl.col("Age").cast(pl.Int64).alias("age"),
    pl.col("Annual Income (k$)").cast(pl.Int64).alias("annual_income_k"),
    pl.col("Spending Score (1-100)").str.strip().cast(pl.Int64).alias("spending_score"),
  );
}

/** Options for {@linkcode loadMallCustomers}: only the data folder. */
export type LoadMallCustomersOptions = DatasetOptions;

/** Telco's numeric feature columns (as {@linkcode loadTelcoChurn} names them). */
export const TELCO_NUMERIC_COLUMNS: readonly string[] = Object.freeze([
  "senior_citizen",
  "tenure_months",
  "monthly_charges",
  "total_charges",
]);

/** Telco's categorical feature columns (Yes/No flags and multi-level services), for one-hot. */
export const TELCO_CATEGORICAL_COLUMNS: readonly string[] = Object.freeze([
  "gender",
  "partner",
  "dependents",
  "phone_service",
  "multiple_lines",
  "internet_service",
  "online_security",
  "online_backup",
  "device_protection",
  "tech_support",
  "streaming_tv",
  "streaming_movies",
  "contract",
  "paperless_billing",
  "payment_method",
]);

/** Options for {@linkcode loadTelcoChurn}. */
export interface LoadTelcoChurnOptions extends DatasetOptions {
  /**
   * What the 11 blank `TotalCharges` become: `"missing"` (default, null) or `"zero"` (they are
   * exactly the customers with tenure 0, who have not been billed yet; models need a number).
   */
  blankTotalCharges?: "missing" | "zero";
}

/**
 * Loads IBM Telco Customer Churn (7,043 customers) with snake_case column names
 * (`customerID` becomes `customer_id`, `tenure` becomes `tenure_months`, `MonthlyCharges` becomes
 * `monthly_charges`, ...). Value changes: `total_charges` is numeric, and its 11 blank values
 * (exactly the customers with `tenure_months == 0`) are missing or 0 (`blankTotalCharges`); a
 * `churned` column (Int32, 1 for `Churn == "Yes"`) is added for models. Yes/No columns stay text.
 *
 * @param options Data folder and the treatment of blank total charges.
 * @returns A new DataFrame of 7,043 rows and 22 columns.
 * @throws {Deno.errors.NotFound} When the file is not in the data folder.
 *
 * @example Load Telco and count the blank total charges
 * ```ts
 * import { loadTelcoChurn } from "./datasets.ts";
 * import assert from "node:assert/strict";
 *
 * const telco = loadTelcoChurn();
 * assert.equal(telco.getColumn("total_charges").nullCount(), 11);
 * assert.equal(telco.getColumn("churned").sum(), 1_869);
 * ```
 */
export function loadTelcoChurn(options: LoadTelcoChurnOptions = {}): DataFrame {
  const path = join(options.dataDir ?? DATA_DIR, DATASET_FILES.telcoChurn);
  const raw = pl.readCSV(path, { inferSchemaLength: 0 });
  const rename: Record<string, string> = {
    customerID: "customer_id",
    tenure: "tenure_months",
  };
  return raw.select(
    ...raw.columns.map((name) => {
      const out = rename[name] ?? snakeCase(name);
      const col = pl.col(name).str.strip();
      if (name === "SeniorCitizen" || name === "tenure") return col.cast(pl.Int64).alias(out);
      if (name === "MonthlyCharges") return col.cast(pl.Float64).alias(out);
      if (name === "TotalCharges") {
        const blank = options.blankTotalCharges === "zero" ? pl.lit(0) : pl.lit(null);
        return pl.when(col.eq(pl.lit(""))).then(blank.cast(pl.Float64))
          .otherwise(col.cast(pl.Float64, false)).alias(out);
      }
      return col.alias(out);
    }),
    pl.col("Churn").str.strip().eq(pl.lit("Yes")).cast(pl.Int32).alias("churned"),
  );
}

/** Options for {@linkcode loadCdnow}. */
export interface LoadCdnowOptions extends DatasetOptions {
  /** `"master"`: the full cohort of 23,570 customers (default); `"sample"`: the 1/10 sample. */
  file?: "master" | "sample";
}

/**
 * Loads the CDNOW purchase log (Fader, Hardie and Lee) as one row per purchase record:
 * `customer_id` (the master file's zero-padded id), `invoice_date` (Date), `quantity` (CDs) and
 * `monetary` (dollars). Same-day records and exact duplicates are kept as in the file: the BG/NBD
 * literature counts purchase days, which is the model's choice, not the loader's.
 *
 * @param options Which file and the data folder.
 * @returns A new DataFrame (69,659 rows for master, 6,919 for the sample).
 * @throws {Deno.errors.NotFound} When the file is not in the data folder.
 * @throws {TypeError} When a line does not have the expected fields.
 *
 * @example Load the CDNOW sample
 * ```ts
 * import { loadCdnow } from "./datasets.ts";
 * import assert from "node:assert/strict";
 *
 * const cdnow = loadCdnow({ file: "sample" });
 * assert.equal(cdnow.height, 6_919);
 * ```
 */
export function loadCdnow(options: LoadCdnowOptions = {}): DataFrame {
  const file = options.file ?? "master";
  const name = file === "master" ? DATASET_FILES.cdnowMaster : DATASET_FILES.cdnowSample;
  const text = Deno.readTextFileSync(join(options.dataDir ?? DATA_DIR, name));
  // Space-aligned columns. master: id date cds dollars (with a header line);
  // sample: master_id sample_id date cds dollars (no header).
  const offset = file === "master" ? 0 : 1;
  const ids: string[] = [];
  const dates: Date[] = [];
  const quantity: number[] = [];
  const monetary: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const fields = lines[i].trim().split(/\s+/);
    if (fields.length === 1 && fields[0] === "") continue;
    if (fields[0] === "customer_id") continue;
    const ymd = fields[1 + offset];
    if (fields.length !== 4 + offset || !/^\d{8}$/.test(ymd ?? "")) {
      throw new TypeError(
        `Cannot load CDNOW as line ${i + 1} of ${name} does not have ${4 + offset} fields: ${
          JSON.stringify(lines[i])
        }`,
      );
    }
    ids.push(fields[0]);
    dates.push(
      new Date(Date.UTC(+ymd.slice(0, 4), +ymd.slice(4, 6) - 1, +ymd.slice(6, 8))),
    );
    quantity.push(Number(fields[2 + offset]));
    monetary.push(Number(fields[3 + offset]));
  }
  return pl.DataFrame({
    customer_id: ids,
    invoice_date: pl.Series("invoice_date", dates).cast(pl.Date),
    quantity: pl.Series("quantity", quantity).cast(pl.Int64),
    monetary: pl.Series("monetary", monetary, pl.Float64),
  });
}

/** File column to loader column for {@linkcode loadMarketingCampaign}, in file order. */
export const MARKETING_CAMPAIGN_COLUMNS: Readonly<Record<string, string>> = Object.freeze({
  ID: "customer_id",
  Year_Birth: "birth_year",
  Education: "education",
  Marital_Status: "marital_status",
  Income: "income",
  Kidhome: "kids_at_home",
  Teenhome: "teens_at_home",
  Dt_Customer: "enrolled_date",
  Recency: "recency_days",
  MntWines: "spend_wines",
  MntFruits: "spend_fruits",
  MntMeatProducts: "spend_meat",
  MntFishProducts: "spend_fish",
  MntSweetProducts: "spend_sweets",
  MntGoldProds: "spend_gold",
  NumDealsPurchases: "deal_purchases",
  NumWebPurchases: "web_purchases",
  NumCatalogPurchases: "catalog_purchases",
  NumStorePurchases: "store_purchases",
  NumWebVisitsMonth: "web_visits_month",
  AcceptedCmp3: "accepted_cmp3",
  AcceptedCmp4: "accepted_cmp4",
  AcceptedCmp5: "accepted_cmp5",
  AcceptedCmp1: "accepted_cmp1",
  AcceptedCmp2: "accepted_cmp2",
  Complain: "complained",
  Z_CostContact: "z_cost_contact",
  Z_Revenue: "z_revenue",
  Response: "response",
});

/** Options for {@linkcode loadMarketingCampaign}: only the data folder. */
export type LoadMarketingCampaignOptions = DatasetOptions;

/**
 * Loads the marketing-campaign customers ("Customer Personality Analysis", 2,240 customers, one
 * row each; the file is tab-separated despite its `.csv` name). Columns, renamed by
 * {@linkcode MARKETING_CAMPAIGN_COLUMNS}: `customer_id` (Int64), `birth_year`, `education` and
 * `marital_status` (text, as in the file, junk levels such as `"YOLO"` kept), `income` (Float64,
 * yearly household income; 24 blanks become missing), `kids_at_home`, `teens_at_home`,
 * `enrolled_date` (Date, parsed day-first from `DD-MM-YYYY`), `recency_days` (days since the last
 * purchase), `spend_wines` ... `spend_gold` (amount spent per category in the last two years),
 * `deal_purchases`, `web_purchases`, `catalog_purchases`, `store_purchases` (purchase counts),
 * `web_visits_month` (web visits last month), `accepted_cmp3`, `accepted_cmp4`, `accepted_cmp5`,
 * `accepted_cmp1`, `accepted_cmp2` (0/1 response to campaigns 1-5, in the file's column order),
 * `complained` (0/1, complaint in the last two years), `z_cost_contact` and `z_revenue` (constant 3
 * and 11 in every row, kept as in the file) and `response` (0/1, accepted the last campaign).
 * Integers are Int64. Nothing else is changed and no row is removed: the 182 rows that repeat
 * another customer's profile under a different id stay, for quality checks to find.
 *
 * @param options Data folder.
 * @returns A new DataFrame of 2,240 rows and 29 columns.
 * @throws {Deno.errors.NotFound} When the file is not in the data folder.
 *
 * @example Load the campaign customers
 * ```ts
 * import { loadMarketingCampaign } from "./datasets.ts";
 * import assert from "node:assert/strict";
 *
 * const mc = loadMarketingCampaign();
 * assert.deepEqual(mc.shape, { height: 2_240, width: 29 });
 * assert.equal(mc.getColumn("income").nullCount(), 24);
 * assert.equal(mc.getColumn("response").sum(), 334);
 * ```
 */
export function loadMarketingCampaign(options: LoadMarketingCampaignOptions = {}): DataFrame {
  const path = join(options.dataDir ?? DATA_DIR, DATASET_FILES.marketingCampaign);
  const raw = pl.readCSV(path, { sep: "\t", inferSchemaLength: 0 });
  const text = new Set(["Education", "Marital_Status"]);
  return raw.select(
    ...Object.entries(MARKETING_CAMPAIGN_COLUMNS).map(([name, out]) => {
      const col = pl.col(name).str.strip();
      if (text.has(name)) return col.alias(out);
      if (name === "Dt_Customer") return col.str.strptime(pl.Date, "%d-%m-%Y").alias(out);
      if (name === "Income") {
        return pl.when(col.eq(pl.lit(""))).then(pl.lit(null).cast(pl.Float64))
          .otherwise(col.cast(pl.Float64, true)).alias(out);
      }
      return col.cast(pl.Int64, true).alias(out);
    }),
  );
}

/** Options for {@linkcode loadOnlineShoppers}: only the data folder. */
export type LoadOnlineShoppersOptions = DatasetOptions;

/**
 * Loads the Online Shoppers Purchasing Intention sessions (UCI 468, 12,330 browsing sessions, one
 * row each). Columns: `administrative_pages`, `administrative_duration_s`, `informational_pages`,
 * `informational_duration_s`, `product_pages`, `product_duration_s` (pages of each type visited
 * and seconds spent on them), `bounce_rate`, `exit_rate` (Google Analytics averages over the
 * session's pages, 0-0.2), `page_value` (average value of the pages visited before a
 * transaction), `special_day` (closeness to a holiday, 0-1), `month` (3-letter abbreviation),
 * `operating_system`, `browser`, `region`, `traffic_type` (integer codes kept as text, since they
 * are categories, not quantities), `visitor_type` (`Returning_Visitor`, `New_Visitor`, `Other`),
 * `weekend` (boolean), `revenue` (boolean: the session ended in a purchase) and `purchased` (Int32
 * 0/1 copy of `revenue`, for the binary classifiers). Value changes: the file's `June` becomes
 * `Jun` like the other months; `TRUE`/`FALSE` become booleans. No row is removed (125 rows are
 * exact duplicates of another: sessions without an id cannot be told apart).
 *
 * @param options Data folder.
 * @returns A new DataFrame of 12,330 rows and 19 columns.
 * @throws {Deno.errors.NotFound} When the file is not in the data folder.
 *
 * @example Load the sessions and count purchases
 * ```ts
 * import { loadOnlineShoppers } from "./datasets.ts";
 * import assert from "node:assert/strict";
 *
 * const sessions = loadOnlineShoppers();
 * assert.equal(sessions.height, 12_330);
 * assert.equal(sessions.getColumn("purchased").sum(), 1_908);
 * ```
 */
export function loadOnlineShoppers(options: LoadOnlineShoppersOptions = {}): DataFrame {
  const path = join(options.dataDir ?? DATA_DIR, DATASET_FILES.onlineShoppers);
  const raw = pl.readCSV(path, { inferSchemaLength: 0 });
  const num = (name: string, out: string, dtype: DataType = pl.Float64) =>
    pl.col(name).str.strip().cast(dtype, true).alias(out);
  const text = (name: string, out: string) => pl.col(name).str.strip().alias(out);
  const flag = (name: string) => pl.col(name).str.strip().eq(pl.lit("TRUE"));
  const month = pl.col("Month").str.strip();
  return raw.select(
    num("Administrative", "administrative_pages", pl.Int64),
    num("Administrative_Duration", "administrative_duration_s"),
    num("Informational", "informational_pages", pl.Int64),
    num("Informational_Duration", "informational_duration_s"),
    num("ProductRelated", "product_pages", pl.Int64),
    num("ProductRelated_Duration", "product_duration_s"),
    num("BounceRates", "bounce_rate"),
    num("ExitRates", "exit_rate"),
    num("PageValues", "page_value"),
    num("SpecialDay", "special_day"),
    pl.when(month.eq(pl.lit("June"))).then(pl.lit("Jun")).otherwise(month).alias("month"),
    text("OperatingSystems", "operating_system"),
    text("Browser", "browser"),
    text("Region", "region"),
    text("TrafficType", "traffic_type"),
    text("VisitorType", "visitor_type"),
    flag("Weekend").alias("weekend"),
    flag("Revenue").alias("revenue"),
    flag("Revenue").cast(pl.Int32).alias("purchased"),
  );
}

function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_|_$/g, "")
    .toLowerCase();
}

/** Column mapping from the Online Retail II file (first sheet) to the canonical columns. */
export const ONLINE_RETAIL_II_COLUMNS = {
  customer_id: "Customer ID",
  invoice_id: "Invoice",
  invoice_date: "InvoiceDate",
  product_id: "StockCode",
  description: "Description",
  quantity: "Quantity",
  unit_price: "Price",
  country: "Country",
} as const;

/** Options for {@linkcode loadOnlineRetailII}: only the data folder. */
export type LoadOnlineRetailIIOptions = DatasetOptions;

/**
 * Loads UCI Online Retail II's first sheet, "Year 2009-2010" (525,461 invoice lines,
 * 2009-12-01 07:45 to 2010-12-09 20:01, the same shop as {@linkcode loadOnlineRetail} one year
 * earlier), as canonical transactions with the same columns and types as
 * {@linkcode loadOnlineRetail}, raw: nothing is removed.
 *
 * Value changes: the file stores `InvoiceDate` as text (`YYYY-MM-DD HH:MM:SS`); it is parsed and
 * cast to a millisecond Datetime, the type {@linkcode loadOnlineRetail} returns, so the two years
 * concatenate. `Customer ID` is a float in the file (`13085.0`) and becomes the text `"13085"`.
 * Missing descriptions (2,928) are already nulls in this file.
 *
 * The last nine days, 2010-12-01 to 2010-12-09 (22,523 lines, 1,088 invoices), are also the first
 * nine days of Online Retail: join the two years with {@linkcode combineTransactionLogs}, or
 * load them joined with {@linkcode loadOnlineRetailTwoYears}, so those days count once.
 *
 * @param options Data folder.
 * @returns The canonical transactions (see {@linkcode readTransactions}).
 * @throws {Deno.errors.NotFound} When the file is not in the data folder.
 *
 * @example Load the first year
 * ```ts
 * import { loadOnlineRetailII } from "./datasets.ts";
 * import assert from "node:assert/strict";
 *
 * const tx = loadOnlineRetailII();
 * assert.equal(tx.height, 525_461);
 * assert.equal(tx.getColumn("customer_id").get(0), "13085");
 * ```
 */
export function loadOnlineRetailII(options: LoadOnlineRetailIIOptions = {}): DataFrame {
  const path = join(options.dataDir ?? DATA_DIR, DATASET_FILES.onlineRetailII);
  const tx = readTransactions(path, { columns: ONLINE_RETAIL_II_COLUMNS });
  return tx.withColumns(pl.col("invoice_date").cast(pl.Datetime("ms")).alias("invoice_date"));
}

/**
 * Joins two transaction logs of the same shop that overlap in time, counting the overlap once:
 * the overlapping window is taken from the later log only. Rows of `earlier` dated on or after
 * the first `invoice_date` of `later` are dropped, then the remaining rows of `earlier` and all
 * rows of `later` are stacked (earlier first). For Online Retail II's first sheet and Online
 * Retail this drops the 22,523 lines of 2010-12-01 to 2010-12-09 from the first file (they are
 * identical, line for line, to the first 22,523 lines of the second), so no invoice of those days
 * is counted twice.
 *
 * Both logs must have the same column names; dates are compared as millisecond Datetimes, and
 * the result keeps `later`'s column types and order. Inputs are never modified.
 *
 * @param earlier The log that starts first (`invoice_date` a Datetime or Date).
 * @param later The log that continues it; its first date marks the start of the overlap.
 * @returns A new DataFrame: `earlier` before `later` starts, then all of `later`.
 * @throws {TypeError} When either frame lacks `invoice_date` or the two have different columns.
 * @throws {RangeError} When `later` has no dated row, or starts before `earlier` does.
 *
 * @example Two logs sharing one day
 * ```ts
 * import pl from "nodejs-polars";
 * import assert from "node:assert/strict";
 * import { combineTransactionLogs } from "./datasets.ts";
 *
 * const log = (ids: string[], days: string[]) =>
 *   pl.DataFrame({
 *     invoice_id: ids,
 *     invoice_date: pl.Series("invoice_date", days.map((d) => new Date(`${d}T10:00:00Z`)))
 *       .cast(pl.Datetime("ms")),
 *   });
 * const first = log(["1", "2", "3"], ["2010-11-30", "2010-12-01", "2010-12-01"]);
 * const second = log(["2", "3", "4"], ["2010-12-01", "2010-12-01", "2010-12-02"]);
 * const both = combineTransactionLogs(first, second);
 * assert.deepEqual(both.getColumn("invoice_id").toArray(), ["1", "2", "3", "4"]);
 * ```
 */
export function combineTransactionLogs(earlier: DataFrame, later: DataFrame): DataFrame {
  const action = "combine the transaction logs";
  for (const [name, frame] of [["earlier", earlier], ["later", later]] as const) {
    if (!frame.columns.includes("invoice_date")) {
      throw new TypeError(
        `Cannot ${action} as the ${name} log has no column "invoice_date": columns are ${
          frame.columns.join(", ")
        }`,
      );
    }
  }
  const a = [...earlier.columns].sort().join(", ");
  const b = [...later.columns].sort().join(", ");
  if (a !== b) {
    throw new TypeError(
      `Cannot ${action} as their columns differ: earlier has ${a}; later has ${b}`,
    );
  }
  const msExpr = pl.col("invoice_date").cast(pl.Datetime("ms")).cast(pl.Int64).cast(pl.Float64);
  const first = (frame: DataFrame): number | null => {
    const value = frame.select(msExpr.min()).getColumn("invoice_date").get(0);
    return value === null || value === undefined ? null : Number(value);
  };
  const laterStart = first(later);
  if (laterStart === null) {
    throw new RangeError(
      `Cannot ${action} as the later log has no dated row: ${later.height} rows`,
    );
  }
  const earlierStart = first(earlier);
  if (earlierStart !== null && earlierStart > laterStart) {
    throw new RangeError(
      `Cannot ${action} as the later log starts before the earlier one: later starts ${
        new Date(laterStart).toISOString()
      }, earlier ${new Date(earlierStart).toISOString()}`,
    );
  }
  const kept = earlier
    .filter(msExpr.lt(pl.lit(laterStart)))
    .select(
      ...later.columns.map((name) => pl.col(name).cast(later.getColumn(name).dtype).alias(name)),
    );
  return pl.concat([kept, later], { how: "vertical" });
}

/** Options for {@linkcode loadOnlineRetailTwoYears}. */
export type LoadOnlineRetailTwoYearsOptions = LoadOnlineRetailOptions;

/**
 * Loads two years of the same shop, 2009-12-01 to 2011-12-09: Online Retail II's first sheet
 * ({@linkcode loadOnlineRetailII}) followed by Online Retail ({@linkcode loadOnlineRetail}),
 * joined by {@linkcode combineTransactionLogs}, so the overlapping days 2010-12-01 to 2010-12-09
 * come from Online Retail only and count once: 525,461 - 22,523 + 541,909 = 1,044,847 lines.
 * Raw, like the two loaders: clean it with {@linkcode cleanTransactions}.
 *
 * @param options Data folder and Online Retail's `"Unknown"` description switch.
 * @returns A new DataFrame with the canonical columns.
 * @throws {Deno.errors.NotFound} When a file is not in the data folder.
 *
 * @example Load both years
 * ```ts
 * import { loadOnlineRetailTwoYears } from "./datasets.ts";
 * import assert from "node:assert/strict";
 *
 * const tx = loadOnlineRetailTwoYears();
 * assert.equal(tx.height, 1_044_847);
 * ```
 */
export function loadOnlineRetailTwoYears(
  options: LoadOnlineRetailTwoYearsOptions = {},
): DataFrame {
  return combineTransactionLogs(loadOnlineRetailII(options), loadOnlineRetail(options));
}
