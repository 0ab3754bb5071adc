using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using StanceML.Training.Cli;

namespace StanceML.Training.Corpus;

/// <summary>
/// Reads a labelled CSV (<c>text</c> and <c>label</c> columns; <c>article_id</c>,
/// <c>sentence_index</c> and <c>stance</c> when present) and rejects anything malformed with the
/// file, line and column, before any model file is touched.
/// </summary>
internal static class CorpusReader
{
    public const string ArticleIdColumn = "article_id";
    public const string SentenceIndexColumn = "sentence_index";
    public const string TextColumn = "text";
    public const string LabelColumn = "label";
    public const string StanceColumn = "stance";

    public static async Task<CorpusFile> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        byte[] bytes;
        try
        {
            bytes = path == "-" ? await ReadStdinAsync(cancellationToken) : await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException($"{path}: file not found; pass the path of a labelled CSV with --data.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{path}: cannot read ({e.Message}).");
        }

        return Parse(path, bytes);
    }

    public static CorpusFile Parse(string path, byte[] bytes)
    {
        string content;
        try
        {
            content = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var line = 1 + bytes.Take(Math.Max(0, e.Index)).Count(b => b == (byte)'\n');
            throw CliException.At(path, line, null, "binary or non-UTF-8 content; save the file as UTF-8 CSV.");
        }

        var nul = content.IndexOf('\0');
        if (nul >= 0)
        {
            throw CliException.At(path, LineOf(content, nul), null, "binary content (NUL byte); save the file as UTF-8 CSV.");
        }

        if (content.Length > 0 && content[0] == '\uFEFF')
        {
            content = content[1..];
        }

        var rows = new List<CorpusRow>();
        var options = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            FieldCountMismatch = CsvFieldCountHandling.Throw,
            SkipEmptyLines = true,
            DetectSeparatorHint = false,
        };

        using var csv = CsvReader.Create(bytes, options);
        string[] header;
        try
        {
            csv.ReadHeader();
            header = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        }
        catch (CsvFormatException e)
        {
            throw CliException.At(path, Math.Max(1, (int)e.LineNumber), null, $"unreadable header ({e.Message}).");
        }

        if (header.Length == 0 || header.All(string.IsNullOrWhiteSpace))
        {
            throw CliException.At(path, 1, null, "the file is empty; expected a header with at least 'text' and 'label'.");
        }

        foreach (var required in new[] { TextColumn, LabelColumn })
        {
            if (!header.Contains(required))
            {
                throw CliException.At(path, 1, required, $"missing column; the header has [{string.Join(", ", header)}], it needs 'text' and 'label'.");
            }
        }

        var hasArticles = header.Contains(ArticleIdColumn);
        var hasIndex = header.Contains(SentenceIndexColumn);
        var hasStance = header.Contains(StanceColumn);
        int Col(string name) => Array.IndexOf(header, name);

        var seen = new HashSet<(string, int)>();
        var fileOrder = 0;
        var lastLine = 1;
        while (true)
        {
            bool read;
            try
            {
                read = csv.Read();
            }
            catch (CsvFormatException e)
            {
                var at = e.LineNumber > 0 ? (int)e.LineNumber : lastLine + 1;
                var problem = e.Message.Contains("field", StringComparison.OrdinalIgnoreCase) && !e.Message.Contains("quot", StringComparison.OrdinalIgnoreCase)
                    ? $"the row's field count differs from the header's {header.Length}; quote fields that contain commas."
                    : "broken quoting (a quote inside an unquoted field, or an unclosed quote); quote the whole field and double any quote inside it.";
                throw CliException.At(path, at, null, problem);
            }

            if (!read)
            {
                break;
            }

            var line = (int)csv.LineNumber;
            lastLine = line;
            var record = Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray();
            if (record.Length != header.Length)
            {
                throw CliException.At(path, line, null, $"{record.Length} fields where the header has {header.Length}; quote fields that contain commas.");
            }

            var text = record[Col(TextColumn)];
            if (string.IsNullOrWhiteSpace(text))
            {
                throw CliException.At(path, line, TextColumn, "empty text; every row needs a sentence.");
            }

            var labelName = record[Col(LabelColumn)];
            if (!StanceLabels.TryParse(labelName, out var label))
            {
                throw CliException.At(path, line, LabelColumn, $"unknown label '{labelName}'; use proposal, reaction or context.");
            }

            var stance = hasStance ? record[Col(StanceColumn)].Trim().ToLowerInvariant() : string.Empty;
            if (stance.Length > 0 && label != StanceLabel.Reaction)
            {
                throw CliException.At(path, line, StanceColumn, $"stance '{stance}' on a {labelName} row; only reaction rows carry a stance, leave it empty.");
            }

            if (stance.Length > 0 && !StanceLabels.Stances.Contains(stance))
            {
                throw CliException.At(path, line, StanceColumn, $"unknown stance '{stance}'; use support, oppose or neutral.");
            }

            var articleId = hasArticles ? record[Col(ArticleIdColumn)].Trim() : string.Empty;
            if (hasArticles && articleId.Length == 0)
            {
                throw CliException.At(path, line, ArticleIdColumn, "empty article id.");
            }

            var index = fileOrder++;
            if (hasIndex)
            {
                var raw = record[Col(SentenceIndexColumn)];
                if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out index) || index < 0)
                {
                    throw CliException.At(path, line, SentenceIndexColumn, $"'{raw}' is not a non-negative whole number.");
                }
            }

            if (hasArticles && !seen.Add((articleId, index)))
            {
                throw CliException.At(path, line, SentenceIndexColumn, $"article '{articleId}' already has a sentence {index}.");
            }

            rows.Add(new CorpusRow(articleId, index, text, label.Value, stance, line));
        }

        if (rows.Count == 0)
        {
            throw CliException.At(path, 2, null, "no rows; the file has a header but no labelled sentences.");
        }

        return new CorpusFile(path, rows, hasArticles, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private static int LineOf(string content, int index) => 1 + content.AsSpan(0, index).Count('\n');

    private static async Task<byte[]> ReadStdinAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await Console.OpenStandardInput().CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
