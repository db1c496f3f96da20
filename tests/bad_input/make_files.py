"""Writes the small bad-input files of tests/bad_input/files/ (run once; the files are committed).

Each file is a transaction log a new user might really hand to readTransactions: the header is the
canonical one unless the case is about headers. cases.ts says what must happen to each (corpus_test.ts
runs it); Parquet files and in-memory frames are built there, in code.
Run: /usr/bin/python3 tests/bad_input/make_files.py
"""
import os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "files")
HEADER = "customer_id,invoice_id,invoice_date,product_id,description,quantity,unit_price,country"
GOOD = [
    "17850,536365,2010-12-01 08:26:00,85123A,WHITE HANGING HEART,6,2.55,United Kingdom",
    "13047,536367,2010-12-01 08:34:00,84879,BIRD ORNAMENT,32,1.69,United Kingdom",
    "12583,536370,2010-12-01 08:45:00,22728,ALARM CLOCK,24,3.75,France",
]


def write(name, text, encoding="utf-8"):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(text.encode(encoding))


def log(rows, header=HEADER, sep=","):
    return "\n".join([header.replace(",", sep)] + [r.replace(",", sep) for r in rows]) + "\n"


os.makedirs(HERE, exist_ok=True)
write("good.csv", log(GOOD))
write("good_upper.CSV", log(GOOD))
write("good.txt", log(GOOD))
write("good.tsv", log(GOOD, sep="\t"))
write("semicolon.csv", log(GOOD, sep=";"))
write("header_spaces.csv", log(GOOD, header=" customer_id , invoice_id ,invoice_date,product_id,description,quantity,unit_price,country"))
write("duplicate_header.csv", log([r + ",x" for r in GOOD], header=HEADER + ",quantity"))
write("extra_field.csv", log(GOOD[:1] + [GOOD[1] + ",SURPLUS"] + GOOD[2:]))
write("trailing_blank_lines.csv", log(GOOD[:1]) + "\n\n\n")
write("empty.csv", "")
write("header_only.csv", HEADER + "\n")
for token in ["NA", "N/A", "NULL", "null", "NaN", "-", "None"]:
    safe = token.replace("/", "_")
    write(f"missing_token_{safe}.csv", log(GOOD + [f"{token},536371,2010-12-01 09:00:00,22728,ALARM CLOCK,1,3.75,France"]))
write("nan_quantity.csv", log(GOOD + ["12583,536372,2010-12-01 09:10:00,22728,ALARM CLOCK,NaN,3.75,France"]))
write("inf_price.csv", log(GOOD + ["12583,536373,2010-12-01 09:10:00,22728,ALARM CLOCK,2,inf,France"]))
write("huge_quantity.csv", log(GOOD + ["12583,536374,2010-12-01 09:10:00,22728,ALARM CLOCK,1e19,3.75,France"]))
write("text_quantity.csv", log(GOOD + ["12583,536375,2010-12-01 09:10:00,22728,ALARM CLOCK,two,3.75,France"]))
write("typo_year_0201.csv", log(GOOD + ["12583,536376,0201-12-01 09:10:00,22728,ALARM CLOCK,2,3.75,France"]))
write("typo_year_2101.csv", log(GOOD + ["12583,536377,2101-12-01 09:10:00,22728,ALARM CLOCK,2,3.75,France"]))
write("bad_date.csv", log(GOOD + ["12583,536378,2010-13-45 09:10:00,22728,ALARM CLOCK,2,3.75,France"]))
write("us_date.csv", log(GOOD + ["12583,536379,12/01/2010 09:10,22728,ALARM CLOCK,2,3.75,France"]))
write("offsets_mixed.csv", log([
    "17850,536365,2010-12-01T23:30:00-05:00,85123A,WHITE HANGING HEART,6,2.55,United States",
    "13047,536367,2010-12-01T08:34:00+01:00,84879,BIRD ORNAMENT,32,1.69,France",
    "12583,536370,2010-12-01T08:45:00Z,22728,ALARM CLOCK,24,3.75,United Kingdom",
]))
write("offsets_one.csv", log([
    "17850,536365,2010-12-01T23:30:00-05:00,85123A,WHITE HANGING HEART,6,2.55,United States",
    "13047,536367,2010-12-02T08:34:00-05:00,84879,BIRD ORNAMENT,32,1.69,United States",
]))
write("latin1.csv", log(GOOD + ["12583,536380,2010-12-01 09:10:00,22728,CAFÉ CRÈME MUG £,2,3.75,Côte d'Ivoire"]), encoding="latin-1")
write("cp1252.csv", log(GOOD + ["12583,536381,2010-12-01 09:10:00,22728,MUG \u2018LOVE\u2019 \u20ac,2,3.75,France"]), encoding="cp1252")
write("utf8_bom.csv", "\ufeff" + log(GOOD))
write("float_ids.csv", log([r.replace("17850,", "17850.0,", 1) for r in GOOD]))
write("fractional_id.csv", log(GOOD + ["17850.5,536382,2010-12-01 09:10:00,22728,ALARM CLOCK,2,3.75,France"]))
write("missing_column.csv", log([",".join(r.split(",")[:-2] + r.split(",")[-1:]) for r in GOOD], header="customer_id,invoice_id,invoice_date,product_id,description,quantity,country"))
write("crlf.csv", log(GOOD).replace("\n", "\r\n"))
write("quoted_commas.csv", log(GOOD + ['12583,536383,2010-12-01 09:10:00,22728,"MUG, LARGE",2,3.75,France']))
print("wrote", len(os.listdir(HERE)), "files")
