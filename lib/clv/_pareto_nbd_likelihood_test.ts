import { assertClose } from "../../tests/_helpers.ts";
import { numericGradient } from "./_optimize.ts";
import { compressSummary } from "./_summary_input.ts";
import { paretoNbdGradient, paretoNbdLogLikelihood } from "./_pareto_nbd_likelihood.ts";

const x = Float64Array.of(0, 1, 2, 5, 3, 0);
const tx = Float64Array.of(0, 4.5, 20, 30.2, 30.2, 0);
const T = Float64Array.of(10, 38, 38, 35, 30.2, 2);
const data = compressSummary(x, tx, T);

Deno.test("paretoNbdGradient matches central differences on both branches (alpha >= beta and <)", () => {
  for (
    const p of [
      { r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7 },
      { r: 0.9, alpha: 15, s: 1.4, beta: 5 },
      { r: 2, alpha: 3, s: 0.3, beta: 3 },
    ]
  ) {
    const g = paretoNbdGradient(p, data);
    const numeric = numericGradient(
      (v) =>
        paretoNbdLogLikelihood(
          { r: v[0], alpha: v[1], s: v[2], beta: v[3] },
          data.x,
          data.tx,
          data.T,
          data.w,
        ),
      Float64Array.of(p.r, p.alpha, p.s, p.beta),
      1e-6,
    );
    assertClose([g.r, g.alpha, g.s, g.beta], numeric, 1e-6, `gradient at ${JSON.stringify(p)}`);
  }
});
