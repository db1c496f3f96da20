/**
 * Churn-model benchmarks, side by side with scikit-learn (bench/churn_sklearn.py) on the same
 * prepared rows, same machine, same run, test AUC beside each time:
 * - Telco: the notebook's preparation (stratified 75/25 split, one-hot with dropFirst, standard
 *   scaling fitted on the training rows), logistic regression (l2 = 1 = C 1) and boosting with early
 *   stopping;
 * - synthetic 100,000 x 20 (bench/boosting_sklearn.py `make`): first 80,000 rows to train, last
 *   20,000 to test, boosting without early stopping (200 rounds).
 *
 * Each fit of ours runs on 1 thread and on every core (`threads: availableCores()`), and
 * scikit-learn 1.2.1 on every core (its default: OpenMP threads for the boosting, BLAS threads
 * for the linear algebra; the targets of issue 17 are against this) and on one thread
 * (`OMP_NUM_THREADS=1` and the BLAS equivalents: on a loaded machine OpenMP's spinning threads
 * can make scikit-learn many times slower on all cores than on one). The four alternate within
 * each repeat (ours on 1 thread, ours on every core, then scikit-learn in a fresh Python process
 * timing one fit, on all cores and on one), so that a change in the machine's load hits all alike;
 * each figure is the median of the repeats, and each ratio (ours / scikit-learn on all cores) the
 * median of the per-repeat ratios. Run directly for a detailed table (with the load average):
 *
 *     deno run --v8-flags=--expose-gc -A bench/churn.ts [REPEATS] [logistic,boosting]
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
import { availableCores } from "../lib/core/worker_pool.ts";

const here = (file: string) => new URL(`./${file}`, import.meta.url).pathname;
const NUMERIC = TELCO_NUMERIC_COLUMNS;
const CATEGORICAL = TELCO_CATEGORICAL_COLUMNS;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** One thread for OpenMP and the BLAS libraries scikit-learn may use. */
const ONE_THREAD = { OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };

