#!/usr/bin/env python3
"""The ship rule in one command: score model files on every held-out set and print macro-F1 per
set, per-class F1 on real news, and the mean over the sets the rule names (the test articles from
before the newest round, held-out rounds 3 and 5, and real news). A candidate ships when that mean
is not lower than the shipped model's (data/README.md, "Round 7"). Needs a Release build of
stanceml (dotnet build src/StanceML.Training -c Release).

    python3 data/tools/compare_models.py models/stance.zip /tmp/candidate.zip [--newest w]

--newest names the article-id prefix(es) of the newest round (comma-separated); its test articles
are scored on their own and left out of "test (earlier)". The first model is the reference: each
other model's row gives, per set, the sentences only it gets right against those only the
reference gets right (McNemar's p from stanceml evaluate --compare).
"""
import argparse
import csv
import json
import pathlib
import subprocess
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
STANCEML = ["dotnet", str(ROOT / "src/StanceML.Training/bin/Release/net10.0/stanceml.dll")]
RULE_SETS = ("test (earlier)", "round 3", "round 5", "real news")


def evaluate(model, data, split=None, compare=None):
    """Runs stanceml evaluate and returns its report.json."""
    args = ["evaluate", "--model", str(model), "--data", str(data), "--no-explain"]
    if split:
        args += ["--split", str(split)]
    if compare:
        args += ["--compare", str(compare)]
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(STANCEML + args + ["--report", d], check=True, capture_output=True, text=True, cwd=ROOT)
        return json.load(open(pathlib.Path(d) / "report.json", encoding="utf-8"))


def split_file(path, keep):
    """Writes a split file that keeps the test articles keep() accepts; the others are dropped."""
    rows = list(csv.DictReader(open(ROOT / "data/split.csv", encoding="utf-8")))
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["article_id", "split"])
        for r in rows:
            w.writerow([r["article_id"], r["split"] if r["split"] != "test" or keep(r["article_id"]) else "train"])
    return sum(1 for r in rows if r["split"] == "test" and keep(r["article_id"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("models", nargs="+", help="model .zip files; the first is the reference")
    parser.add_argument("--newest", default="w", help="article-id prefixes of the newest corpus round, comma-separated")
    parser.add_argument("--realnews", default=str(ROOT.parent / "shared" / "realnews-dev.csv"))
    args = parser.parse_args()
    newest = tuple(p for p in args.newest.split(",") if p)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        earlier, latest = tmp / "earlier.csv", tmp / "latest.csv"
        counts = (split_file(earlier, lambda a: not a.startswith(newest)), split_file(latest, lambda a: a.startswith(newest)))
        sets = {
            "test (all)": ("data/sentences.csv", "data/split.csv"),
            "test (earlier)": ("data/sentences.csv", earlier),
            "test (newest)": ("data/sentences.csv", latest),
            "round 3": ("data/heldout-round3.csv", None),
            "round 5": ("data/heldout-round5.csv", None),
            "real news": (args.realnews, None),
        }
        print(f"test (earlier): {counts[0]} articles; test (newest, {','.join(newest)}): {counts[1]} articles")
        print("| model | " + " | ".join(sets) + " | rule mean | real F1 P/R/C |")
        print("|---|" + "---:|" * len(sets) + "---:|---|")
        reference = args.models[0]
        for model in args.models:
            cells, scores, real = [], {}, None
            for name, (data, split) in sets.items():
                other = reference if model != reference else None
                r = evaluate(model, data, split, other)
                scores[name] = r["macroF1"]
                cell = f"{r['macroF1']:.3f}"
                if other and r.get("comparison"):
                    m = r["comparison"]["mcNemar"]
                    cell += f" ({m['onlyBaseRight']}/{m['onlyOtherRight']}, p {m['pValue']:.2f})"
                cells.append(cell)
                if name == "real news":
                    real = r
            mean = sum(scores[s] for s in RULE_SETS) / len(RULE_SETS)
            per = "/".join(f"{real['perClass'][k]['f1']:.2f}" for k in ("proposal", "reaction", "context"))
            print(f"| {model} | " + " | ".join(cells) + f" | {mean:.4f} | {per} |", flush=True)


if __name__ == "__main__":
    main()
