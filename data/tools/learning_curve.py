#!/usr/bin/env python3
"""Learning curve: macro-F1 on the test articles and on the real-news yardstick against the
number of training articles. Nested subsets of the train articles (ordered by the SHA-1 of their
ids) are trained with the default options and seed. Needs a Release build of stanceml:

    dotnet build src/StanceML.Training -c Release
    python3 data/tools/learning_curve.py [--realnews ../shared/realnews-dev.csv]
"""
import argparse
import csv
import hashlib
import json
import pathlib
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
STANCEML = ["dotnet", str(ROOT / "src/StanceML.Training/bin/Release/net10.0/stanceml.dll")]


def macro_f1(args):
    with tempfile.TemporaryDirectory() as report:
        subprocess.run(STANCEML + args + ["--report", report], check=True, capture_output=True)
        return json.load(open(pathlib.Path(report) / "report.json"))["macroF1"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--realnews", default=str(ROOT.parent / "shared" / "realnews-dev.csv"))
    parser.add_argument("--fractions", default="0.125,0.25,0.5,0.75,1")
    args = parser.parse_args()
    rows = list(csv.DictReader(open(ROOT / "data/sentences.csv", encoding="utf-8", newline="")))
    split = {r["article_id"]: r["split"] for r in csv.DictReader(open(ROOT / "data/split.csv", encoding="utf-8"))}
    train_ids = sorted({r["article_id"] for r in rows if split[r["article_id"]] == "train"},
                       key=lambda a: hashlib.sha1(a.encode()).hexdigest())
    test_rows = [r for r in rows if split[r["article_id"]] == "test"]
    print("| train articles | train sentences | test-article macro-F1 | real-news macro-F1 |")
    print("|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        test_csv = tmp / "test.csv"
        write(test_csv, test_rows)
        for fraction in [float(f) for f in args.fractions.split(",")]:
            chosen = set(train_ids[: max(1, round(len(train_ids) * fraction))])
            subset = [r for r in rows if r["article_id"] in chosen]
            train_csv, model = tmp / "train.csv", tmp / "model.zip"
            write(train_csv, subset)
            subprocess.run(STANCEML + ["train", "--data", str(train_csv), "--model", str(model)], check=True, capture_output=True)
            test_f1 = macro_f1(["evaluate", "--model", str(model), "--data", str(test_csv)])
            real_f1 = macro_f1(["evaluate", "--model", str(model), "--data", args.realnews]) if pathlib.Path(args.realnews).exists() else float("nan")
            print(f"| {len(chosen)} | {len(subset)} | {test_f1:.3f} | {real_f1:.3f} |", flush=True)


def write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["article_id", "sentence_index", "text", "label", "stance"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


if __name__ == "__main__":
    main()
