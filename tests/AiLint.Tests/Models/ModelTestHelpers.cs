using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;

namespace AiLint.Tests.Models;

internal static class ModelTestHelpers
{
    /// <summary>
    /// AIL0501's second argument for <c>gpt-4o-mini</c>: the snapshot it points to shuts down on 2027-01-14 (OpenAI's
    /// announcement of 2026-10-14), so the message names that date and the replacement instead of offering it as a pin.
    /// </summary>
    public const string Gpt4oMiniPointer =
        " (it pointed to 'gpt-4o-mini-2024-07-18' on 2026-12-07, a snapshot that shuts down on 2027-01-14; the provider recommends 'gpt-6-luna')";

    /// <summary>
    /// AIL0501's second argument for <c>gpt-4o</c>: its model page's default snapshot, gpt-4o-2024-08-06, shuts down on
    /// 2027-01-14 in the same announcement, so the message names that date and the replacement.
    /// </summary>
    public const string Gpt4oPointer =
        " (it pointed to 'gpt-4o-2024-08-06' on 2026-12-07, a snapshot that shuts down on 2027-01-14; the provider recommends 'gpt-6-luna')";

    public static Task VerifyAsync(string code, params DiagnosticResult[] expected) =>
        VerifyAsync(code, Array.Empty<(string, string)>(), expected);

    public static Task VerifyAsync(string code, (string Path, string Content)[] files, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { TestCode = code };
        test.AdditionalFiles.AddRange(files);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>A project that references no LLM SDK (the framework only): raw HttpClient requests and settings files.</summary>
    public static Task VerifyWithoutSdkAsync(string code, (string Path, string Content)[] files, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { TestCode = code, References = ReferenceAssemblies.FrameworkOnly };
        test.AdditionalFiles.AddRange(files);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>
    /// The usings and the message record the hand-written provider classes of public apps (KikiAI's OpenAI, Claude and
    /// Mistral providers) need, for tests that build such a class without any LLM SDK.
    /// </summary>
    public const string RawProviderUsings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text.Json.Nodes;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Configuration;

        public record Message(string Role, string Content);

        """;

    /// <summary>A hand-written provider class (after <see cref="RawProviderUsings"/>) in a project without an LLM SDK.</summary>
    public static Task VerifyRawProviderAsync(string code, params DiagnosticResult[] expected) =>
        VerifyWithoutSdkAsync(RawProviderUsings + code, Array.Empty<(string, string)>(), expected);

    public static DiagnosticResult Diagnostic(string id) => CSharpAnalyzerVerifier<ModelAnalyzer>.Diagnostic(id);
}
