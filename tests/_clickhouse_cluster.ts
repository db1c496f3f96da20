/**
 * Test helper: a real two-shard ClickHouse cluster on 127.0.0.1, started from Debian's
 * `clickhouse-server` (installed by `.ci/run`) as two server processes, each with its own config
 * file, ports, data and log folders in a temporary directory, and a shared `<remote_servers>`
 * entry (cluster `lens`) listing both as shards. {@linkcode withClickHouseCluster} starts it, runs
 * the test body, and always stops both processes by process id (SIGTERM, then SIGKILL after a
 * timeout) and removes the temporary directory, even when the body fails.
 *
 * The servers' own time zone is set to a non-UTC zone on purpose (`America/New_York`), so a query
 * that forgets to say UTC gives different dates and the test notices.
 *
 * @module
 */
import { join } from "node:path";
import { createClient } from "@clickhouse/client";
import type { DataFrame } from "../lib/core/frame.ts";

/** A running cluster. */
export interface ClickHouseCluster {
  /** The HTTP URL of each node, e.g. `http://127.0.0.1:41234`; queries go to the first. */
  urls: string[];
  /** The cluster name in `<remote_servers>`, for `Distributed(lens, default, table, key)`. */
  cluster: string;
  /** The server version, e.g. `18.16.1`. */
  version: string;
}

/** Options for {@linkcode withClickHouseCluster}. */
export interface ClickHouseClusterOptions {
  /** How long to wait for each node to answer /ping, in milliseconds (default 60,000). */
  startTimeoutMs?: number;
  /** How long to wait after SIGTERM before SIGKILL, in milliseconds (default 15,000). */
  stopTimeoutMs?: number;
  /** The servers' own time zone (default `America/New_York`, deliberately not UTC). */
  timezone?: string;
}

const CLUSTER = "lens";
const SHARDS = 2;
const SERVER_TIMEZONE = "America/New_York";
const CANDIDATES = ["/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server"];

/** The clickhouse-server binary, or a clear error saying how CI installs it. */
export function findClickHouseServer(): string {
  const onPath = (Deno.env.get("PATH") ?? "").split(":").filter(Boolean).map((dir) =>
    join(dir, "clickhouse-server")
  );
  for (const path of [...CANDIDATES, ...onPath]) {
    try {
      if (Deno.statSync(path).isFile) return path;
    } catch {
      // not there: try the next place
    }
  }
  throw new Error(
    `Cannot start the ClickHouse cluster as clickhouse-server is not installed (looked in ${
      CANDIDATES.join(", ")
    } and PATH): .ci/run installs it (Debian package clickhouse-server); on a workstation run ` +
      "`sudo apt-get install clickhouse-server`",
  );
}

/** Free TCP ports on 127.0.0.1 (asked from the kernel, then released). */
function freePorts(n: number): number[] {
  const listeners = Array.from(
    { length: n },
    () => Deno.listen({ hostname: "127.0.0.1", port: 0 }),
  );
  const ports = listeners.map((l) => (l.addr as Deno.NetAddr).port);
  for (const l of listeners) l.close();
  return ports;
}

interface Node {
  dir: string;
  http: number;
  tcp: number;
  interserver: number;
}

const xml = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

function usersXml(): string {
  return `<?xml version="1.0"?>
<yandex>
  <profiles>
    <default>
      <max_memory_usage>4000000000</max_memory_usage>
    </default>
  </profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas>
    <default>
      <interval>
        <duration>3600</duration>
        <queries>0</queries>
        <errors>0</errors>
        <result_rows>0</result_rows>
        <read_rows>0</read_rows>
        <execution_time>0</execution_time>
      </interval>
    </default>
  </quotas>
</yandex>
`;
}

function configXml(node: Node, all: Node[], users: string, timezone: string): string {
  const d = (name: string) => xml(join(node.dir, name)) + "/";
  const shards = all.map((n) =>
    `      <shard><replica><host>127.0.0.1</host><port>${n.tcp}</port></replica></shard>`
  ).join("\n");
  return `<?xml version="1.0"?>
<yandex>
  <logger>
    <level>information</level>
    <log>${xml(join(node.dir, "server.log"))}</log>
    <errorlog>${xml(join(node.dir, "error.log"))}</errorlog>
    <console>0</console>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${node.http}</http_port>
  <tcp_port>${node.tcp}</tcp_port>
  <interserver_http_port>${node.interserver}</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <path>${d("data")}</path>
  <tmp_path>${d("tmp")}</tmp_path>
  <user_files_path>${d("user_files")}</user_files_path>
  <format_schema_path>${d("format_schemas")}</format_schema_path>
  <users_config>${xml(users)}</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>${xml(timezone)}</timezone>
  <max_concurrent_queries>20</max_concurrent_queries>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <remote_servers>
    <${CLUSTER}>
${shards}
    </${CLUSTER}>
  </remote_servers>
</yandex>
`;
}

