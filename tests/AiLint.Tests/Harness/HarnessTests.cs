using System.Collections.Immutable;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Tests.Harness;

/// <summary>The harness itself: it must fail when diagnostics differ, or the rule tests prove nothing.</summary>
public class HarnessTests
{
    private const string Code = """
        class C
        {
            void M() { [|Target()|]; }
            void Target() { }
        }
        """;

    [Fact]
    public Task Expected_diagnostic_passes() => CSharpAnalyzerVerifier<FlagsCallsToTarget>.VerifyAnalyzerAsync(Code);

    [Fact]
    public async Task Missing_diagnostic_fails()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => CSharpAnalyzerVerifier<FlagsCallsToTarget>.VerifyAnalyzerAsync(Code.Replace("[|Target()|]", "Target()")));
        Assert.Contains("Mismatch between number of diagnostics returned, expected \"0\" actual \"1\"", ex.Message);
    }

    [Fact]
    public async Task Wrong_span_fails()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => CSharpAnalyzerVerifier<FlagsCallsToTarget>.VerifyAnalyzerAsync(Code.Replace("[|Target()|]", "[|Target|]()")));
        Assert.Contains("Expected diagnostic to end at column", ex.Message);
    }

    [Fact]
    public Task Arguments_are_checked_against_the_message() =>
        CSharpAnalyzerVerifier<FlagsCallsToTarget>.VerifyAnalyzerAsync(
            Code.Replace("[|Target()|]", "{|#0:Target()|}"),
            CSharpAnalyzerVerifier<FlagsCallsToTarget>.Diagnostic().WithLocation(0).WithArguments("Target"));

    [Fact]
    public async Task Wrong_arguments_fail()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => CSharpAnalyzerVerifier<FlagsCallsToTarget>.VerifyAnalyzerAsync(
            Code.Replace("[|Target()|]", "{|#0:Target()|}"),
            CSharpAnalyzerVerifier<FlagsCallsToTarget>.Diagnostic().WithLocation(0).WithArguments("Other")));
    }

    [Fact]
    public async Task Code_that_does_not_compile_fails_unless_allowed()
    {
        var broken = Code.Replace("void Target() { }", "void Target() { undefined(); }");
        await Assert.ThrowsAnyAsync<Exception>(() => CSharpAnalyzerVerifier<FlagsCallsToTarget>.VerifyAnalyzerAsync(broken));
        await new AnalyzerTest<FlagsCallsToTarget> { TestCode = broken, CompilerDiagnostics = CompilerDiagnostics.None }.RunAsync();
    }

    [Fact]
    public async Task Analyzer_exceptions_fail_the_test()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => CSharpAnalyzerVerifier<Throws>.VerifyAnalyzerAsync("class C { void M() { M(); } }"));
        Assert.Contains("threw", ex.Message);
    }

    [Fact]
    public async Task Editorconfig_reaches_the_analyzer()
    {
        var test = new AnalyzerTest<FlagsCallsToTarget> { TestCode = Code.Replace("[|Target()|]", "Target()") };
        test.AddEditorConfig("harness.disabled = true");
        await test.RunAsync();
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class FlagsCallsToTarget : DiagnosticAnalyzer
    {
        public static readonly DiagnosticDescriptor Rule = new("HARN001", "t", "call to {0}", "c", DiagnosticSeverity.Warning, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(
                c =>
                {
                    var disabled = c.Options.AnalyzerConfigOptionsProvider.GetOptions(c.Operation.Syntax.SyntaxTree).TryGetValue("harness.disabled", out var v) && v == "true";
                    var invocation = (IInvocationOperation)c.Operation;
                    if (!disabled && invocation.TargetMethod.Name == "Target")
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Rule, invocation.Syntax.GetLocation(), "Target"));
                    }
                },
                OperationKind.Invocation);
        }
    }

    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    private sealed class Throws : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(FlagsCallsToTarget.Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterOperationAction(_ => throw new InvalidOperationException("boom"), OperationKind.Invocation);
        }
    }
}
