using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AiLint.Tests.Runtime;

/// <summary>Retry-rule tests whose code references the real AiLint.Runtime assembly (issue 17).</summary>
internal static class RuntimeTestSupport
{
    public const string Usings = """
        using System;
        using System.ClientModel;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using AiLint.Runtime;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Caching.Distributed;
        using OpenAI.Chat;
        using Polly;
        using ChatMessage = OpenAI.Chat.ChatMessage;

        """;

    /// <summary>The default references plus AiLint.Runtime.dll (the default set does not include it).</summary>
    public static ImmutableArray<MetadataReference> WithRuntime { get; } =
        ReferenceAssemblies.Default.Add(MetadataReference.CreateFromFile(typeof(global::AiLint.Runtime.IdempotentCalls).Assembly.Location));

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(WithRuntime, Usings + source, expected);

    /// <summary>Runs the retry analyzer on <paramref name="fullSource"/> (usings included) against <paramref name="references"/>.</summary>
    public static Task VerifyAsync(ImmutableArray<MetadataReference> references, string fullSource, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<RetryAnalyzer> { TestCode = fullSource, MarkupDiagnosticId = "AIL0001", References = references };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static DiagnosticResult Diagnostic(string id) => CSharpAnalyzerVerifier<RetryAnalyzer>.Diagnostic(id);
}
