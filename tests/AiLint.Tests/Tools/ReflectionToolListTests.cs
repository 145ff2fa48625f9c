using AiLint.Analyzers.Rules.Tools;
using AiLint.Tests.Verifiers;
using Verify = AiLint.Tests.Verifiers.CSharpAnalyzerVerifier<AiLint.Analyzers.Rules.Tools.ToolCatalogAnalyzer>;

namespace AiLint.Tests.Tools;

/// <summary>
/// Tool lists made by reflection, as public apps write them (pinned): every public method of a class (or of the
/// calling object, which also brings <c>GetType</c>, <c>ToString</c>...) turned into a function, in a LINQ chain or a
/// loop; next to them the named, single-method and capped forms that are not reported.
/// </summary>
public class ReflectionToolListTests
{
    private static Task VerifyAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0202" };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Reflection(int location, string call) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments($"reflection over a type's methods ('{call}')", 20);

    [Fact]
    public Task Every_method_of_a_class_or_of_the_caller_is_reported() => VerifyAsync("""
        using System.Reflection;

        public sealed class Calculator
        {
            public int Add(int a, int b) => a + b;
            public int Subtract(int a, int b) => a - b;
        }

        public sealed class Assistant(IChatClient chat)
        {
            public Task<ChatResponse> LoopAsync(string question)
            {
                var target = new Calculator();
                var tools = new List<AITool>();
                foreach (var method in {|#0:typeof(Calculator).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)|})
                {
                    tools.Add(AIFunctionFactory.Create(method, target));
                }

                return chat.GetResponseAsync(question, new ChatOptions { Tools = tools });
            }

            public Task<ChatResponse> SelfAsync(string question) =>
                chat.GetResponseAsync(question, new ChatOptions { Tools = {|#1:GetType().GetMethods().Select(m => (AITool)AIFunctionFactory.Create(m, this)).ToList()|} });
        }
        """,
        Reflection(0, "typeof(Calculator).GetMethods()"),
        Reflection(1, "GetType().GetMethods()"));

    [Fact]
    public Task Named_single_and_capped_reflection_is_not_reported() => VerifyAsync("""
        public sealed class Calculator
        {
            public int Add(int a, int b) => a + b;
            public int Subtract(int a, int b) => a - b;
        }

        public sealed class Assistant(IChatClient chat)
        {
            private readonly Calculator _target = new();

            public Task<ChatResponse> NamedAsync(string question) =>
                chat.GetResponseAsync(question, new ChatOptions
                {
                    Tools = typeof(Calculator).GetMethods().Where(m => m.Name == "Add" || m.Name == "Subtract").Select(m => (AITool)AIFunctionFactory.Create(m, _target)).ToList(),
                });

            public Task<ChatResponse> SingleAsync(string question) =>
                chat.GetResponseAsync(question, new ChatOptions { Tools = [AIFunctionFactory.Create(typeof(Calculator).GetMethod("Add")!, _target)] });

            public Task<ChatResponse> CappedAsync(string question) =>
                chat.GetResponseAsync(question, new ChatOptions { Tools = typeof(Calculator).GetMethods().Select(m => (AITool)AIFunctionFactory.Create(m, _target)).Take(10).ToList() });
        }
        """);
}
