"""Execute Jupyter notebooks with the Deno kernel, and compare executed notebooks cell by cell.

Called by tools/jupyter.ts (deno task nb / analyze / test); not meant to be run by hand, though it
works: JUPYTER_PATH must point at a folder holding the project's kernelspec (deno task kernel).

    nbrun.py execute IN.ipynb OUT.ipynb [--timeout SECONDS] [--progress]
    nbrun.py execute-many IN1 OUT1 [IN2 OUT2 ...] [--jobs N] [--timeout SECONDS] [--progress]
                          [--html DIR]   (also renders each executed notebook to DIR/NAME.html)
    nbrun.py compare EXPECTED.ipynb ACTUAL.ipynb
    nbrun.py html IN.ipynb OUT.html

Why a subclass of nbclient.NotebookClient: the Deno kernel (2.9.6) sometimes publishes a cell's
execute_result or display_data on iopub *after* its `status: idle` message (about 1 cell in 40 on
these machines). nbclient stops reading at idle and silently drops that output, so plain
`jupyter nbconvert --execute` loses outputs at random. LateOutputClient keeps reading iopub for a
short grace period after idle and keeps any message that belongs to the cell.

Uses only Debian's packages (python3-nbclient, jupyter-nbconvert): PyPI is not reachable here.
"""

import asyncio
import base64
import difflib
import json
import os
import queue
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete

GRACE_SECONDS = 0.3
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# Floats printed with 11 or more significant digits. Polars' multi-threaded group-by adds partial
# sums in the order its threads finish, so a total can change in its last bits from run to run;
# outputs are compared at 10 significant digits, which still catches any real change.
LONG_FLOAT = re.compile(r"-?\d+\.\d+(?:[eE][-+]?\d+)?")


def round_floats(text):
    def repl(match):
        token = match.group(0)
        digits = len(re.sub(r"[^0-9]", "", token.split("e")[0].split("E")[0]).lstrip("0"))
        if digits <= 10:
            return token
        return "%.10g" % float(token)
    return LONG_FLOAT.sub(repl, text)


DECLARATION = re.compile(
    r"^(const|let|var|import|export|function|async\s+function|class|type|interface|for|while|if|try)\b"
)


def last_statement(source):
    """The first line of a cell's last top-level statement (comments and blank lines dropped),
    found by tracking bracket depth line by line; chained lines (starting with `.`, `)`, `]`, `}`,
    an operator or `?`/`:`) continue the statement above."""
    depth = 0
    start = ""
    for raw in source.splitlines():
        line = re.sub(r"//.*$", "", raw).strip()
        if not line:
            continue
        if depth == 0 and not re.match(r"^[.)\]}?:+\-*/|&,]", line):
            start = line
        for ch in re.sub(r"(\"[^\"]*\"|'[^']*'|`[^`]*`)", "", line):
            if ch in "([{":
                depth += 1
            elif ch in ")]}":
                depth = max(0, depth - 1)
    return start


def may_have_late_result(cell):
    """Whether the kernel's late-output race can hit this cell: its last statement is an
    expression (whose value the kernel displays) and no result had arrived by idle."""
    if any(o.get("output_type") in ("execute_result", "display_data") for o in cell.get("outputs", [])):
        return False
    source = cell.get("source", "")
    statement = last_statement("".join(source) if isinstance(source, list) else source)
    # A trailing semicolon does not hide the value in the Deno kernel (`df.head();` displays).
    return statement != "" and not DECLARATION.match(statement)


class LateOutputClient(NotebookClient):
    """A NotebookClient that keeps outputs arriving shortly after the kernel reports idle, for
    the cells where that can happen, and reports progress per cell on stderr."""

    progress_label = ""
    code_cells = 0
    code_index = 0

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        if cell.cell_type != "code" or not "".join(cell.source).strip():
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        self.code_index += 1
        started = time.monotonic()
        result = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        if self.progress_label:
            print(
                f"  {self.progress_label}: cell {self.code_index}/{self.code_cells} "
                f"{time.monotonic() - started:.1f} s",
                file=sys.stderr,
                flush=True,
            )
        return result

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        await super()._async_poll_output_msg(parent_msg_id, cell, cell_index)
        if not may_have_late_result(cell):
            return
        while True:
            msg = await self._get_iopub()
            if msg is None:
                return
            if msg["parent_header"].get("msg_id") != parent_msg_id:
                continue
            try:
                self.process_message(msg, cell, cell_index)
            except CellExecutionComplete:
                pass

    async def _get_iopub(self):
        try:
            result = self.kc.iopub_channel.get_msg(timeout=GRACE_SECONDS)
            if asyncio.iscoroutine(result):
                result = await result
            return result
        except queue.Empty:
            return None


