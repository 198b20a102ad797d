using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Muster.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Muster.Benchmarks.EvaluateBenchmarks).Assembly).Run(args);