/** The last `lines` lines of a text file, or a note when it cannot be read. */
function tail(path: string, lines = 30): string {
  try {
    return Deno.readTextFileSync(path).trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return `(no ${path})`;
  }
}

interface Running {
  node: Node;
  child: Deno.ChildProcess;
  exited: boolean;
  status: Promise<Deno.CommandStatus>;
  output: Promise<string>;
}

/** The last 4 KB of a child's stderr, read to the end so the pipe never fills. */
async function drain(stream: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  for await (const chunk of stream) text = (text + decoder.decode(chunk)).slice(-4096);
  return text;
}

/** Polls GET /ping until it answers `Ok.` or the process dies or time runs out. */
async function waitReady(r: Running, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const url = `http://127.0.0.1:${r.node.http}/ping`;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (r.exited) break;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      const body = await res.text();
      if (res.ok && body.trim() === "Ok.") return;
      last = `HTTP ${res.status}: ${body.trim()}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const why = r.exited ? `the process exited (${JSON.stringify(await r.status)})` : `no answer ` +
    `on ${url} within ${timeoutMs} ms (last: ${last})`;
  throw new Error(
    `Cannot start the ClickHouse cluster as the node in ${r.node.dir} did not start: ${why}\n` +
      `--- stderr ---\n${r.exited ? await r.output : "(still running)"}\n` +
      `--- tail of ${join(r.node.dir, "server.log")} ---\n${
        tail(join(r.node.dir, "server.log"))
      }\n` +
      `--- tail of ${join(r.node.dir, "error.log")} ---\n${tail(join(r.node.dir, "error.log"))}`,
  );
}

/** Stops one node by process id: SIGTERM, then SIGKILL when it has not exited in time. */
async function stop(r: Running, timeoutMs: number): Promise<void> {
  if (r.exited) return;
  try {
    Deno.kill(r.child.pid, "SIGTERM");
  } catch {
    // already gone
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = await Promise.race([
    r.status.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (timedOut && !r.exited) {
    try {
      Deno.kill(r.child.pid, "SIGKILL");
    } catch {
      // exited meanwhile
    }
  }
  await r.status;
  await r.output;
}

/**
 * Starts a two-shard ClickHouse cluster on 127.0.0.1, runs `body` with it, then stops both
 * servers (by process id) and removes their temporary directory, whatever `body` does.
 *
 * @param body The test, given the nodes' URLs and the cluster name.
 * @param options Time limits and the servers' time zone.
 * @returns What `body` returns.
 * @throws {Error} When clickhouse-server is not installed (the message says `.ci/run` installs
 *   it), or a node does not start (the message shows the tail of its logs).
 */
export async function withClickHouseCluster<T>(
  body: (cluster: ClickHouseCluster) => Promise<T>,
  options: ClickHouseClusterOptions = {},
): Promise<T> {
  const bin = findClickHouseServer();
  const startTimeoutMs = options.startTimeoutMs ?? 60_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 15_000;
  const root = Deno.makeTempDirSync({ prefix: "clickhouse_cluster_" });
  const running: Running[] = [];
  try {
    const ports = freePorts(3 * SHARDS);
    const nodes: Node[] = Array.from({ length: SHARDS }, (_, i) => ({
      dir: join(root, `node${i + 1}`),
      http: ports[3 * i],
      tcp: ports[3 * i + 1],
      interserver: ports[3 * i + 2],
    }));
    const users = join(root, "users.xml");
    Deno.writeTextFileSync(users, usersXml());
    for (const node of nodes) {
      for (const sub of ["data", "tmp", "user_files", "format_schemas"]) {
        Deno.mkdirSync(join(node.dir, sub), { recursive: true });
      }
      const config = join(node.dir, "config.xml");
      Deno.writeTextFileSync(
        config,
        configXml(node, nodes, users, options.timezone ?? SERVER_TIMEZONE),
      );
      const child = new Deno.Command(bin, {
        args: [`--config-file=${config}`],
        cwd: node.dir,
        stdin: "null",
        stdout: "null",
        stderr: "piped",
      }).spawn();
      const r: Running = {
        node,
        child,
        exited: false,
        status: child.status,
        output: drain(child.stderr),
      };
      r.status.then(() => (r.exited = true));
      running.push(r);
    }
    for (const r of running) await waitReady(r, startTimeoutMs);
    const res = await fetch(`http://127.0.0.1:${nodes[0].http}/?query=SELECT%20version()`);
    const version = (await res.text()).trim();
    return await body({
      urls: nodes.map((n) => `http://127.0.0.1:${n.http}`),
      cluster: CLUSTER,
      version,
    });
  } finally {
    await Promise.all(running.map((r) => stop(r, stopTimeoutMs)));
    Deno.removeSync(root, { recursive: true });
  }
}

