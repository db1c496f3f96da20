import assert from "node:assert/strict";
import { svgAsGroup } from "./_svg_group.ts";

Deno.test("svgAsGroup turns viewBox and position into a transform and keeps styling", () => {
  const g = svgAsGroup(
    '<svg xmlns="http://www.w3.org/2000/svg" class="plot-x" fill="red" width="200" height="100" viewBox="-10 0 100 50" x="3" y="4"><circle r="5" /></svg>',
    12,
    30,
  );
  assert.equal(
    g,
    '<g transform="translate(12,30) scale(2,2) translate(10,0)" class="plot-x" fill="red"><circle r="5" /></g>',
  );
});

Deno.test("svgAsGroup resolves 100% sizes against the old viewport", () => {
  const g = svgAsGroup(
    '<svg fill="#4269d0" height="15" width="15"><rect height="100%" width="100%" /></svg>',
    8,
    4,
  );
  assert.equal(
    g,
    '<g transform="translate(8,4)" fill="#4269d0"><rect height="15" width="15" /></g>',
  );
});

Deno.test("svgAsGroup rejects markup that is not one svg element", () => {
  assert.throws(() => svgAsGroup("<g></g>", 0, 0), TypeError);
});
