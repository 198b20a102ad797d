namespace Muster.Cli;

/// <summary>Where the policies shipped with the program are: a folder copied beside the executable.</summary>
public static class ShippedPolicies
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "policies");
}
