namespace AiLint.Tests.Tools;

/// <summary>Shared test-code fragments for the tool-catalog rules.</summary>
internal static class ToolTestCode
{
    /// <summary>Usings every tool test compiles with.</summary>
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.AI;
        using ModelContextProtocol.Client;

        """;

    /// <summary><paramref name="count"/> distinct MEAI function tools as collection-expression elements.</summary>
    public static string Functions(int count) =>
        string.Join(", ", Enumerable.Range(1, count).Select(i => $"AIFunctionFactory.Create(() => {i}, \"t{i}\")"));
}
