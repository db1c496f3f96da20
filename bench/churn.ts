/**
 * Churn-model benchmarks, side by side with scikit-learn (bench/churn_sklearn.py) on the same
 * prepared rows, same machine, same run, test AUC beside each time:
 * - Telco: the notebook's preparation (stratified 75/25 split, one-hot with dropFirst, standard
 *   scaling fitted on the training rows), logistic regression (l2 = 1 = C 1) and boosting with early
 *   stopping;
 * - synthetic 100,000 x 20 (bench/boosting_sklearn.py `make`): first 80,000 rows to train, last
 *   20,000 to test, boosting without early stopping (200 rounds).
 *
 * @module
 */
import pl from "nodejs-polars";
import { join } from "node:path";
import {
  loadTelcoChurn,
  TELCO_CATEGORICAL_COLUMNS,
  TELCO_NUMERIC_COLUMNS,
} from "../lib/io/datasets.ts";
import { trainTestSplit } from "../lib/prep/train_test_split.ts";
import { fitOneHotEncoder } from "../lib/prep/one_hot_encoder.ts";
import { fitStandardScaler } from "../lib/prep/standard_scaler.ts";
import { fitLogisticRegression } from "../lib/churn/fit_logistic_regression.ts";
import { fitGradientBoosting } from "../lib/churn/fit_gradient_boosting.ts";
import { rocAuc } from "../lib/evaluate/roc_auc.ts";

const REPEATS = 3;
const here = (file: string) => new URL(`./${file}`, import.meta.url).pathname;
const NUMERIC = TELCO_NUMERIC_COLUMNS;
const CATEGORICAL = TELCO_CATEGORICAL_COLUMNS;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function python(script: string, args: string[]): Record<string, unknown> {
  const out = new Deno.Command("/usr/bin/python3", {
    args: [here(script), ...args],
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  const text = new TextDecoder().decode(out.stdout).trim();
  return text ? JSON.parse(text) : {};
}

async function time<T>(run: () => T): Promise<{ seconds: number; result: T }[]> {
  const runs: { seconds: number; result: T }[] = [];
  for (let r = 0; r < REPEATS; r++) {
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const t0 = performance.now();
    const result = run();
    runs.push({ seconds: (performance.now() - t0) / 1000, result });
  }
  return runs;
}

type Row = [string, number, number, string];

async function compare(
  label: string,
  train: pl.DataFrame,
  test: pl.DataFrame,
  features: string[],
  target: string,
  earlyStopping: boolean,
  dir: string,
): Promise<Row[]> {
  const trainCsv = join(dir, `${label}_train.csv`);
  const testCsv = join(dir, `${label}_test.csv`);
  train.select(...features, target).writeCSV(trainCsv);
  test.select(...features, target).writeCSV(testCsv);
  const y = Array.from(test.getColumn(target).toArray() as number[]);
  const logistic = await time(() => fitLogisticRegression(train, { features, target, l2: 1 }));
  const boosting = await time(() =>
    fitGradientBoosting(train, { features, target, seed: 0, maxIter: 200, earlyStopping })
  );
  const sk = python("churn_sklearn.py", [
    trainCsv,
    testCsv,
    target,
    String(REPEATS),
    earlyStopping ? "1" : "0",
  ]);
  const auc = (p: Float64Array) => rocAuc(y, p).toFixed(4);
  return [
    [
      `${label}: logistic regression`,
      median(logistic.map((r) => r.seconds)),
      median(sk.logistic as number[]),
      `AUC ${auc(logistic[0].result.predictProba(test))} vs ${
        (sk.logistic_auc as number).toFixed(4)
      }; ` +
      `lbfgs ${median(sk.lbfgs as number[]).toFixed(3)} s`,
    ],
    [
      `${label}: gradient boosting`,
      median(boosting.map((r) => r.seconds)),
      median(sk.boosting as number[]),
      `AUC ${auc(boosting[0].result.predictProba(test))} vs ${
        (sk.boosting_auc as number).toFixed(4)
      }; ` +
      `${boosting[0].result.iterations} vs ${sk.boosting_iterations} trees`,
    ],
  ];
}

/** Runs the benchmarks; returns [benchmark, ours (s), scikit-learn (s), note]. */
export async function benchChurn(): Promise<Row[]> {
  const dir = Deno.makeTempDirSync({ prefix: "bench-churn-" });
  try {
    const telco = loadTelcoChurn({ blankTotalCharges: "zero" });
    const split = trainTestSplit(telco, { testSize: 0.25, seed: 42, stratify: "churned" });
    const encoder = fitOneHotEncoder(split.train, { columns: CATEGORICAL, dropFirst: true });
    const scaler = fitStandardScaler(encoder.transform(split.train), { features: NUMERIC });
    const prepare = (df: pl.DataFrame) => scaler.transform(encoder.transform(df));
    const features = [...NUMERIC, ...encoder.outputColumns];
    const rows = await compare(
      "Telco 5,282 x 30",
      prepare(split.train),
      prepare(split.test),
      features,
      "churned",
      true,
      dir,
    );
    const data = join(dir, "synthetic.csv");
    python("boosting_sklearn.py", ["make", data]);
    const synthetic = pl.readCSV(data);
    const names = Array.from({ length: 20 }, (_, j) => `f${j + 1}`);
    rows.push(
      ...await compare(
        "synthetic 80,000 x 20",
        synthetic.head(80_000),
        synthetic.tail(20_000),
        names,
        "y",
        false,
        dir,
      ),
    );
    return rows;
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

if (import.meta.main) {
  for (const row of await benchChurn()) console.log(row.join(" | "));
}
