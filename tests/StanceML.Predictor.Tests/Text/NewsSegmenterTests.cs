using FsCheck;
using FsCheck.Fluent;
using StanceML.Text;

namespace StanceML.Tests.Text;

public class NewsSegmenterTests
{
    public static TheoryData<string, string[]> Cases => new()
    {
        // Quotes stay with their attribution.
        { "‘I’m not happy with this,’ he warned, eliciting a laugh from his host. Then he left.", ["‘I’m not happy with this,’ he warned, eliciting a laugh from his host.", "Then he left."] },
        { "‘A tunnel from Russia to Alaska. That’s…interesting,’ the US president said. Nobody laughed.", ["‘A tunnel from Russia to Alaska. That’s…interesting,’ the US president said.", "Nobody laughed."] },
        { "He said: ‘What do you think of that, Mr President?… How do you like that idea?’ Zelensky frowned.", ["He said: ‘What do you think of that, Mr President?… How do you like that idea?’", "Zelensky frowned."] },
        { "\"It is a disgrace. We will fight it all the way,\" she said. The vote is on Monday.", ["\"It is a disgrace. We will fight it all the way,\" she said.", "The vote is on Monday."] },
        { "“Why now?” asked one councillor. Others agreed.", ["“Why now?” asked one councillor.", "Others agreed."] },
        { "“We are ready!” the mayor shouted. Applause followed.", ["“We are ready!” the mayor shouted.", "Applause followed."] },
        { "'It won't work,' said Ms. Obi. 'Not a chance.'", ["'It won't work,' said Ms. Obi.", "'Not a chance.'"] },
        { "The minister said the plan was “fully costed.” Critics disagreed.", ["The minister said the plan was “fully costed.”", "Critics disagreed."] },
        { "“This is the only way to fix the harbour. There is no plan B,” Okafor told reporters on Friday.", ["“This is the only way to fix the harbour. There is no plan B,” Okafor told reporters on Friday."] },
        { "The union’s members’ vote was close. It passed.", ["The union’s members’ vote was close.", "It passed."] },
        // Abbreviations, titles and initials.
        { "Mr. Smith met Mrs. Jones and Dr. Patel. They talked.", ["Mr. Smith met Mrs. Jones and Dr. Patel.", "They talked."] },
        { "The U.S. and the U.K. signed the deal. It starts in May.", ["The U.S. and the U.K. signed the deal.", "It starts in May."] },
        { "Shares rose in the U.S. The company said little.", ["Shares rose in the U.S.", "The company said little."] },
        { "The vote is on Jan. 5 in the capital. Results follow.", ["The vote is on Jan. 5 in the capital.", "Results follow."] },
        { "It takes effect in Sept. 2027, officials said.", ["It takes effect in Sept. 2027, officials said."] },
        { "Acme Corp. and Widget Inc. agreed terms. The deal closes soon.", ["Acme Corp. and Widget Inc. agreed terms.", "The deal closes soon."] },
        { "The bid values Acme Inc. The board will meet.", ["The bid values Acme Inc.", "The board will meet."] },
        { "Staff at No. 10 were briefed. The PM spoke later.", ["Staff at No. 10 were briefed.", "The PM spoke later."] },
        { "He grew up in St. Louis and moved to Mt. Vernon. He stayed.", ["He grew up in St. Louis and moved to Mt. Vernon.", "He stayed."] },
        { "The book by J. K. Rowling sold well. Fans queued.", ["The book by J. K. Rowling sold well.", "Fans queued."] },
        { "Gov. Reyes and Sen. Hall disagreed. Rep. Cho abstained.", ["Gov. Reyes and Sen. Hall disagreed.", "Rep. Cho abstained."] },
        { "Prof. Ito, of the Univ. of Leeds, backed it. Others did not.", ["Prof. Ito, of the Univ. of Leeds, backed it.", "Others did not."] },
        { "Doors open at 9 a.m. on Tuesday. Bring ID.", ["Doors open at 9 a.m. on Tuesday.", "Bring ID."] },
        { "Costs include fuel, tolls, etc. and parking. Drivers complained.", ["Costs include fuel, tolls, etc. and parking.", "Drivers complained."] },
        { "Several options, e.g. a toll or a levy, are on the table. None is final.", ["Several options, e.g. a toll or a levy, are on the table.", "None is final."] },
        // Numbers and money.
        { "The bridge is worth £6 billion. It was pitched in 2025.", ["The bridge is worth £6 billion.", "It was pitched in 2025."] },
        { "The offer of $1.2bn is 3.5% above Friday's close. Investors cheered.", ["The offer of $1.2bn is 3.5% above Friday's close.", "Investors cheered."] },
        { "Each share is valued at 1,000.50 rupees. That is a record.", ["Each share is valued at 1,000.50 rupees.", "That is a record."] },
        { "Growth slowed to 0.4 per cent. Rates held.", ["Growth slowed to 0.4 per cent.", "Rates held."] },
        // Ellipses, dashes, URLs, handles.
        { "He paused... Then he spoke.", ["He paused...", "Then he spoke."] },
        { "It was, he said… interesting. Nobody knew what he meant.", ["It was, he said… interesting.", "Nobody knew what he meant."] },
        { "The plan – first floated in 1998 — returns. Few expect it to pass.", ["The plan – first floated in 1998 — returns.", "Few expect it to pass."] },
        { "Details are at https://example.org/plan.html and gov.example.uk. Comments close soon.", ["Details are at https://example.org/plan.html and gov.example.uk.", "Comments close soon."] },
        { "Write to press@example.com for details. Lines are open.", ["Write to press@example.com for details.", "Lines are open."] },
        { "With @boringcompany technology this can work, he posted. Musk did not reply.", ["With @boringcompany technology this can work, he posted.", "Musk did not reply."] },
        // Headlines, lines and paragraphs.
        { "Fury as council unveils parking hike\n\nResidents are angry. They plan a protest.", ["Fury as council unveils parking hike", "Residents are angry.", "They plan a protest."] },
        { "Council backs tram plan\nThe vote was 9-4.", ["Council backs tram plan", "The vote was 9-4."] },
        { "LISBON, March 3 (Reuters) - Portugal proposed a toll on Tuesday. Unions objected.", ["LISBON, March 3 (Reuters) - Portugal proposed a toll on Tuesday.", "Unions objected."] },
        { "Is this the end? Maybe not.", ["Is this the end?", "Maybe not."] },
        { "Stop! Think again.", ["Stop!", "Think again."] },
        { "The text was hard-wrapped by the feed and the line\ncontinues here in lower case.", ["The text was hard-wrapped by the feed and the line\ncontinues here in lower case."] },
        { "A sentence (with a note.) Another one.", ["A sentence (with a note.)", "Another one."] },
        { "   \n\n  Only one line  \n\n", ["Only one line"] },
        { "Windows line endings.\r\nSecond line.\r\n", ["Windows line endings.", "Second line."] },
    };

