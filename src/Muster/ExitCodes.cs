namespace Muster.Cli;

/// <summary>Exit codes every command uses, so scripts can tell failures apart.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>`border check`: the document is on the exit-ban list; the holder may not leave.</summary>
    public const int Denied = 1;
    /// <summary>The input (a file, an option) is wrong; the message says where.</summary>
    public const int BadInput = 2;
    /// <summary>A check ran and found a problem (e.g. the audit chain is broken, or a border snapshot is refused).</summary>
    public const int CheckFailed = 3;
    /// <summary>A store or server could not be reached or refused.</summary>
    public const int Unavailable = 4;
}
