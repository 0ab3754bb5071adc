using CsvHelper;

namespace StanceML.Training.Corpus;

/// <summary>Writes corpus rows in the corpus format (header <c>article_id,sentence_index,text,label,stance</c>).</summary>
internal static class CorpusWriter
{
    public static readonly string[] Columns =
        [CorpusReader.ArticleIdColumn, CorpusReader.SentenceIndexColumn, CorpusReader.TextColumn, CorpusReader.LabelColumn, CorpusReader.StanceColumn];

    /// <summary>A writer with LF line endings (the repository's convention) that leaves <paramref name="writer"/> open.</summary>
    public static CsvWriter Create(TextWriter writer) =>
        CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n", Injection = CsvInjection.None }, leaveOpen: true);
}
