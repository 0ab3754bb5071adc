#!/usr/bin/env python3
"""Checks staged corpus articles before they are merged into data/sentences.csv.

A staged article is two files:
  data/articles/<id>.txt    the raw article as published (headline, paragraphs, page furniture)
  data/staging/<id>.tsv     one line per sentence, in order: label<TAB>stance<TAB>text
                            label: proposal | reaction | context | furniture
                            stance: support | oppose | neutral on reaction lines, empty otherwise

Every text must appear verbatim in the raw article, in order, and together the texts must
cover the raw article except for whitespace. Usage: check_article.py ID [ID ...] | --all
"""
import collections
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
LABELS = {"proposal", "reaction", "context", "furniture"}
STANCES = {"support", "oppose", "neutral"}


def check(article_id):
    problems = []
    raw_path = ROOT / "articles" / f"{article_id}.txt"
    tsv_path = ROOT / "staging" / f"{article_id}.tsv"
    if not raw_path.exists():
        return [f"missing {raw_path}"], None
    if not tsv_path.exists():
        return [f"missing {tsv_path}"], None
    raw = raw_path.read_text(encoding="utf-8")
    pos = 0
    counts = collections.Counter()
    for n, line in enumerate(tsv_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            problems.append(f"{tsv_path.name}:{n}: expected 3 tab-separated fields, got {len(parts)}")
            continue
        label, stance, text = parts
        if label not in LABELS:
            problems.append(f"{tsv_path.name}:{n}: unknown label '{label}'")
        if label == "reaction" and stance not in STANCES:
            problems.append(f"{tsv_path.name}:{n}: reaction needs stance support|oppose|neutral, got '{stance}'")
        if label != "reaction" and stance:
            problems.append(f"{tsv_path.name}:{n}: stance '{stance}' on a {label} line; leave it empty")
        if text != text.strip() or not text:
            problems.append(f"{tsv_path.name}:{n}: text is empty or has leading/trailing spaces")
        found = raw.find(text, pos)
        if found < 0:
            problems.append(f"{tsv_path.name}:{n}: text not found in the raw article after the previous sentence: {text[:70]!r}")
            continue
        gap = raw[pos:found]
        if gap.strip():
            problems.append(f"{tsv_path.name}:{n}: raw text before this line is not in the TSV: {gap.strip()[:70]!r}")
        pos = found + len(text)
        counts[label] += 1
    if raw[pos:].strip():
        problems.append(f"{raw_path.name}: trailing raw text not in the TSV: {raw[pos:].strip()[:70]!r}")
    sentences = sum(v for k, v in counts.items() if k != "furniture")
    if not 15 <= sentences <= 45:
        problems.append(f"{article_id}: {sentences} labelled sentences; write 15-45")
    return problems, counts


def main(argv):
    if not argv:
        print(__doc__)
        return 2
    ids = sorted(p.stem for p in (ROOT / "staging").glob("*.tsv")) if argv == ["--all"] else argv
    total = collections.Counter()
    bad = 0
    for article_id in ids:
        problems, counts = check(article_id)
        for p in problems:
            print(p)
        bad += bool(problems)
        if counts:
            total.update(counts)
    labelled = sum(v for k, v in total.items() if k != "furniture")
    share = ", ".join(f"{k} {total[k]} ({total[k] / max(labelled, 1):.0%})" for k in ("proposal", "reaction", "context"))
    print(f"{len(ids)} articles, {bad} with problems; {labelled} sentences: {share}; furniture {total['furniture']}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
