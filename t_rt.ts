import { readTransactions } from "./lib/io/read_transactions.ts";
const t0 = performance.now();
const df = readTransactions("data/online_retail.parquet", { columns: { customer_id: "CustomerID", invoice_id: "InvoiceNo", invoice_date: "InvoiceDate", product_id: "StockCode", description: "Description", quantity: "Quantity", unit_price: "UnitPrice", country: "Country" } });
console.log(performance.now() - t0, df.schema);
console.log(df.head(3).toString());
const p = await Deno.makeTempFile({suffix: ".csv"});
await Deno.writeTextFile(p, "customer_id,invoice_id,invoice_date,product_id,quantity,unit_price\n1,A,2011-01-02,P,1,2\n,B,2011-01-02 08:26:00,P,2,x\n3,C,2011-02-30,P,2,3\n");
try { readTransactions(p); } catch (e) { console.log(String(e)); }
try { readTransactions(p, {columns: {invoice_id: "Inv"}}); } catch (e) { console.log(String(e)); }
