namespace StanceML.Training.Corpus;

/// <summary>One labelled sentence of a corpus CSV.</summary>
/// <param name="ArticleId">The article the sentence belongs to; empty when the file has no <c>article_id</c> column.</param>
/// <param name="SentenceIndex">Position of the sentence in its article (1-based in the shipped corpus); -1 when absent.</param>
/// <param name="Text">The sentence.</param>
/// <param name="Label">The gold label.</param>
/// <param name="Stance">support, oppose or neutral on reactions; empty otherwise.</param>
/// <param name="Line">Line of the file the row starts on, for messages.</param>
internal sealed record CorpusRow(string ArticleId, int SentenceIndex, string Text, StanceLabel Label, string Stance, int Line);

/// <summary>A corpus file read and validated.</summary>
/// <param name="Path">Where it was read from.</param>
/// <param name="Rows">The rows in file order.</param>
/// <param name="HasArticles">True when the file has <c>article_id</c> and <c>sentence_index</c> columns.</param>
/// <param name="Sha256">Hash of the file's bytes, recorded with models and reports.</param>
internal sealed record CorpusFile(string Path, IReadOnlyList<CorpusRow> Rows, bool HasArticles, string Sha256)
{
    /// <summary>The rows grouped by article, each article's rows in sentence order, articles in first-seen order.</summary>
    public IReadOnlyList<IReadOnlyList<CorpusRow>> Articles() => GroupByArticle(Rows, HasArticles);

    /// <summary>
    /// Groups <paramref name="rows"/> by article (each article's rows in sentence order, articles in
    /// first-seen order); without article ids every row is an article of its own.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<CorpusRow>> GroupByArticle(IReadOnlyList<CorpusRow> rows, bool hasArticles) =>
        hasArticles
            ? rows.GroupBy(r => r.ArticleId, StringComparer.Ordinal)
                .Select(g => (IReadOnlyList<CorpusRow>)g.OrderBy(r => r.SentenceIndex).ToList())
                .ToList()
            : rows.Select(r => (IReadOnlyList<CorpusRow>)[r]).ToList();
}
