using PublicApiGenerator;

namespace StanceML.Tests;

public class PublicApiTests
{
    /// <summary>
    /// The public surface of the predictor library is a contract: a change to it must be deliberate.
    /// On a difference, the new API is written to PublicApi.received.txt; review it and copy it over
    /// PublicApi.approved.txt.
    /// </summary>
    [Fact]
    public void PublicApi_MatchesTheApprovedFile()
    {
        var api = typeof(StancePredictor).Assembly.GeneratePublicApi(new ApiGeneratorOptions { ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"] });
        var approvedPath = TestPaths.Repo("tests", "StanceML.Predictor.Tests", "PublicApi.approved.txt");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : string.Empty;

        if (Normalize(api) != Normalize(approved))
        {
            File.WriteAllText(Path.ChangeExtension(approvedPath, null).Replace(".approved", ".received") + ".txt", api);
        }

        Assert.Equal(Normalize(approved), Normalize(api));
    }

    private static string Normalize(string text) => text.ReplaceLineEndings("\n").Trim();
}
