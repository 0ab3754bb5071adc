using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace StanceML.Tests;

/// <summary>
/// Opens report.html in a real browser (headless Chromium): renders it to a screenshot and checks
/// the page drew, then reads the numbers back from the rendered DOM and compares them with
/// report.json. Skipped where no Chromium is installed, unless STANCEML_REQUIRE_BROWSER=1 (set by
/// .ci/run, which installs Debian's chromium), where a missing browser fails the test.
/// </summary>
public class BrowserTests
{
    private const int Width = 1200;
    private const int Height = 2400;

    [SkippableFact]
    public async Task ReportHtml_RendersInChromium_AndItsNumbersMatchReportJson()
    {
        var chromium = FindChromium();
        if (chromium is null)
        {
            Assert.False(Environment.GetEnvironmentVariable("STANCEML_REQUIRE_BROWSER") == "1", "STANCEML_REQUIRE_BROWSER=1 but no chromium was found; install Debian's chromium package.");
            Skip.If(true, "no chromium here; install Debian's chromium package to run the browser test.");
        }

        var dir = CliRunner.TempDir();
        var (exit, _, err) = await CliRunner.RunAsync(
        [
            "evaluate", "--model", CliRunner.ShippedModel, "--compare", TestPaths.Repo("models", "stance-fast.zip"),
            "--data", TestPaths.Repo("data", "sentences.csv"), "--split", TestPaths.Repo("data", "split.csv"), "--report", dir,
        ]);
        Assert.True(exit == 0, err);
        var page = new Uri(Path.Combine(dir, "report.html")).AbsoluteUri;

        var screenshot = Path.Combine(dir, "report.png");
        await RunChromiumAsync(chromium!, dir, [$"--window-size={Width},{Height}", "--hide-scrollbars", $"--screenshot={screenshot}", page]);
        var image = PngImage.Read(screenshot);
        Assert.Equal((Width, Height), (image.Width, image.Height));
        AssertDrawn(image);

        var dom = await RunChromiumAsync(chromium!, dir, ["--dump-dom", page]);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "report.json")));
        var checkedMetrics = 0;
        foreach (System.Text.RegularExpressions.Match m in HtmlReportWriterTests.MetricElement().Matches(dom))
        {
            var name = m.Groups["name"].Value;
            var shown = double.Parse(m.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            var (expected, decimals) = Expected(json.RootElement, name);
            Assert.True(Math.Abs(Math.Round(expected, decimals) - shown) < 1e-9, $"{name}: the page shows {shown}, report.json has {expected}");
            checkedMetrics++;
        }

        // Every headline number: 5 summary values, 4 per label, 9 confusion cells, 5 deltas, 3 for McNemar, ECE twice.
        Assert.True(checkedMetrics >= 35, $"only {checkedMetrics} numbers found in the rendered page");
    }

    private static (double Value, int Decimals) Expected(JsonElement report, string name)
    {
        var parts = name.Split('.');
        return parts switch
        {
            ["macroF1" or "accuracy"] => (report.GetProperty(parts[0]).GetDouble(), 3),
            ["count" or "articles"] => (report.GetProperty(parts[0]).GetInt32(), 0),
            ["ece"] => (report.GetProperty("expectedCalibrationError").GetDouble(), 3),
            ["precision" or "recall" or "f1", var label] => (report.GetProperty("perClass").GetProperty(label).GetProperty(parts[0]).GetDouble(), 3),
            ["support", var label] => (report.GetProperty("perClass").GetProperty(label).GetProperty("support").GetInt32(), 0),
            ["confusion", var gold, var predicted] => (Confusion(report, gold, predicted), 0),
            ["delta", .. var metric] => (report.GetProperty("comparison").GetProperty("deltas").GetProperty(string.Join('.', metric)).GetDouble(), 3),
            ["mcnemar", "b"] => (report.GetProperty("comparison").GetProperty("mcNemar").GetProperty("onlyBaseRight").GetInt32(), 0),
            ["mcnemar", "c"] => (report.GetProperty("comparison").GetProperty("mcNemar").GetProperty("onlyOtherRight").GetInt32(), 0),
            ["mcnemar", "p"] => (report.GetProperty("comparison").GetProperty("mcNemar").GetProperty("pValue").GetDouble(), 4),
            _ => throw new Xunit.Sdk.XunitException($"the page shows a metric '{name}' this test does not know; map it to report.json here."),
        };
    }

    private static int Confusion(JsonElement report, string gold, string predicted)
    {
        var matrix = report.GetProperty("confusionMatrix");
        var labels = matrix.GetProperty("labels").EnumerateArray().Select(l => l.GetString()).ToList();
        return matrix.GetProperty("counts")[labels.IndexOf(gold)][labels.IndexOf(predicted)].GetInt32();
    }

    // A blank or failed page is one colour; a rendered report has text, charts and coloured cells.
    private static void AssertDrawn(PngImage image)
    {
        var colours = new HashSet<int>();
        var background = (image.Rgba[0], image.Rgba[1], image.Rgba[2]);
        var inked = 0;
        for (var i = 0; i < image.Rgba.Length; i += 4)
        {
            colours.Add((image.Rgba[i] << 16) | (image.Rgba[i + 1] << 8) | image.Rgba[i + 2]);
            if ((image.Rgba[i], image.Rgba[i + 1], image.Rgba[i + 2]) != background)
            {
                inked++;
            }
        }

        Assert.True(colours.Count > 200, $"the screenshot has only {colours.Count} colours: the page did not render");
        Assert.True(inked > image.Width * image.Height / 5, $"only {inked} pixels differ from the background");
        // The summary card's blue top border and the confusion matrix's blue diagonal: the CSS and SVG applied.
        Assert.Contains(colours, c => (c >> 16) < 90 && ((c >> 8) & 0xFF) is > 90 and < 130 && (c & 0xFF) > 150);
    }

    private static async Task<string> RunChromiumAsync(string chromium, string dir, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", $"--user-data-dir={Path.Combine(dir, "chromium-profile")}"])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium did not finish in 120 s: {string.Join(' ', start.ArgumentList)}");
        }

        Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {await error}");
        return await output;
    }

    private static string? FindChromium()
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } configured && File.Exists(configured))
        {
            return configured;
        }

        var path = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator) ?? [];
        return path.SelectMany(d => new[] { "chromium", "chromium-browser", "google-chrome" }.Select(n => Path.Combine(d, n))).FirstOrDefault(File.Exists);
    }
}
