using System.Globalization;
using StanceML.Training.Corpus;

namespace StanceML.Training.Evaluation;

/// <summary>
/// Writes every scored row with its gold label, the predicted label and each label's probability
/// (<c>article_id,sentence_index,text,label,predicted,confidence,p_proposal,p_reaction,p_context</c>),
/// for analyses the report does not make (thresholds, priors, per-source breakdowns).
/// </summary>
internal static class PredictionsWriter
{
    /// <summary>The file's contents, LF line endings, probabilities to four decimals.</summary>
    public static string ToCsv(IReadOnlyList<CorpusRow> rows, IReadOnlyList<StancePrediction> predictions)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(predictions.Count, rows.Count, nameof(predictions));
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CorpusWriter.Create(text))
        {
            csv.WriteHeader(
            [
                CorpusReader.ArticleIdColumn, CorpusReader.SentenceIndexColumn, CorpusReader.TextColumn, CorpusReader.LabelColumn, "predicted", "confidence",
                .. StanceLabels.All.Select(l => "p_" + l.ToName()),
            ]);
            for (var i = 0; i < rows.Count; i++)
            {
                var (row, prediction) = (rows[i], predictions[i]);
                csv.WriteRecord(
                [
                    row.ArticleId,
                    row.SentenceIndex < 0 ? string.Empty : row.SentenceIndex.ToString(CultureInfo.InvariantCulture),
                    row.Text,
                    row.Label.ToName(),
                    prediction.Label.ToName(),
                    Format(prediction.Confidence),
                    .. StanceLabels.All.Select(l => Format(prediction.Scores.GetValueOrDefault(l))),
                ]);
            }
        }

        return text.ToString();
    }

    private static string Format(float p) => p.ToString("0.0000", CultureInfo.InvariantCulture);
}
