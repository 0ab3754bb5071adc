namespace StanceML.Tests;

/// <summary>Finds files of the repository from the test's output directory.</summary>
internal static class TestPaths
{
    public static string Repo(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "StanceML.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException($"StanceML.sln not found above {AppContext.BaseDirectory}; run the tests from a clone of the repository.");
        }

        return Path.Combine([dir.FullName, .. parts]);
    }
}
