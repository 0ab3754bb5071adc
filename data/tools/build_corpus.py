#!/usr/bin/env python3
"""Merges the staged articles (data/staging/<id>.tsv) into data/sentences.csv, the round-3
articles (ids q1-… to q4-…) into data/heldout-round3.csv and the round-5 articles (u1-… to u6-…)
into data/heldout-round5.csv: held-out sets that no model trains on (see data/README.md).

Furniture rows are left out (they are not sentences of the story); sentence_index counts the
labelled sentences of each article from 1. Articles are written in id order. Usage: build_corpus.py
"""
import csv
import io
import pathlib

import staging

ROOT = pathlib.Path(__file__).resolve().parents[1]


HELDOUT = {
    "heldout-round3.csv": ("q1-", "q2-", "q3-", "q4-"),
    "heldout-round5.csv": ("u1-", "u2-", "u3-", "u4-", "u5-", "u6-"),
}
HELDOUT_PREFIXES = tuple(p for prefixes in HELDOUT.values() for p in prefixes)


def write(name, tsvs):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["article_id", "sentence_index", "text", "label", "stance"])
    rows = 0
    for tsv in tsvs:
        for _, index, label, stance, text in staging.sentences(tsv.read_text(encoding="utf-8").splitlines()):
            writer.writerow([tsv.stem, index, text, label, stance])
            rows += 1
    (ROOT / name).write_text(out.getvalue(), encoding="utf-8")
    print(f"wrote data/{name}: {len(tsvs)} articles, {rows} sentences")


def main():
    tsvs = sorted((ROOT / "staging").glob("*.tsv"))
    write("sentences.csv", [t for t in tsvs if not t.stem.startswith(HELDOUT_PREFIXES)])
    for name, prefixes in HELDOUT.items():
        write(name, [t for t in tsvs if t.stem.startswith(prefixes)])


if __name__ == "__main__":
    main()
