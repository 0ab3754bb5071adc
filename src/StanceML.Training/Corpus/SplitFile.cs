using CsvHelper;
using StanceML.Training.Cli;

namespace StanceML.Training.Corpus;

/// <summary>A fixed train/test split by article, read from <c>article_id,split</c> rows.</summary>
internal sealed class SplitFile
{
    private SplitFile(IReadOnlyDictionary<string, bool> isTest) => IsTestArticle = isTest;

    /// <summary>Article id → true for test, false for train.</summary>
    public IReadOnlyDictionary<string, bool> IsTestArticle { get; }

    public static async Task<SplitFile> ReadAsync(string path, CancellationToken cancellationToken)
    {
        string content;
        try
        {
            content = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException($"{path}: split file not found; pass a CSV with article_id,split rows with --split.");
        }

        var map = new Dictionary<string, bool>(StringComparer.Ordinal);
        using var csv = CsvReader.FromText(content, new CsvReaderOptions { Separator = ',', TrackLineNumbers = true, MalformedData = CsvMalformedDataHandling.Throw });
        try
        {
            csv.ReadHeader();
            if (!csv.Headers.Contains("article_id") || !csv.Headers.Contains("split"))
            {
                throw CliException.At(path, 1, null, "expected the header 'article_id,split'.");
            }

            while (csv.Read())
            {
                var line = (int)csv.LineNumber;
                var id = csv.GetString("article_id").Trim();
                var split = csv.GetString("split").Trim().ToLowerInvariant();
                if (split is not ("train" or "test"))
                {
                    throw CliException.At(path, line, "split", $"'{split}' is neither train nor test.");
                }

                if (!map.TryAdd(id, split == "test"))
                {
                    throw CliException.At(path, line, "article_id", $"article '{id}' is listed twice.");
                }
            }
        }
        catch (CsvFormatException e)
        {
            throw CliException.At(path, (int)e.LineNumber, null, "broken quoting; fix the CSV.");
        }

        return new SplitFile(map);
    }

    /// <summary>Splits <paramref name="corpus"/> into train and test rows; every article must be listed.</summary>
    public (IReadOnlyList<CorpusRow> Train, IReadOnlyList<CorpusRow> Test) Apply(CorpusFile corpus, string splitPath)
    {
        if (!corpus.HasArticles)
        {
            throw new CliException($"{corpus.Path}: --split needs an article_id column to split by article.");
        }

        var missing = corpus.Rows.FirstOrDefault(r => !IsTestArticle.ContainsKey(r.ArticleId));
        if (missing is not null)
        {
            throw CliException.At(corpus.Path, missing.Line, "article_id", $"article '{missing.ArticleId}' is not in {splitPath}; add it as train or test.");
        }

        return (corpus.Rows.Where(r => !IsTestArticle[r.ArticleId]).ToList(), corpus.Rows.Where(r => IsTestArticle[r.ArticleId]).ToList());
    }
}
