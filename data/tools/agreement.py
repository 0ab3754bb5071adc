#!/usr/bin/env python3
"""Agreement between the writer's labels (first pass) and the blind second pass.

`agreement.py --build` compares data/sentences.csv with data/review/second-pass/<id>.tsv and
writes data/review/second_pass.csv (both passes side by side, as they were at review time) and
data/review/disagreements.csv. Without --build it reads the recorded second_pass.csv, so the
figures stay those of the review after the disagreements are resolved in the corpus.
`--round3` and `--round5` do the same for the held-out sets data/heldout-round3.csv and
data/heldout-round5.csv, recording into second_pass-round3.csv / disagreements-round3.csv and
second_pass-round5.csv / disagreements-round5.csv.
Prints Cohen's kappa for the label and for the stance of sentences both passes call reactions.
"""
import collections
import csv
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]


def kappa(pairs):
    n = len(pairs)
    if n == 0:
        return float("nan")
    observed = sum(a == b for a, b in pairs) / n
    first = collections.Counter(a for a, _ in pairs)
    second = collections.Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in set(first) | set(second)) / (n * n)
    return (observed - expected) / (1 - expected)


def main():
    import sys
    held_out = next((r for r in ("round3", "round5") if f"--{r}" in sys.argv), None)
    suffix = f"-{held_out}" if held_out else ""
    data = f"heldout-{held_out}.csv" if held_out else "sentences.csv"
    record_path = ROOT / "review" / f"second_pass{suffix}.csv"
    if "--build" not in sys.argv:
        report(list(csv.DictReader(open(record_path, encoding="utf-8"))))
        return
    rows = list(csv.DictReader(open(ROOT / data, encoding="utf-8", newline="")))
    # Articles already recorded keep the labels they had at their review.
    recorded = list(csv.DictReader(open(record_path, encoding="utf-8"))) if record_path.exists() else []
    done = {r["article_id"] for r in recorded}
    rows = [r for r in rows if r["article_id"] not in done]
    second = {}
    for tsv in (ROOT / "review" / "second-pass").glob("*.tsv"):
        for line in tsv.read_text(encoding="utf-8").splitlines():
            if line.strip():
                index, label, stance = (line.split("\t") + ["", ""])[:3]
                second[(tsv.stem, index.strip())] = (label.strip(), stance.strip())
    pairs, stance_pairs, merged, disagreements = [], [], [], []
    for r in rows:
        key = (r["article_id"], r["sentence_index"])
        if key not in second:
            continue
        label2, stance2 = second[key]
        pairs.append((r["label"], label2))
        if r["label"] == "reaction" and label2 == "reaction":
            stance_pairs.append((r["stance"], stance2))
        merged.append([r["article_id"], r["sentence_index"], r["label"], r["stance"], label2, stance2])
        if r["label"] != label2:
            disagreements.append([r["article_id"], r["sentence_index"], r["text"], r["label"], r["stance"], label2, stance2])
    header = ["article_id", "sentence_index", "label_first", "stance_first", "label_second", "stance_second"]
    with open(record_path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows([r[h] for h in header] for r in recorded)
        w.writerows(merged)
    with open(ROOT / "review" / f"disagreements{suffix}.csv", "a" if recorded else "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        if not recorded:
            w.writerow(["article_id", "sentence_index", "text", "label_first", "stance_first", "label_second", "stance_second"])
        w.writerows(disagreements)
    print(f"new: {len(merged)} sentences; all recorded:")
    report([dict(zip(header, m)) for m in merged])
    report(recorded + [dict(zip(header, m)) for m in merged])


def report(records):
    pairs = [(r["label_first"], r["label_second"]) for r in records]
    stance_pairs = [(r["stance_first"], r["stance_second"]) for r in records
                    if r["label_first"] == "reaction" and r["label_second"] == "reaction"]
    agree = sum(a == b for a, b in pairs)
    print(f"{len(pairs)} sentences in both passes ({len({r['article_id'] for r in records})} articles): "
          f"agreement {agree / max(len(pairs), 1):.3f}, Cohen's kappa {kappa(pairs):.3f}")
    print(f"stance on {len(stance_pairs)} sentences both call reactions: "
          f"agreement {sum(a == b for a, b in stance_pairs) / max(len(stance_pairs), 1):.3f}, kappa {kappa(stance_pairs):.3f}")
    confusion = collections.Counter(pairs)
    labels = ["proposal", "reaction", "context"]
    print("first \\ second  " + "  ".join(f"{l:>9}" for l in labels))
    for a in labels:
        print(f"{a:>14}  " + "  ".join(f"{confusion[(a, b)]:>9}" for b in labels))


if __name__ == "__main__":
    main()
