#!/usr/bin/env python3
"""Writes data/split.csv: a fixed ~20% test split by article, stratified by topic batch.

Articles are grouped by their id prefix (h1-…h8-: one topic area and voice mix each); within a
group they are ordered by the SHA-1 of their id and every fifth goes to test, so the split is
fixed, independent of file order, and stable as articles are added. The seed stays in train.
"""
import collections
import csv
import hashlib
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]


def main():
    ids = []
    with open(ROOT / "sentences.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["article_id"] not in ids:
                ids.append(row["article_id"])
    groups = collections.defaultdict(list)
    for article_id in ids:
        groups[article_id.split("-")[0]].append(article_id)
    split = {}
    for prefix, members in groups.items():
        members.sort(key=lambda a: hashlib.sha1(a.encode()).hexdigest())
        for i, article_id in enumerate(members):
            split[article_id] = "test" if prefix != "seed" and i % 5 == 2 else "train"
    with open(ROOT / "split.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["article_id", "split"])
        for article_id in sorted(split):
            w.writerow([article_id, split[article_id]])
    counts = collections.Counter(split.values())
    print(f"wrote data/split.csv: {counts['train']} train, {counts['test']} test articles")


if __name__ == "__main__":
    main()
