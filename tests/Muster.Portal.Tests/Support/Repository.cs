using System.Runtime.CompilerServices;

namespace Muster.Portal.Tests.Support;

/// <summary>Paths in the repository (the build's output may be elsewhere, under MUSTER_BUILD_ROOT).</summary>
public static class Repository
{
    /// <summary>tests/Muster.Portal.Tests, found from this source file.</summary>
    public static string TestProject => Path.GetFullPath(Path.Combine(Here(), ".."));

    public static string Root => Path.GetFullPath(Path.Combine(TestProject, "..", ".."));

    /// <summary>Where the tests' screenshots go: docs/screenshots, shown in the README.</summary>
    public static string Screenshots => Path.Combine(Root, "docs", "screenshots");

    /// <summary>axe-core, installed by `npm ci` in the test project (test.sh does it).</summary>
    public static string AxeCore => Path.Combine(TestProject, "node_modules", "axe-core", "axe.min.js");

    private static string Here([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
