namespace Muster.Reliability.Tests.Support;

/// <summary>The throwaway cluster with synchronous commits: a commit it acknowledged survives `pg_ctl stop -m immediate`, as in production.</summary>
public sealed class DurablePostgresCluster : PostgresCluster
{
    protected override bool SynchronousCommit => true;
}
