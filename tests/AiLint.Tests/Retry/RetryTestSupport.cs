using System.Collections.Immutable;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Rules.Retry;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Tests.Retry;

/// <summary>Shared helpers for the retry rule tests.</summary>
internal static class RetryTestSupport
{
    /// <summary>The usings every retry test file starts with.</summary>
    public const string Usings = """
        using System;
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using AiLint;
        using Microsoft.Extensions.AI;
        using OpenAI;
        using OpenAI.Chat;
        using Polly;

        """;

    /// <summary>Runs <see cref="RetryAnalyzer"/>; <c>[|...|]</c> stands for <paramref name="markupId"/>.</summary>
    public static Task VerifyAsync(string markupId, string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<RetryAnalyzer> { TestCode = source, MarkupDiagnosticId = markupId };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static DiagnosticResult Diagnostic(string id) => CSharpAnalyzerVerifier<RetryAnalyzer>.Diagnostic(id);
}

/// <summary>
/// Test-only analyzer that reports every invocation <see cref="LlmCallRecognizer"/> recognises, with its kind and SDK,
/// so recognition is tested through the same harness as the rules.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LlmCallProbeAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = new("LLMPROBE", "LLM call", "{0} {1}", "Test", DiagnosticSeverity.Warning, true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var recognizer = LlmCallRecognizer.TryGetCompilationInstance(start.Compilation, start.Options);
            if (recognizer is null)
            {
                return;
            }

            start.RegisterOperationAction(
                c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    var call = recognizer.Recognize(invocation, c.CancellationToken);
                    if (call.IsLlmCall)
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Rule, RetryAnalyzer.NameLocation(invocation), call.Kind, call.Sdk));
                    }
                },
                OperationKind.Invocation);
        });
    }
}