function python(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Record<string, unknown> {
  const out = new Deno.Command("/usr/bin/python3", {
    args: [here(script), ...args],
    env,
    stdout: "piped",
    stderr: "piped",
  }).outputSync();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
  const text = new TextDecoder().decode(out.stdout).trim();
  return text ? JSON.parse(text) : {};
}

/** The 1-minute load average (Linux), or NaN. */
function loadAverage(): number {
  try {
    return Number(Deno.readTextFileSync("/proc/loadavg").split(" ")[0]);
  } catch {
    return Number.NaN;
  }
}

async function settle(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Seconds taken by `run`, and its result. */
function timed<T>(run: () => T): { seconds: number; result: T } {
  const t0 = performance.now();
  const result = run();
  return { seconds: (performance.now() - t0) / 1000, result };
}

/** One benchmark measured side by side: our 1-thread and all-thread fits and scikit-learn's. */
export interface ChurnComparison {
  label: string;
  /** Threads of the all-core runs of ours. */
  threads: number;
  one: number[];
  all: number[];
  /** scikit-learn on every core (its default). */
  sklearn: number[];
  /** scikit-learn on one thread (OMP_NUM_THREADS=1 and the BLAS equivalents). */
  sklearnOne: number[];
  /** Per-repeat ratios ours / scikit-learn. */
  ratioOne: number[];
  ratioAll: number[];
  note: string;
  /** 1-minute load average before and after. */
  load: [number, number];
}

type Row = [string, number, number, string];

interface Sides<M> {
  fit: (threads: number) => M;
  /** Time one scikit-learn fit (fresh process); returns its seconds and its JSON. */
  sklearn: (oneThread: boolean) => { seconds: number; json: Record<string, unknown> };
  note: (ours: M, sklearn: Record<string, unknown>) => string;
}

async function sideBySide<M>(label: string, repeats: number, sides: Sides<M>) {
  const threads = availableCores();
  const load0 = loadAverage();
  const c: ChurnComparison = {
    label,
    threads,
    one: [],
    all: [],
    sklearn: [],
    sklearnOne: [],
    ratioOne: [],
    ratioAll: [],
    note: "",
    load: [load0, load0],
  };
  sides.fit(threads); // warm up: JIT and the worker pool
  let last: { ours: M; json: Record<string, unknown> } | undefined;
  for (let r = 0; r < repeats; r++) {
    await settle();
    const one = timed(() => sides.fit(1));
    await settle();
    const all = timed(() => sides.fit(threads));
    await settle();
    const sk = sides.sklearn(false);
    const skOne = sides.sklearn(true);
    c.one.push(one.seconds);
    c.all.push(all.seconds);
    c.sklearn.push(sk.seconds);
    c.sklearnOne.push(skOne.seconds);
    c.ratioOne.push(one.seconds / sk.seconds);
    c.ratioAll.push(all.seconds / sk.seconds);
    last = { ours: all.result, json: sk.json };
  }
  c.load[1] = loadAverage();
  c.note = sides.note(last!.ours, last!.json);
  return c;
}

/**
 * Runs the benchmarks; returns every comparison.
 *
 * @param repeats Fits per side.
 * @param models Which models to compare (default both).
 */
export async function compareChurn(
  repeats = 3,
  models: readonly string[] = ["logistic", "boosting"],
): Promise<ChurnComparison[]> {
  const dir = Deno.makeTempDirSync({ prefix: "bench-churn-" });
  try {
    const out: ChurnComparison[] = [];
    const run = async (
      label: string,
      train: pl.DataFrame,
      test: pl.DataFrame,
      features: string[],
      target: string,
      earlyStopping: boolean,
    ) => {
      const trainCsv = join(dir, "train.csv");
      const testCsv = join(dir, "test.csv");
      train.select(...features, target).writeCSV(trainCsv);
      test.select(...features, target).writeCSV(testCsv);
      const y = Array.from(test.getColumn(target).toArray() as number[]);
      const auc = (p: Float64Array) => rocAuc(y, p).toFixed(4);
      const sklearn = (model: string) => (oneThread: boolean) => {
        const json = python(
          "churn_sklearn.py",
          [trainCsv, testCsv, target, "1", earlyStopping ? "1" : "0", model],
          oneThread ? ONE_THREAD : {},
        );
        return { seconds: (json[model] as number[])[0], json };
      };
      if (models.includes("logistic")) {
        out.push(
          await sideBySide(`${label}: logistic regression`, repeats, {
            fit: (threads) => fitLogisticRegression(train, { features, target, l2: 1, threads }),
            sklearn: sklearn("logistic"),
            note: (model, json) => {
              const theirs = json.logistic_params as number[];
              const ours = [model.intercept, ...features.map((f) => model.coefficients[f])];
              const gap = Math.max(...ours.map((v, j) => Math.abs(v - theirs[j])));
              return `AUC ${auc(model.predictProba(test))} vs ${
                (json.logistic_auc as number).toFixed(4)
              }; largest parameter difference ${gap.toExponential(1)}`;
            },
          }),
        );
      }
      if (!models.includes("boosting")) return;
      out.push(
        await sideBySide(`${label}: gradient boosting`, repeats, {
          fit: (threads) =>
            fitGradientBoosting(train, {
              features,
              target,
              seed: 0,
              maxIter: 200,
              earlyStopping,
              threads,
            }),
          sklearn: sklearn("boosting"),
          note: (model, json) =>
            `AUC ${auc(model.predictProba(test))} vs ${
              (json.boosting_auc as number).toFixed(4)
            }; ${model.iterations} vs ${json.boosting_iterations} trees`,
        }),
      );
    };
    const telco = loadTelcoChurn({ blankTotalCharges: "zero" });
    const split = trainTestSplit(telco, { testSize: 0.25, seed: 42, stratify: "churned" });
    const encoder = fitOneHotEncoder(split.train, { columns: CATEGORICAL, dropFirst: true });
    const scaler = fitStandardScaler(encoder.transform(split.train), { features: NUMERIC });
    const prepare = (df: pl.DataFrame) => scaler.transform(encoder.transform(df));
    await run(
      "Telco 5,282 x 30",
      prepare(split.train),
      prepare(split.test),
      [...NUMERIC, ...encoder.outputColumns],
      "churned",
      true,
    );
    const data = join(dir, "synthetic.csv");
    python("boosting_sklearn.py", ["make", data]);
    const synthetic = pl.readCSV(data);
    await run(
      "synthetic 80,000 x 20",
      synthetic.head(80_000),
      synthetic.tail(20_000),
      Array.from({ length: 20 }, (_, j) => `f${j + 1}`),
      "y",
      false,
    );
    return out;
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
}

/**
 * Runs the benchmarks for bench/run.ts: per model, a row for ours on 1 thread and one on every
 * core, each against scikit-learn on every core; returns [benchmark, ours (s), scikit-learn (s),
 * note].
 */
export async function benchChurn(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const c of await compareChurn()) {
    const sk = median(c.sklearn);
    const note = `${c.note}; scikit-learn on all cores; load ${c.load[0]}-${c.load[1]}`;
    rows.push([
      `${c.label}, 1 thread`,
      median(c.one),
      sk,
      `${note}; scikit-learn on 1 thread ${median(c.sklearnOne).toFixed(3)} s`,
    ]);
    rows.push([`${c.label}, ${c.threads} threads`, median(c.all), sk, note]);
  }
  return rows;
}

if (import.meta.main) {
  const repeats = Deno.args[0] ? Number(Deno.args[0]) : 3;
  const models = Deno.args[1] ? Deno.args[1].split(",") : undefined;
  const cores = availableCores();
  console.log(
    `| benchmark | ours, 1 thread (s) | ours, ${cores} threads (s) | scikit-learn, all cores (s) | ` +
      `scikit-learn, 1 thread (s) | ratio 1 thread | ratio ${cores} threads | load average | note |`,
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const c of await compareChurn(repeats, models)) {
    console.log(
      `| ${c.label} | ${median(c.one).toFixed(3)} | ${median(c.all).toFixed(3)} | ${
        median(c.sklearn).toFixed(3)
      } | ${median(c.sklearnOne).toFixed(3)} | ${median(c.ratioOne).toFixed(2)} | ${
        median(c.ratioAll).toFixed(2)
      } | ${c.load[0]}-${c.load[1]} | ${c.note} |`,
    );
    console.log(
      `<!-- ${c.label}: 1 thread ${c.one.map((s) => s.toFixed(3)).join(", ")}; ${c.threads} ` +
        `threads ${c.all.map((s) => s.toFixed(3)).join(", ")}; scikit-learn ${
          c.sklearn.map((s) => s.toFixed(3)).join(", ")
        }; scikit-learn 1 thread ${c.sklearnOne.map((s) => s.toFixed(3)).join(", ")} -->`,
    );
  }
}