    public static TheoryData<string> FurnitureLines => new()
    {
        "To view this video please enable JavaScript, and consider upgrading to a web browser that supports HTML5 video",
        "Get in touch with our news team by emailing us at news@example.com.",
        "For more stories like this, check our news page.",
        "REUTERS/Kim Lee",
        "Photograph: Ana Ruiz/AFP",
        "Picture: Getty Images",
        "(Reporting by Ana Ruiz; Editing by Tom Hale)",
        "Sign up to our free politics newsletter",
        "Share this article",
        "Advertisement",
        "By Priya Nair, Transport Correspondent",
        "By JANE DOE",
        "Updated 14:32 GMT",
        "Read more: Council tax to rise again",
        "Follow us on Facebook",
    };

    public static TheoryData<string> StoryLines => new()
    {
        "By Tuesday, the council must decide whether to go ahead.",
        "By raising the levy, ministers hope to cut traffic.",
        "Shares in the company rose 4% after the bid was announced.",
        "The photograph showed the mayor at the site.",
        "Readers were asked to share their views at a public meeting.",
        "Share prices fell sharply on Monday.",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Segment_SplitsNewsText(string text, string[] expected)
    {
        var sentences = NewsSegmenter.Segment(text).Select(s => s.Text).ToArray();

        Assert.Equal(expected, sentences);
    }

    [Theory]
    [MemberData(nameof(FurnitureLines))]
    public void Segment_MarksPageFurniture(string line)
    {
        var segments = NewsSegmenter.Segment($"Council backs plan\n\n{line}\n\nThe vote was close.");

        Assert.Equal(3, segments.Count);
        Assert.Equal(SegmentKind.Furniture, segments[1].Kind);
        Assert.All(new[] { segments[0], segments[2] }, s => Assert.Equal(SegmentKind.Sentence, s.Kind));
    }

    [Theory]
    [MemberData(nameof(StoryLines))]
    public void Segment_KeepsStorySentencesThatLookLikeFurniture(string line)
    {
        var segments = NewsSegmenter.Segment(line);

        Assert.Equal(SegmentKind.Sentence, Assert.Single(segments).Kind);
    }

    [Fact]
    public void Segment_SeedArticle_SkipsFurnitureAndKeepsQuotesWhole()
    {
        var text = File.ReadAllText(TestPaths.Repo("seeds", "seed-article.txt"));

        var segments = NewsSegmenter.Segment(text);
        var sentences = segments.Where(s => s.Kind == SegmentKind.Sentence).Select(s => s.Text).ToList();

        Assert.Equal(3, segments.Count(s => s.Kind == SegmentKind.Furniture));
        Assert.Equal(19, sentences.Count);
        Assert.Contains("‘I’m not happy with this,’ he warned, eliciting a laugh from his host.", sentences);
        Assert.StartsWith("To view this video", segments[0].Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n\t  ")]
    public void Segment_BlankInput_ReturnsNothing(string? text) => Assert.Empty(NewsSegmenter.Segment(text));

    [Fact]
    public void Segment_MegabyteOfText_IsLinearAndKeepsOffsets()
    {
        var text = string.Concat(Enumerable.Repeat("‘Quote. ’ “Open. Mr. X said it's fine… ", 30_000));

        var segments = NewsSegmenter.Segment(text);

        Assert.NotEmpty(segments);
        Assert.All(segments, s => Assert.Equal(s.Text, text.Substring(s.Start, s.Length)));
    }

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Segment_AnyUnicode_NeverThrowsAndOffsetsMapBack()
    {
        var chars = Gen.OneOf(
            ArbMap.Default.GeneratorFor<char>(),
            Gen.Elements('.', '?', '!', '…', '‘', '’', '“', '”', '"', '\'', '\n', ' ', 'A', 'a', '\uD800', '\uDC00', '\0'));
        var texts = Gen.ArrayOf(chars).Select(a => new string(a));
        return Prop.ForAll(texts.ToArbitrary(), text =>
        {
            var segments = NewsSegmenter.Segment(text);
            var previousEnd = 0;
            foreach (var s in segments)
            {
                if (s.Start < previousEnd || s.Length <= 0 || s.Start + s.Length > text.Length || text.Substring(s.Start, s.Length) != s.Text)
                {
                    return false;
                }

                previousEnd = s.Start + s.Length;
            }

            return true;
        });
    }
}
