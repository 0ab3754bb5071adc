using System.Text.RegularExpressions;
using StanceML.Text;
using StanceML.Training.Corpus;

namespace StanceML.Tests;

/// <summary>Checks the shipped corpus in data/ against the corpus format and the labelling guide.</summary>
public class CorpusTests
{
    private static readonly Lazy<CorpusFile> Corpus = new(() => CorpusReader.ReadAsync(TestPaths.Repo("data", "sentences.csv")).GetAwaiter().GetResult());

    private static readonly Lazy<CorpusFile> HeldOut = new(() => CorpusReader.ReadAsync(TestPaths.Repo("data", "heldout-round3.csv")).GetAwaiter().GetResult());

    private static readonly Lazy<CorpusFile> HeldOutRound5 = new(() => CorpusReader.ReadAsync(TestPaths.Repo("data", "heldout-round5.csv")).GetAwaiter().GetResult());

    private static CorpusFile Load(string name) => name switch
    {
        "heldout-round3.csv" => HeldOut.Value,
        "heldout-round5.csv" => HeldOutRound5.Value,
        _ => Corpus.Value,
    };

    [Fact]
    public void Corpus_HasTheSchemaAndStances()
    {
        var corpus = Corpus.Value;

        Assert.True(corpus.HasArticles);
        Assert.StartsWith("article_id,sentence_index,text,label,stance\n", File.ReadAllText(TestPaths.Repo("data", "sentences.csv")));
        Assert.All(corpus.Rows.Where(r => r.Label == StanceLabel.Reaction), r => Assert.Contains(r.Stance, StanceLabels.Stances));
        Assert.All(corpus.Rows.Where(r => r.Label != StanceLabel.Reaction), r => Assert.Empty(r.Stance));
    }

    [Theory]
    [InlineData("sentences.csv")]
    [InlineData("heldout-round3.csv")]
    [InlineData("heldout-round5.csv")]
    public void Corpus_EveryArticleHasItsRawText_WithTheSentencesInOrder(string name)
    {
        foreach (var article in Load(name).Articles())
        {
            var path = TestPaths.Repo("data", "articles", article[0].ArticleId + ".txt");
            Assert.True(File.Exists(path), $"{path} is missing");
            var raw = File.ReadAllText(path);
            var position = 0;
            foreach (var row in article)
            {
                var found = raw.IndexOf(row.Text, position, StringComparison.Ordinal);
                Assert.True(found >= 0, $"{row.ArticleId} sentence {row.SentenceIndex} is not in the raw article after the previous one");
                position = found + row.Text.Length;
            }

            Assert.Equal(Enumerable.Range(1, article.Count), article.Select(r => r.SentenceIndex));
        }
    }

    [Fact]
    public void Corpus_HasNoDuplicateSentences_WithinOrAcrossTheHeldOutSets()
    {
        var duplicates = Corpus.Value.Rows.Concat(HeldOut.Value.Rows).Concat(HeldOutRound5.Value.Rows).GroupBy(r => r.Text, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.Empty(duplicates);
    }

    [Theory]
    [InlineData("heldout-round3.csv", 32)]
    [InlineData("heldout-round5.csv", 72)]
    public async Task HeldOutSet_IsInNeitherTheCorpusNorTheSplit(string name, int articles)
    {
        var split = await SplitFile.ReadAsync(TestPaths.Repo("data", "split.csv"), CancellationToken.None);
        var heldOut = Load(name).Rows.Select(r => r.ArticleId).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(articles, heldOut.Count);
        Assert.DoesNotContain(Corpus.Value.Rows, r => heldOut.Contains(r.ArticleId));
        Assert.DoesNotContain(split.IsTestArticle.Keys, heldOut.Contains);
    }

    [Fact]
    public void Corpus_ContainsTheSeedArticle()
    {
        var seed = Corpus.Value.Rows.Where(r => r.ArticleId == "seed-bering-tunnel").ToList();

        Assert.Equal(19, seed.Count);
        Assert.Equal(File.ReadAllText(TestPaths.Repo("seeds", "seed-article.txt")), File.ReadAllText(TestPaths.Repo("data", "articles", "seed-bering-tunnel.txt")));
    }

    [Fact]
    public void Corpus_EveryLabelIsAtLeastATenthOfTheSentences()
    {
        var rows = Corpus.Value.Rows;

        foreach (var label in StanceLabels.All)
        {
            Assert.True(rows.Count(r => r.Label == label) >= rows.Count / 10, $"{label} is under 10% of the corpus");
        }
    }

    [Fact]
    public async Task Split_ListsEveryArticleOnce_OnOneSide()
    {
        var split = await SplitFile.ReadAsync(TestPaths.Repo("data", "split.csv"), CancellationToken.None);
        var ids = Corpus.Value.Rows.Select(r => r.ArticleId).Distinct().ToList();

        Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), split.IsTestArticle.Keys.OrderBy(i => i, StringComparer.Ordinal));
        var (train, test) = split.Apply(Corpus.Value, "split.csv");
        Assert.Empty(train.Select(r => r.ArticleId).Intersect(test.Select(r => r.ArticleId)));
        Assert.InRange(test.Count / (double)Corpus.Value.Rows.Count, 0.12, 0.3);
        Assert.False(split.IsTestArticle["seed-bering-tunnel"]);
    }

    [Fact]
    public void Segmenter_FindsTheCorpusSentences_InMostArticles()
    {
        // The corpus is labelled sentence by sentence as a person splits it; the segmenter should
        // agree on nearly every sentence, or scoring an article will not see what training saw.
        int total = 0, matched = 0;
        foreach (var article in Corpus.Value.Articles())
        {
            var raw = File.ReadAllText(TestPaths.Repo("data", "articles", article[0].ArticleId + ".txt"));
            var segments = NewsSegmenter.Sentences(raw).Select(s => Regex.Replace(s.Text, @"\s+", " ")).ToHashSet();
            total += article.Count;
            matched += article.Count(r => segments.Contains(Regex.Replace(r.Text, @"\s+", " ")));
        }

        Assert.True(matched >= total * 0.95, $"segmenter reproduces {matched} of {total} corpus sentences");
    }
}
