namespace AiLint.Tool;

/// <summary>The output format of <c>ailint bom</c>: the CycloneDX document or a human summary.</summary>
internal enum BomFormat
{
    Json,
    Markdown,
}

/// <summary>
/// A parsed command line. <see cref="Error"/> is set (and the rest is meaningless) for bad arguments;
/// <see cref="HelpRequested"/> is set (and the rest is meaningless) when <c>-h</c>, <c>--help</c> or <c>help</c> asks for the usage.
/// </summary>
internal sealed record CommandLine(
    string Command,
    string InputPath,
    string? OutputPath,
    BomFormat Format,
    bool Timestamp,
    bool NoRestore,
    string? Error,
    bool HelpRequested = false)
{
    public const string Usage = """
        Usage:
          ailint coverage <project.csproj|solution.sln|solution.slnx> [-o|--output <report.md>] [--no-restore]
          ailint bom <project.csproj|solution.sln|solution.slnx> [-o|--output <file>] [--format json|md] [--timestamp] [--no-restore]

        coverage  Markdown report of prompt eval coverage: per prompt, its cases, covered and uncovered instructions
                  and staleness (the same model as AIL0301-AIL0304).
        bom       AI bill of materials as CycloneDX 1.6 JSON: the project, its LLM SDK packages, the model ids,
                  prompts (SHA-256 and eval coverage) and MCP servers its code uses, and the dependency graph.
                  --format md writes a human summary instead. The output is byte-for-byte deterministic unless
                  --timestamp adds metadata.timestamp.

        A project that was never restored is restored first (dotnet restore) unless --no-restore is given.
        Progress and warnings go to standard error; without -o the result goes to standard output.
        -h, --help  Show this text.
        Exit codes: 0 success, 1 the input cannot be loaded, 2 bad arguments.
        """;

    public bool IsValid => Error is null;

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            return Invalid("No command given.");
        }

        // Asking for help anywhere on the line is not a mistake: the usage goes to standard output with exit code 0.
        if (args[0] == "help" || args.Any(arg => arg is "-h" or "--help" or "-?"))
        {
            return new CommandLine(string.Empty, string.Empty, null, BomFormat.Json, false, false, null, HelpRequested: true);
        }

        var command = args[0];
        if (command is not ("coverage" or "bom"))
        {
            return Invalid($"Unknown command '{command}'.");
        }

        string? input = null;
        string? output = null;
        var format = BomFormat.Json;
        var timestamp = false;
        var noRestore = false;
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "-o" or "--output":
                    if (i + 1 >= args.Count)
                    {
                        return Invalid($"{arg} needs a file name.");
                    }

                    output = args[++i];
                    break;
                case "--format" when command == "bom":
                    if (i + 1 >= args.Count)
                    {
                        return Invalid("--format needs json or md.");
                    }

                    switch (args[++i])
                    {
                        case "json":
                            format = BomFormat.Json;
                            break;
                        case "md" or "markdown":
                            format = BomFormat.Markdown;
                            break;
                        default:
                            return Invalid($"Unknown format '{args[i]}': use json or md.");
                    }

                    break;
                case "--timestamp" when command == "bom":
                    timestamp = true;
                    break;
                case "--no-restore":
                    noRestore = true;
                    break;
                default:
                    if (arg.StartsWith('-') || input is not null)
                    {
                        return Invalid($"Unknown argument '{arg}'.");
                    }

                    input = arg;
                    break;
            }
        }

        if (input is null)
        {
            return Invalid($"'{command}' needs a project or solution file.");
        }

        var extension = Path.GetExtension(input).ToLowerInvariant();
        if (extension is not (".csproj" or ".sln" or ".slnx"))
        {
            return Invalid($"'{input}' is not a C# project (.csproj) or a solution (.sln, .slnx).");
        }

        return new CommandLine(command, input, output, format, timestamp, noRestore, null);
    }

    private static CommandLine Invalid(string error) => new(string.Empty, string.Empty, null, BomFormat.Json, false, false, error);
}
