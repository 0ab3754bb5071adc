"""Reads a staged article (data/staging/<id>.tsv): one line per segment, label<TAB>stance<TAB>text."""


def sentences(lines):
    """Yields (line number, sentence index, label, stance, text) for the labelled sentences of a
    staged article, given its lines; blank lines and furniture are skipped, and the sentence
    index counts the labelled sentences from 1, as in data/sentences.csv."""
    index = 0
    for n, line in enumerate(lines):
        if not line.strip():
            continue
        label, stance, text = line.split("\t", 2)
        if label == "furniture":
            continue
        index += 1
        yield n, index, label, stance, text
