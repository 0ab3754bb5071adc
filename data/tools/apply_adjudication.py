#!/usr/bin/env python3
"""Applies data/review/adjudication*.csv (the third reader's decisions on the sentences the two
passes disagreed on) to the staged articles, so that data/sentences.csv carries the resolved
labels. Run once, after the review; later runs change nothing."""
import csv
import pathlib

import staging

ROOT = pathlib.Path(__file__).resolve().parents[1]


def main():
    decisions = [d for path in sorted((ROOT / "review").glob("adjudication*.csv"))
                 for d in csv.DictReader(open(path, encoding="utf-8"))]
    changed = 0
    for article_id in sorted({d["article_id"] for d in decisions}):
        path = ROOT / "staging" / f"{article_id}.tsv"
        lines = path.read_text(encoding="utf-8").split("\n")
        wanted = {d["sentence_index"]: d for d in decisions if d["article_id"] == article_id}
        for n, index, _, _, text in list(staging.sentences(lines)):
            d = wanted.get(str(index))
            if d is None:
                continue
            new = f"{d['label']}\t{d['stance'] if d['label'] == 'reaction' else ''}\t{text}"
            if new != lines[n]:
                lines[n] = new
                changed += 1
        path.write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(decisions)} decisions, {changed} staged labels changed")


if __name__ == "__main__":
    main()
