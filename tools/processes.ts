/**
 * Stopping a started process and everything it started, by process id: its descendants (read from
 * `/proc` on Linux) and any process whose command line names a folder unique to this run (e.g. a
 * browser's temporary profile or Jupyter's temporary runtime folder), which catches helpers that
 * were re-parented away from the tree. Never by name.
 *
 * @module
 */

/** A process seen in `/proc`: its id, parent, start time (to guard against id reuse), command. */
interface ProcessInfo {
  pid: number;
  ppid: number;
  start: string;
  cmdline: string;
}

function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ")".
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (rest[0] === "Z") return undefined; // a zombie is already dead
    const cmdline = Deno.readTextFileSync(`/proc/${pid}/cmdline`).replaceAll("\0", " ");
    return { pid, ppid: Number(rest[1]), start: rest[19], cmdline };
  } catch {
    return undefined; // gone, or no /proc (not Linux)
  }
}

function allProcesses(): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  try {
    for (const entry of Deno.readDirSync("/proc")) {
      if (!/^\d+$/.test(entry.name)) continue;
      const info = readProcess(Number(entry.name));
      if (info) out.push(info);
    }
  } catch {
    // no /proc: only the root process can be stopped
  }
  return out;
}

/**
 * The live descendants of `pid` (children, grandchildren, ...), and, when `marker` is given, every
 * other live process whose command line contains it. Excludes this Deno process.
 *
 * @param pid The root process id, or `undefined` for the processes naming `marker` only.
 * @param marker A string unique to this run, such as a temporary folder's path.
 * @returns The processes found (not including `pid` itself).
 */
export function processesOf(pid: number | undefined, marker?: string): ProcessInfo[] {
  const all = allProcesses();
  const children = new Map<number, ProcessInfo[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const found = new Map<number, ProcessInfo>();
  const queue = pid === undefined ? [] : [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      if (!found.has(child.pid)) {
        found.set(child.pid, child);
        queue.push(child.pid);
      }
    }
  }
  if (marker) {
    for (const p of all) if (p.cmdline.includes(marker)) found.set(p.pid, p);
  }
  if (pid !== undefined) found.delete(pid);
  found.delete(Deno.pid);
  return [...found.values()];
}

function stillRunning(p: ProcessInfo): boolean {
  const now = readProcess(p.pid);
  return now !== undefined && now.start === p.start;
}

function signal(pids: ProcessInfo[], sig: Deno.Signal): void {
  for (const p of pids) {
    if (!stillRunning(p)) continue;
    try {
      Deno.kill(p.pid, sig);
    } catch {
      // exited meanwhile
    }
  }
}

async function waitGone(pids: ProcessInfo[], ms: number): Promise<ProcessInfo[]> {
  const deadline = Date.now() + ms;
  let left = pids.filter(stillRunning);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = left.filter(stillRunning);
  }
  return left;
}

/**
 * Stops a child process and everything it started: SIGTERM to the child (so it can shut down
 * what it runs, e.g. a Jupyter server its kernels), then SIGTERM and, after a grace period,
 * SIGKILL to every descendant or `marker`-naming process still running, each by its id.
 *
 * @param child The process started with `Deno.Command(...).spawn()`.
 * @param options `marker`: a string unique to this run found in helpers' command lines;
 * `graceMs`: how long each stage waits before escalating (default 5 s).
 * @returns The command lines of processes that had to be killed after the root exited (empty when
 * everything exited on its own), for a test to report.
 */
export async function stopProcess(
  child: Deno.ChildProcess,
  options: { marker?: string; graceMs?: number } = {},
): Promise<string[]> {
  const graceMs = options.graceMs ?? 5_000;
  const before = processesOf(child.pid, options.marker);
  let exited = false;
  const status = child.status.then(() => exited = true);
  await Promise.race([status, new Promise((resolve) => setTimeout(resolve, 0))]);
  if (!exited) {
    try {
      child.kill("SIGTERM");
    } catch {
      // exited meanwhile
    }
    await Promise.race([status, new Promise((resolve) => setTimeout(resolve, graceMs))]);
  }
  if (!exited) {
    try {
      child.kill("SIGKILL");
    } catch {
      // exited meanwhile
    }
  }
  await status;
  const seen = new Map(before.map((p) => [p.pid, p]));
  for (const p of processesOf(child.pid, options.marker)) seen.set(p.pid, p);
  let left = [...seen.values()].filter(stillRunning);
  const killed = left.map((p) => p.cmdline.trim());
  if (left.length > 0) {
    signal(left, "SIGTERM");
    left = await waitGone(left, graceMs);
    signal(left, "SIGKILL");
    await waitGone(left, graceMs);
  }
  return killed;
}