SVG_SIZE = re.compile(r'<svg[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"')


def size_pngs(nb):
    """Gives every chart's PNG the display size of the SVG beside it. The PNG is drawn at 2x (or
    1.5x) for sharpness; without a size in the output's metadata, Notebook and JupyterLab show it
    at its pixel size, twice as large as the chart. A Deno display method returns a MIME bundle
    only (no output metadata), so the runner adds the size to the executed notebook."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            svg = data.get("image/svg+xml")
            if "image/png" not in data or svg is None:
                continue
            match = SVG_SIZE.search("".join(svg) if isinstance(svg, list) else svg)
            if match:
                width, height = (round(float(v)) for v in match.groups())
                out.setdefault("metadata", {})["image/png"] = {"width": width, "height": height}


def execute(src, dst, timeout, progress=False):
    nb = nbformat.read(src, as_version=4)
    cwd = os.path.dirname(os.path.abspath(src))
    client = LateOutputClient(
        nb,
        timeout=timeout,
        kernel_name="deno",
        resources={"metadata": {"path": cwd}},
        record_timing=False,
        allow_errors=False,
    )
    if progress:
        client.progress_label = os.path.basename(src)
        client.code_cells = sum(
            1 for c in nb.cells if c.cell_type == "code" and "".join(c.source).strip()
        )
    try:
        client.execute()
    finally:
        # Write what ran even on failure, so the error output can be inspected; written whole
        # (temporary file, then rename) so a reader never sees half a notebook.
        size_pngs(nb)
        nbformat.write(nb, dst + ".part")
        os.replace(dst + ".part", dst)


async def execute_many(pairs, timeout, progress, jobs, html_dir=None):
    """Executes several notebooks, `jobs` at a time, each with its own kernel. Every notebook is
    written (whole) even when another fails; returns the sources whose execution failed."""
    semaphore = asyncio.Semaphore(jobs)
    failed = []

    async def one(src, dst):
        async with semaphore:
            nb = nbformat.read(src, as_version=4)
            client = LateOutputClient(
                nb,
                timeout=timeout,
                kernel_name="deno",
                resources={"metadata": {"path": os.path.dirname(os.path.abspath(src))}},
                record_timing=False,
                allow_errors=False,
            )
            if progress:
                client.progress_label = os.path.basename(src)
                client.code_cells = sum(
                    1 for c in nb.cells if c.cell_type == "code" and "".join(c.source).strip()
                )
            started = time.monotonic()
            try:
                await client.async_execute()
            except Exception as error:  # reported below; the other notebooks go on
                failed.append(src)
                print(f"{os.path.basename(src)}: {type(error).__name__}: {error}", file=sys.stderr)
            finally:
                size_pngs(nb)
                nbformat.write(nb, dst + ".part")
                os.replace(dst + ".part", dst)
            if html_dir and src not in failed:
                # Rendered while the other kernel runs, in a thread so its messages keep flowing.
                name = os.path.splitext(os.path.basename(dst))[0] + ".html"
                await asyncio.to_thread(to_html, dst, os.path.join(html_dir, name))
            if progress:
                print(
                    f"{os.path.basename(src)}: executed in {time.monotonic() - started:.1f} s",
                    file=sys.stderr,
                    flush=True,
                )

    await asyncio.gather(*(one(src, dst) for src, dst in pairs))
    return failed


def normalise_output(out):
    kept = {"output_type": out.get("output_type")}
    if "name" in out:
        kept["name"] = out["name"]
    if "text" in out:
        kept["text"] = round_floats(
            ANSI.sub("", "".join(out["text"]) if isinstance(out["text"], list) else out["text"])
        )
    if "data" in out:
        data = {}
        for mime, value in out["data"].items():
            if mime == "image/png":
                # The PNG is drawn from the SVG beside it (which is compared in full); its bytes
                # depend on the font files and resvg build, so only its presence is compared.
                data[mime] = "<png>"
                continue
            text = "".join(value) if isinstance(value, list) else value
            if not isinstance(text, str):
                text = json.dumps(text, sort_keys=True, indent=1)
            data[mime] = round_floats(ANSI.sub("", text))
        kept["data"] = data
    if out.get("output_type") == "error":
        kept["ename"] = out.get("ename")
        kept["evalue"] = ANSI.sub("", out.get("evalue", ""))
    return kept


def cell_lines(cell):
    """A cell's normalised outputs as short lines, so a diff points at the row that changed:
    HTML is split after each table row, SVG after each element, JSON is indented."""
    lines = []
    for out in (normalise_output(o) for o in cell.get("outputs", [])):
        lines.append(f"[{out['output_type']}] {out.get('name', '')}".rstrip())
        if "text" in out:
            lines.extend("  " + line for line in out["text"].splitlines())
        for key in ("ename", "evalue"):
            if key in out:
                lines.append(f"  {key}: {out[key]}")
        for mime, text in sorted(out.get("data", {}).items()):
            lines.append(f"  {mime}:")
            if "html" in mime:
                text = re.sub(r"(</tr>|</thead>|<tbody>)", r"\1\n", text)
            elif "svg" in mime:
                text = text.replace("><", ">\n<")
            lines.extend("    " + line for line in text.splitlines())
    return lines


def compare(expected_path, actual_path):
    expected = nbformat.read(expected_path, as_version=4)
    actual = nbformat.read(actual_path, as_version=4)
    problems = []
    e_cells = [c for c in expected.cells if c.cell_type == "code"]
    a_cells = [c for c in actual.cells if c.cell_type == "code"]
    if len(e_cells) != len(a_cells):
        problems.append(f"{expected_path}: {len(e_cells)} code cells committed, {len(a_cells)} executed")
    for index, (e, a) in enumerate(zip(e_cells, a_cells), start=1):
        if "".join(e.source) != "".join(a.source):
            problems.append(f"{expected_path}: code cell {index}: source differs")
            continue
        el, al = cell_lines(e), cell_lines(a)
        if el != al:
            first = "".join(e.source).strip().splitlines()[:1]
            diff = list(difflib.unified_diff(el, al, "committed", "executed", lineterm="", n=1))
            shown = diff[:40] + ([f"... {len(diff) - 40} more diff lines"] if len(diff) > 40 else [])
            problems.append(
                f"{expected_path}: code cell {index} ({first[0] if first else ''}): outputs differ\n"
                + "\n".join(line[:300] for line in shown)
            )
    for p in problems:
        print(p)
    return 1 if problems else 0


def to_html(src, dst):
    from nbconvert import HTMLExporter

    nb = nbformat.read(src, as_version=4)
    # nbconvert 6.5 (Debian bookworm) passes inline SVG through its HTML sanitiser, which strips
    # every drawing element and leaves blank charts. Its templates draw an <img> instead when an
    # output has `svg_filename`: point that at a data: URL of the very same SVG.
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            svg = out.get("data", {}).get("image/svg+xml")
            if svg:
                text = "".join(svg) if isinstance(svg, list) else svg
                encoded = base64.b64encode(text.encode("utf-8")).decode("ascii")
                out["svg_filename"] = "data:image/svg+xml;base64," + encoded
    title = os.path.basename(src)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            heading = re.search(r"^#\s+(.+)$", "".join(cell.source), re.M)
            if heading:
                title = heading.group(1).strip()
                break
    body, _ = HTMLExporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
    # Self-contained: Debian's nbconvert links require.js and MathJax from /usr/share, which a
    # copied report cannot reach. Neither is needed: outputs carry no widgets or scripts, and the
    # markdown escapes its dollar signs instead of using math.
    body = re.sub(r'<script[^>]*src="file://[^"]*"[^>]*>\s*</script>', "", body)
    with open(dst + ".part", "w", encoding="utf-8") as f:
        f.write(body)
    os.replace(dst + ".part", dst)


def main(argv):
    if len(argv) >= 3 and argv[0] == "execute":
        timeout = 900
        if "--timeout" in argv:
            timeout = int(argv[argv.index("--timeout") + 1])
        execute(argv[1], argv[2], timeout, progress="--progress" in argv)
        return 0
    if len(argv) >= 3 and argv[0] == "execute-many":
        timeout = 900
        jobs = 2
        rest = list(argv[1:])
        if "--timeout" in rest:
            i = rest.index("--timeout")
            timeout = int(rest[i + 1])
            del rest[i : i + 2]
        if "--jobs" in rest:
            i = rest.index("--jobs")
            jobs = int(rest[i + 1])
            del rest[i : i + 2]
        html_dir = None
        if "--html" in rest:
            i = rest.index("--html")
            html_dir = rest[i + 1]
            del rest[i : i + 2]
        progress = "--progress" in rest
        rest = [a for a in rest if a != "--progress"]
        pairs = list(zip(rest[0::2], rest[1::2]))
        failed = asyncio.run(execute_many(pairs, timeout, progress, jobs, html_dir))
        return 1 if failed else 0
    if len(argv) == 3 and argv[0] == "compare":
        return compare(argv[1], argv[2])
    if len(argv) == 3 and argv[0] == "html":
        to_html(argv[1], argv[2])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
