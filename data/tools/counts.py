#!/usr/bin/env python3
"""Prints the datasheet's count tables from data/sentences.csv, data/split.csv and the staged articles."""
import collections
import csv
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]
TOPICS = {
    "seed": "seed (Bering Strait tunnel)", "h1": "infrastructure and transport", "h2": "taxes, budgets, public finance",
    "h3": "corporate deals", "h4": "laws, referendums, policing and justice", "h5": "city planning, housing, local news",
    "h6": "climate, energy, technology, science", "h7": "health, education, labour", "h8": "diplomacy, trade, sanctions, sport",
    "r1": "round 2: wire / newspaper of record, business and politics", "r2": "round 2: wire and metro daily, proposal as a side thread",
    "t1": "round 4: US federal and state politics", "t2": "round 4: business wire, deals in progress",
    "t3": "round 4: foreign politics wire", "t4": "round 4: crime, courts and public safety",
    "t5": "round 4: health, science and environment", "t6": "round 4: media, technology, culture, sports business",
    "t7": "round 4: labour and economic policy", "t8": "round 4: local news, five countries",
    "v0": "round 6: who speaks about what, mixed desks", "v1": "round 6: takeover bids and deal sagas",
    "v2": "round 6: foreign politics wire", "v3": "round 6: US federal, state and city politics",
    "v4": "round 6: restructurings, pay, shareholder votes", "v5": "round 6: new offers to customers and audiences",
    "v6": "round 6: environment, energy, public health", "v7": "round 6: diplomacy, trade, security",
    "v8": "round 6: courts, policing, local news",
    "w1": "round 7: arts, culture, heritage", "w2": "round 7: agriculture, food, countryside",
    "w3": "round 7: defence, aviation, space", "w4": "round 7: universities, charities, professions",
    "w5": "round 7: banks, markets, pensions", "w6": "round 7: sport and leisure business",
    "w7": "round 7: telecoms, data, science, health services",
    "x1": "round 8: ports, shipping, freight, parcels", "x2": "round 8: retail, consumer offers, hospitality",
    "x3": "round 8: mining, oil and gas, heavy industry", "x4": "round 8: water, waste, power networks, utilities",
    "x5": "round 8: party politics and elections", "x6": "round 8: migration, faith, licensing, daily-life rules",
    "y1": "round 9: Indian and Pakistani press; property, cars", "y2": "round 9: West, East and South African press",
    "y3": "round 9: Southeast Asian and Hong Kong press", "y4": "round 9: Irish, Scottish, Welsh, Australian, NZ press",
    "y5": "round 9: Gulf, Israeli, Turkish, Caribbean press", "y6": "round 9: US and Canadian regional press",
    "z1": "round 10: disasters and emergencies", "z2": "round 10: courts, crime, policing",
    "z3": "round 10: company results, meetings, markets", "z4": "round 10: sport, arts, entertainment",
    "z5": "round 10: meetings, speeches, press conferences", "z6": "round 10: science, health, tech, environment",
}


def main():
    rows = list(csv.DictReader(open(ROOT / "sentences.csv", encoding="utf-8", newline="")))
    split = {r["article_id"]: r["split"] for r in csv.DictReader(open(ROOT / "split.csv", encoding="utf-8"))}
    articles = collections.OrderedDict()
    for r in rows:
        articles.setdefault(r["article_id"], []).append(r)
    print("| batch | topic area | articles | sentences | proposal | reaction | context | test articles |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for prefix, topic in TOPICS.items():
        ids = [a for a in articles if a.split("-")[0] == prefix]
        c = collections.Counter(r["label"] for a in ids for r in articles[a])
        print(f"| {prefix} | {topic} | {len(ids)} | {sum(c.values())} | {c['proposal']} | {c['reaction']} | {c['context']} | {sum(split[a] == 'test' for a in ids)} |")
    c, n = collections.Counter(r["label"] for r in rows), len(rows)
    print(f"| **all** | | **{len(articles)}** | **{n}** | **{c['proposal']} ({c['proposal'] / n:.0%})** | **{c['reaction']} ({c['reaction'] / n:.0%})** | **{c['context']} ({c['context'] / n:.0%})** | **{sum(v == 'test' for v in split.values())}** |")
    stances = collections.Counter(r["stance"] for r in rows if r["label"] == "reaction")
    lengths = sorted(len(v) for v in articles.values())
    print(f"\nstances: {dict(stances)}; article length {lengths[0]}-{lengths[-1]}, median {lengths[len(lengths) // 2]}")
    furniture = collections.Counter()
    for tsv in (ROOT / "staging").glob("*.tsv"):
        furniture[tsv.stem] = sum(line.startswith("furniture\t") for line in tsv.read_text(encoding="utf-8").splitlines())
    print(f"furniture: {sum(furniture.values())} lines in {sum(v > 0 for v in furniture.values())} articles")
    for side in ("train", "test"):
        c = collections.Counter(r["label"] for r in rows if split[r["article_id"]] == side)
        print(f"{side}: {sum(c.values())} sentences {dict(c)}")


if __name__ == "__main__":
    main()
