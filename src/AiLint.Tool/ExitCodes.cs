namespace AiLint.Tool;

/// <summary>The process exit codes fixed by docs/design/contract.md.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The project or solution is missing, cannot be restored, or cannot be loaded or compiled.</summary>
    public const int LoadFailure = 1;

    public const int BadArguments = 2;
}

/// <summary>The input cannot be loaded: reported on stderr with exit code 1.</summary>
internal sealed class LoadException(string message) : Exception(message);