/**
 * Creates a sharded table on the cluster: `<name>_local` (MergeTree, ordered by `orderBy`) on every
 * node and `<name>`, a `Distributed` table over them sharded by `shardBy`, then inserts the rows
 * of `rows` through the Distributed table (JSONEachRow, `insert_distributed_sync = 1` so every
 * shard holds its rows when the call returns).
 *
 * @param cluster The running cluster.
 * @param name The Distributed table's name.
 * @param columns ClickHouse column types by name, in order, e.g. `{ customer_id: "String" }`.
 * @param rows The rows, as JSON-ready records (Datetimes as `YYYY-MM-DD hh:mm:ss` text).
 * @param options The sort key of the local tables and the sharding expression.
 * @returns The number of rows each shard's local table holds, in node order.
 */
export async function createShardedTable(
  cluster: ClickHouseCluster,
  name: string,
  columns: Record<string, string>,
  rows: Record<string, unknown>[],
  options: { orderBy: string; shardBy: string },
): Promise<number[]> {
  const clients = cluster.urls.map((url) => createClient({ url, request_timeout: 600_000 }));
  try {
    const schema = Object.entries(columns).map(([c, t]) => `${c} ${t}`).join(", ");
    for (const client of clients) {
      await client.command({
        query:
          `CREATE TABLE ${name}_local (${schema}) ENGINE = MergeTree() ORDER BY ${options.orderBy}`,
      });
      await client.command({
        query: `CREATE TABLE ${name} AS ${name}_local ENGINE = Distributed(${cluster.cluster}, ` +
          `default, ${name}_local, ${options.shardBy})`,
      });
    }
    await clients[0].insert({
      table: name,
      values: rows,
      format: "JSONEachRow",
      clickhouse_settings: { insert_distributed_sync: 1 },
    });
    const counts: number[] = [];
    for (const client of clients) {
      const result = await client.query({
        query: `SELECT count() AS n FROM ${name}_local`,
        format: "JSONEachRow",
      });
      const [{ n }] = await result.json<{ n: string }>();
      counts.push(Number(n));
    }
    return counts;
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

/** The transaction columns loaded into ClickHouse, with their ClickHouse types. */
export const TRANSACTION_COLUMNS: Record<string, string> = {
  customer_id: "Nullable(String)",
  invoice_id: "String",
  invoice_date: "DateTime('UTC')",
  product_id: "String",
  quantity: "Int64",
  unit_price: "Float64",
};
/** NULL customer ids hash as '' (a Nullable sharding key is refused by ClickHouse). */
const SHARD_BY = "cityHash64(ifNull(customer_id, ''))";

/** The rows as JSONEachRow records; Datetimes as `YYYY-MM-DD hh:mm:ss` (UTC, whole seconds). */
export function transactionRecords(df: DataFrame): Record<string, unknown>[] {
  const names = Object.keys(TRANSACTION_COLUMNS);
  const cols = names.map((c) => df.getColumn(c).toArray() as unknown[]);
  const out: Record<string, unknown>[] = new Array(df.height);
  for (let i = 0; i < df.height; i++) {
    const row: Record<string, unknown> = {};
    for (let j = 0; j < names.length; j++) {
      const v = cols[j][i];
      if (v instanceof Date) {
        if (v.getTime() % 1000 !== 0) {
          throw new RangeError(
            `Cannot load row ${i} as DateTime holds whole seconds: ${v.toISOString()}`,
          );
        }
        row[names[j]] = v.toISOString().slice(0, 19).replace("T", " ");
      } else row[names[j]] = v;
    }
    out[i] = row;
  }
  return out;
}

/**
 * Loads transactions (columns of {@linkcode TRANSACTION_COLUMNS}) into a new sharded table
 * `name` (local tables `<name>_local`, ordered by date), sharded by customer.
 *
 * @param cluster The running cluster.
 * @param name The Distributed table's name.
 * @param df The transactions.
 * @returns The rows each shard holds, in node order.
 */
export function loadTransactions(
  cluster: ClickHouseCluster,
  name: string,
  df: DataFrame,
): Promise<number[]> {
  return createShardedTable(cluster, name, TRANSACTION_COLUMNS, transactionRecords(df), {
    orderBy: "invoice_date",
    shardBy: SHARD_BY,
  });
}
