using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// A catalog made of one tool per member of an enum (<c>Enum.GetValues&lt;T&gt;().Select(...)</c>, a loop over
/// <c>Enum.GetValues(typeof(T))</c>): the enum's member count is fixed at compile time, so the catalog is counted against
/// the cap (AIL0201) like any counted list, never called unbounded (AIL0202). Beside each over-the-cap form, the same
/// form within the cap, filtered or capped, which is not reported.
/// </summary>
public class EnumToolCatalogTests
{
    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0201" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult OverCap(int location, string count) =>
        Verify.Diagnostic("AIL0201").WithLocation(location).WithArguments(count, 20, "");

    private static string Members(int count) => string.Join(", ", Enumerable.Range(1, count).Select(i => $"Report{i}"));

    [Fact]
    public Task Tools_projected_from_a_large_enum_are_counted_against_the_cap() => VerifyAsync($$"""
        public enum ReportKind { {{Members(22)}} }

        public sealed class Assistant(IChatClient chat)
        {
            private static AITool ToolFor(ReportKind kind) => AIFunctionFactory.Create(() => kind.ToString(), "run_" + kind);

            public Task<ChatResponse> GenericAsync(string question) =>
                chat.GetResponseAsync(question, new ChatOptions { Tools = {|#0:Enum.GetValues<ReportKind>().Select(ToolFor).ToList()|} });

            public Task<ChatResponse> LoopAsync(string question)
            {
                var tools = {|#1:new List<AITool>()|};
                foreach (ReportKind kind in Enum.GetValues(typeof(ReportKind)))
                {
                    tools.Add(ToolFor(kind));
                }

                return chat.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }
        }
        """,
        OverCap(0, "22"),
        OverCap(1, "22"));

    [Fact]
    public Task Tools_from_a_small_enum_a_filtered_or_a_capped_one_are_not_reported() => VerifyAsync($$"""
        public enum Small { {{Members(5)}} }
        public enum Large { {{Members(22)}} }

        public sealed class Assistant(IChatClient chat)
        {
            private static AITool ToolFor<T>(T kind) where T : struct, Enum => AIFunctionFactory.Create(() => kind.ToString(), "run_" + kind);

            public Task<ChatResponse> SmallAsync(string question) =>
                chat.GetResponseAsync(question, new ChatOptions { Tools = Enum.GetValues<Small>().Select(ToolFor).ToList() });

            public Task<ChatResponse> CastAsync(string question) =>
                chat.GetResponseAsync(question, new ChatOptions { Tools = Enum.GetValues(typeof(Small)).Cast<Small>().Select(ToolFor).ToList() });

            public Task<ChatResponse> FilteredAsync(string question, Func<Large, bool> wanted) =>
                chat.GetResponseAsync(question, new ChatOptions { Tools = Enum.GetValues<Large>().Where(wanted).Select(ToolFor).ToList() });

            public Task<ChatResponse> CappedAsync(string question) =>
                chat.GetResponseAsync(question, new ChatOptions { Tools = Enum.GetValues<Large>().Select(ToolFor).Take(10).ToList() });

            // An enum known only at run time: its size is not counted (and not called unbounded).
            public Task<ChatResponse> RuntimeTypeAsync(string question, Type enumType) =>
                chat.GetResponseAsync(question, new ChatOptions { Tools = Enum.GetNames(enumType).Select(n => (AITool)AIFunctionFactory.Create(() => n, n)).ToList() });
        }
        """);

    // The AIL0202 side: a large enum is counted, not called an unbounded source.
    [Fact]
    public async Task A_large_enum_is_not_an_unbounded_source()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + $$"""
                public enum Large { {{Members(22)}} }
                public sealed class Assistant(IChatClient chat)
                {
                    public Task<ChatResponse> AskAsync(string question) =>
                        chat.GetResponseAsync(question, new ChatOptions { Tools = {|#0:Enum.GetValues<Large>().Select(k => (AITool)AIFunctionFactory.Create(() => k.ToString(), k.ToString())).ToList()|} });
                }
                """,
            MarkupDiagnosticId = "AIL0201",
        };
        test.ExpectedDiagnostics.Add(OverCap(0, "22"));
        await test.RunAsync();
    }

    [Fact]
    public Task Half_typed_enum_catalogs_do_not_crash()
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer>
        {
            TestCode = ToolTestCode.Usings + """
                public enum Kind { A, B, }
                public sealed class Assistant(IChatClient chat)
                {
                    public Task<ChatResponse> A(string q) => chat.GetResponseAsync(q, new ChatOptions { Tools = Enum.GetValues<>().Select(k => (AITool)AIFunctionFactory.Create(() => k, "x")).ToList() });
                    public Task<ChatResponse> B(string q) => chat.GetResponseAsync(q, new ChatOptions { Tools = Enum.GetValues(typeof()).Cast<Kind>().Select(k => (AITool)AIFunctionFactory.Create(() => k, "x")).ToList() });
                    public Task<ChatResponse> C(string q) => chat.GetResponseAsync(q, new ChatOptions { Tools = Enum.GetValues<Missing>().Select(k => (AITool)AIFunctionFactory.Create(() => k, "x")).ToList() });
                    public Task<ChatResponse> D(string q) => chat.GetResponseAsync(q, new ChatOptions { Tools = Enum.GetValues(typeof(Kind), ).Select( });
                }
                """,
        };
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        test.ExpectedDiagnostics.Clear();
        return test.RunAsync();
    }
}
