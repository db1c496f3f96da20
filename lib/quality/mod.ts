/**
 * Data quality: find (`checkTransactions`) and fix (`cleanTransactions`) the problems of a
 * transaction log, with every rule explicit, switchable and logged.
 *
 * @module
 */
export * from "./check_transactions.ts";
export * from "./clean_transactions.ts";
export {
  hasMojibake,
  isCancellation,
  isNonProduct,
  MOJIBAKE_PATTERN,
  NON_PRODUCT_CODE_PATTERN,
  PLAUSIBLE_DATES,
  type QualityRuleOptions,
  repairMojibake,
} from "./rules.ts";
