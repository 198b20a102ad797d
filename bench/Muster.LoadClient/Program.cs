using Muster.LoadClient;

// Only composes: `facts` writes a synthetic register, `run` measures a running `muster serve`.
return args is ["facts", var path, var count] ? SyntheticFacts.Write(path, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture))
    : args is ["run", ..] ? await LoadRun.RunAsync(LoadOptions.Parse(args[1..]))
    : Usage();

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Muster.LoadClient facts FILE.jsonl COUNT
               Muster.LoadClient run --url URL --key BORDER-KEY [--persons N] [--concurrency C] [--seconds S] [--rounds R] [--warmup S] [--server-pid PID]
        """);
    return 2;
}
