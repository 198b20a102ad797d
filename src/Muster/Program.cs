using Muster.Cli;

// Only composes: every command lives in Commands/, one file each.
return await MusterApp.RunAsync(args);
