#!/usr/bin/env python3
"""Merges the staged articles (data/staging/<id>.tsv) into data/sentences.csv.

Furniture rows are left out (they are not sentences of the story); sentence_index counts the
labelled sentences of each article from 1. Articles are written in id order. Usage: build_corpus.py
"""
import csv
import io
import pathlib

import staging

ROOT = pathlib.Path(__file__).resolve().parents[1]


def main():
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["article_id", "sentence_index", "text", "label", "stance"])
    articles = rows = 0
    for tsv in sorted((ROOT / "staging").glob("*.tsv")):
        for _, index, label, stance, text in staging.sentences(tsv.read_text(encoding="utf-8").splitlines()):
            writer.writerow([tsv.stem, index, text, label, stance])
            rows += 1
        articles += 1
    (ROOT / "sentences.csv").write_text(out.getvalue(), encoding="utf-8")
    print(f"wrote data/sentences.csv: {articles} articles, {rows} sentences")


if __name__ == "__main__":
    main()
