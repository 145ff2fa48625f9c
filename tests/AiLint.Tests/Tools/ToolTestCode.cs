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

    /// <summary>
    /// A second file in which the project asks Semantic Kernel for automatic choice among a kernel's functions. Semantic
    /// Kernel 1.82 offers a kernel's functions only when the request's settings say so, so kernel tests that expect a
    /// catalog add this file (the shape of an app whose chat service holds these settings, apart from the kernel).
    /// </summary>
    public const string AutoFunctionChoiceFile = """
        using Microsoft.SemanticKernel;

        static class ChatSettings
        {
            public static readonly PromptExecutionSettings Auto = new() { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
        }
        """;

    /// <summary><paramref name="count"/> distinct MEAI function tools as collection-expression elements.</summary>
    public static string Functions(int count) =>
        string.Join(", ", Enumerable.Range(1, count).Select(i => $"AIFunctionFactory.Create(() => {i}, \"t{i}\")"));
}
