using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// A false-positive hunt on the previous round's shapes (iterator catalogs, the per-kernel settings link, Anthropic's
/// deferred tools), with shapes paraphrased from public tool registries: each case that real code writes next to a
/// reported one, and its reported twin.
/// </summary>
public class PreviousRoundFalsePositiveHuntTests
{
    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static string Yields(int count, string prefix, string indent = "                ") =>
        string.Concat(Enumerable.Range(1, count).Select(i => $"{indent}yield return AIFunctionFactory.Create(() => {i}, \"{prefix}{i}\");\n"));

    // A registry that yields the tools of one role: the `if` and `else` (or two switch sections) never run together,
    // so the iterator holds at most one branch's tools, as a list filled the same way would.
    [Fact]
    public Task Iterator_yielding_in_exclusive_branches_counts_the_largest_branch() => VerifyAsync($$"""
        enum Role { Support, Sales, Admin }

        class RoleTools(bool admin, Role role)
        {
            public IEnumerable<AITool> ByFlag()
            {
                yield return AIFunctionFactory.Create(() => 0, "whoami");
                if (admin)
                {
        {{Yields(12, "admin")}}
                }
                else
                {
        {{Yields(12, "user")}}
                }
            }

            public IEnumerable<AITool> ByRole()
            {
                switch (role)
                {
                    case Role.Support:
        {{Yields(12, "support")}}
                        break;
                    case Role.Sales:
        {{Yields(12, "sales")}}
                        break;
                    default:
        {{Yields(12, "admin")}}
                        break;
                }
            }
        }

        class Assistant(RoleTools tools)
        {
            ChatOptions Flag() => new() { Tools = [.. tools.ByFlag()] };
            ChatOptions Role() => new() { Tools = [.. tools.ByRole()] };
        }
        """);

    // The twins: two independent `if`s can both run ("up to"), and one branch alone over the cap is reported.
    [Fact]
    public Task Iterator_with_independent_or_large_branches_is_reported() => VerifyAsync($$"""
        class FeatureTools(bool orders, bool billing)
        {
            public IEnumerable<AITool> Independent()
            {
                if (orders)
                {
        {{Yields(12, "order")}}
                }

                if (billing)
                {
        {{Yields(12, "bill")}}
                }
            }

            public IEnumerable<AITool> OneLargeBranch()
            {
                if (orders)
                {
        {{Yields(21, "order")}}
                }
                else
                {
        {{Yields(2, "none")}}
                }
            }
        }

        class Assistant(FeatureTools tools)
        {
            ChatOptions Independent() => new() { Tools = {|#0:[.. tools.Independent()]|} };
            ChatOptions Large() => new() { Tools = {|#1:[.. tools.OneLargeBranch()]|} };
        }
        """,
        Verify.Diagnostic("AIL0201").WithLocation(0).WithArguments("up to 24", 20, ""),
        Verify.Diagnostic("AIL0201").WithLocation(1).WithArguments("up to 21", 20, ""));
}
