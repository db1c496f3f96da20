import assert from "node:assert/strict";
import { createPlotDocument } from "./document.ts";

interface Canvas {
  width: number;
  height: number;
  getContext(
    type: string,
  ): { fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void } | null;
  toDataURL(): string;
}

Deno.test("createPlotDocument() canvas records fillRect colours as an SVG ramp", () => {
  const canvas = createPlotDocument().createElement("canvas") as Canvas;
  canvas.width = 3;
  canvas.height = 1;
  const context = canvas.getContext("2d");
  assert.ok(context);
  for (const [i, color] of ["rgb(1, 2, 3)", "#00ff00", "blue"].entries()) {
    context.fillStyle = color;
    context.fillRect(i, 0, 1, 1);
  }
  const url = canvas.toDataURL();
  const svg = atob(url.slice("data:image/svg+xml;base64,".length));
  assert.equal(
    svg,
    '<svg xmlns="http://www.w3.org/2000/svg" width="3" height="1" viewBox="0 0 3 1" ' +
      'preserveAspectRatio="none" shape-rendering="crispEdges">' +
      '<rect x="0" y="0" width="1" height="1" fill="rgb(1, 2, 3)"/>' +
      '<rect x="1" y="0" width="1" height="1" fill="#00ff00"/>' +
      '<rect x="2" y="0" width="1" height="1" fill="blue"/></svg>',
  );
  assert.equal(canvas.getContext("webgl"), null);
});

Deno.test("createPlotDocument() leaves other elements and other documents alone", () => {
  const document = createPlotDocument();
  const div = document.createElement("div") as { outerHTML: string };
  assert.equal(div.outerHTML, "<div></div>");
  const other = createPlotDocument();
  assert.notEqual(other, document);
  const a = document.createElement("canvas") as Canvas;
  const b = other.createElement("canvas") as Canvas;
  a.getContext("2d")?.fillRect(0, 0, 1, 1);
  assert.ok(!atob(b.toDataURL().split(",")[1]).includes("<rect"), "canvases share nothing");
});
