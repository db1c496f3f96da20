import assert from "node:assert/strict";
import { categoryAxisLayout } from "./axis_layout.ts";

Deno.test("categoryAxisLayout() widens the left margin to the longest label", () => {
  assert.deepEqual(categoryAxisLayout(["a"], "y", 640), { margins: {}, scale: {} });
  const wide = categoryAxisLayout(["Cannot lose them"], "y", 640); // 16 characters
  assert.equal(wide.margins.marginLeft, Math.ceil(16 * 6.2) + 31);
  assert.equal(categoryAxisLayout([new Date(0)], "y", 640).margins.marginLeft, 62 + 31);
});

Deno.test("categoryAxisLayout() rotates crowded bottom labels", () => {
  const names = Array.from({ length: 11 }, (_, i) => `segment number ${i}`);
  const layout = categoryAxisLayout(names, "x", 640);
  assert.equal(layout.scale.tickRotate, -40);
  assert.ok((layout.margins.marginBottom ?? 0) > 30);
  assert.deepEqual(categoryAxisLayout(names.slice(0, 3), "x", 640), { margins: {}, scale: {} });
});
