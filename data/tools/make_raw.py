#!/usr/bin/env python3
"""Builds data/articles/<id>.txt from a staged data/staging/<id>.tsv.

Rows in a run of non-blank TSV lines form one paragraph, joined by single spaces; a blank
TSV line ends the paragraph. Furniture rows always stand on a line of their own. The first
row (the headline) is its own paragraph. Usage: make_raw.py ID [ID ...]
"""
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]


def build(article_id):
    lines = (ROOT / "staging" / f"{article_id}.tsv").read_text(encoding="utf-8").splitlines()
    paragraphs, current = [], []
    headline_done = False
    for line in lines:
        if not line.strip():
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        label, _, text = line.split("\t", 2)
        if label == "furniture":
            if current:
                paragraphs.append(" ".join(current))
                current = []
            paragraphs.append(text)
            continue
        if not headline_done:
            paragraphs.append(text)
            headline_done = True
            continue
        current.append(text)
    if current:
        paragraphs.append(" ".join(current))
    (ROOT / "articles" / f"{article_id}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        build(arg)
