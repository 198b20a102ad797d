using Muster.Core.Policies;

namespace Muster.Core.Tests.Support;

/// <summary>The shipped policy files, loaded once (they are copied beside the test assembly).</summary>
internal static class ShippedPolicies
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "policies");

    public static readonly PolicySet Russia = PolicyLoader.LoadDirectory(Folder);

    public static readonly Policy Ru2023 = Russia.Find("ru-2023")!;

    public static readonly Policy Ru2026 = Russia.Find("ru-2026")!;

    public static readonly PolicySet DueProcess =
        PolicySet.Of(PolicyLoader.LoadFile(Path.Combine(Folder, "examples", "due-process.yaml")));
}
