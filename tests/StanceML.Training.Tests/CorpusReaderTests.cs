using System.Text;
using StanceML.Training.Cli;
using StanceML.Training.Corpus;

namespace StanceML.Tests;

public class CorpusReaderTests
{
    private const string Header = "article_id,sentence_index,text,label,stance\n";

    private static CorpusFile Parse(string content) => CorpusReader.Parse("test.csv", Encoding.UTF8.GetBytes(content));

    [Fact]
    public void Parse_ValidFile_ReadsRowsWithLinesAndArticles()
    {
        var corpus = Parse(Header + "a1,1,The plan.,proposal,\na1,2,\"He said, \"\"no.\"\"\",reaction,oppose\na2,1,\"Multi\nline\",context,\n");

        Assert.True(corpus.HasArticles);
        Assert.Equal(3, corpus.Rows.Count);
        Assert.Equal("He said, \"no.\"", corpus.Rows[1].Text);
        Assert.Equal(StanceLabel.Reaction, corpus.Rows[1].Label);
        Assert.Equal("oppose", corpus.Rows[1].Stance);
        Assert.Equal([2, 3, 4], corpus.Rows.Select(r => r.Line));
        Assert.Equal(2, corpus.Articles().Count);
        Assert.Equal(64, corpus.Sha256.Length);
    }

    [Fact]
    public void Parse_OnlyTextAndLabel_IsAccepted()
    {
        var corpus = Parse("label,text\nCONTEXT ,Background.\n");

        Assert.False(corpus.HasArticles);
        Assert.Equal(StanceLabel.Context, Assert.Single(corpus.Rows).Label);
    }

    [Fact]
    public void Articles_OrdersRowsBySentenceIndex()
    {
        var corpus = Parse(Header + "a1,2,Second.,context,\na1,1,First.,proposal,\n");

        Assert.Equal(["First.", "Second."], corpus.Articles()[0].Select(r => r.Text));
    }

    [Theory]
    [InlineData(Header + "a1,1,Text.,opinion,\n", "test.csv:2: column 'label': unknown label 'opinion'")]
    [InlineData(Header + "a1,1,Text.,context,\na1,2,Text.,reaction,furious\n", "test.csv:3: column 'stance': unknown stance 'furious'")]
    [InlineData(Header + "a1,1,Text.,proposal,support\n", "test.csv:2: column 'stance': stance 'support' on a proposal row")]
    [InlineData("article_id,sentence_index,text\na1,1,Text.\n", "test.csv:1: column 'label': missing column")]
    [InlineData("article_id,label\na1,context\n", "test.csv:1: column 'text': missing column")]
    [InlineData(Header, "test.csv:2: no rows")]
    [InlineData("", "test.csv:1: the file is empty")]
    [InlineData(Header + "a1,1,   ,context,\n", "test.csv:2: column 'text': empty text")]
    [InlineData(Header + "a1,one,Text.,context,\n", "test.csv:2: column 'sentence_index': 'one' is not")]
    [InlineData(Header + "a1,1,Text.,context,\na1,1,Again.,context,\n", "test.csv:3: column 'sentence_index': article 'a1' already has a sentence 1")]
    [InlineData(Header + "a1,1,Text.,context,\na1,2,Text,with,comma.,context,\n", "test.csv:3:")]
    [InlineData(Header + "a1,1,Text.,context,\na1,2,Bad \"quote\" here.,context,\n", "test.csv:3: broken quoting")]
    [InlineData(Header + "a1,1,Text.,context,\na1,2,\"Never closed.,context,\n", "test.csv:3: broken quoting")]
    public void Parse_BadFile_ThrowsWithFileLineAndColumn(string content, string expectedStart)
    {
        var e = Assert.Throws<CliException>(() => Parse(content));

        Assert.StartsWith(expectedStart, e.Message);
        Assert.Equal(CliException.BadInput, e.ExitCode);
    }

    [Fact]
    public void Parse_BinaryContent_IsRejectedWithItsLine()
    {
        var bytes = Encoding.UTF8.GetBytes(Header + "a1,1,Text.,context,\n").Concat(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0xFF, 0xFE, 0x00 }).ToArray();

        var e = Assert.Throws<CliException>(() => CorpusReader.Parse("model.zip", bytes));

        Assert.StartsWith("model.zip:3: binary", e.Message);
    }

    [Fact]
    public void Parse_NulByte_IsRejectedAsBinary()
    {
        var e = Assert.Throws<CliException>(() => Parse(Header + "a1,1,Te\0xt.,context,\n"));

        Assert.StartsWith("test.csv:2: binary content", e.Message);
    }

    [Fact]
    public async Task ReadAsync_MissingFile_SaysWhatToDo()
    {
        var e = await Assert.ThrowsAsync<CliException>(() => CorpusReader.ReadAsync("/no/such/file.csv"));

        Assert.Contains("/no/such/file.csv: file not found", e.Message);
    }
}
