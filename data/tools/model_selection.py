#!/usr/bin/env python3
"""Model selection: each candidate (feature set x learner) gets 5-fold cross-validation grouped
by article over the train articles, a model trained on all train articles scored on the test
articles and on the real-news yardstick, its training time and its scoring speed. Prints a
Markdown table. Needs a Release build of stanceml (dotnet build src/StanceML.Training -c Release).

    python3 data/tools/model_selection.py [--realnews ../shared/realnews-dev.csv] [--only NAME,...]
"""
import argparse
import csv
import json
import pathlib
import re
import subprocess
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
STANCEML = ["dotnet", str(ROOT / "src/StanceML.Training/bin/Release/net10.0/stanceml.dll")]

CANDIDATES = {
    "lr-ngrams": ["--no-article-features"],
    "lr-ngrams+article": [],
    "lr-embeddings+article": ["--embeddings", "--no-ngrams"],
    "lr-hybrid+article": ["--embeddings"],
    "lgbm-ngrams": ["--trainer", "LightGbm", "--no-article-features"],
    "lgbm-ngrams+article": ["--trainer", "LightGbm"],
    "lgbm-hybrid+article": ["--trainer", "LightGbm", "--embeddings"],
}


def run(args):
    return subprocess.run(STANCEML + args, check=True, capture_output=True, text=True)


def report(args):
    with tempfile.TemporaryDirectory() as d:
        run(args + ["--report", d])
        return json.load(open(pathlib.Path(d) / "report.json"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--realnews", default=str(ROOT.parent / "shared" / "realnews-dev.csv"))
    parser.add_argument("--only", default="")
    args = parser.parse_args()
    names = [n for n in CANDIDATES if not args.only or n in args.only.split(",")]
    rows = list(csv.DictReader(open(ROOT / "data/sentences.csv", encoding="utf-8", newline="")))
    split = {r["article_id"]: r["split"] for r in csv.DictReader(open(ROOT / "data/split.csv", encoding="utf-8"))}
    print("| candidate | CV macro-F1 (5 folds, train articles) | test macro-F1 | test F1 P/R/C | real-news macro-F1 | real F1 P/R/C | real ECE | train s | sentences/s (batch) |")
    print("|---|---|---:|---|---:|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        train_csv = tmp / "train.csv"
        with open(train_csv, "w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
            w.writeheader()
            w.writerows(r for r in rows if split[r["article_id"]] == "train")
        for name in names:
            flags = CANDIDATES[name]
            cv = report(["evaluate", "--data", str(train_csv), "--folds", "5"] + flags)["crossValidation"]
            model = tmp / f"{name}.zip"
            with tempfile.TemporaryDirectory() as d:
                started = time.time()
                run(["train", "--data", "data/sentences.csv", "--split", "data/split.csv", "--model", str(model), "--report", d] + flags)
                seconds = time.time() - started
                test = json.load(open(pathlib.Path(d) / "report.json"))
            real = report(["evaluate", "--model", str(model), "--data", args.realnews])
            bench = run(["benchmark", "--model", str(model), "--limit", "1000"]).stdout
            speed = re.search(r"\| PredictBatch \(256\) \| \d+ \| [\d.]+ \| (\d+) \|", bench).group(1)
            per = lambda r: "/".join(f"{r['perClass'][k]['f1']:.2f}" for k in ("proposal", "reaction", "context"))
            print(f"| {name} | {cv['macroF1Mean']:.3f} ± {cv['macroF1Std']:.3f} | {test['macroF1']:.3f} | {per(test)} | "
                  f"{real['macroF1']:.3f} | {per(real)} | {real['expectedCalibrationError']:.3f} | {seconds:.0f} | {speed} |", flush=True)


if __name__ == "__main__":
    main()
