using AiLint.Analyzers;
using AiLint.Analyzers.Rules.Tools;
using Microsoft.CodeAnalysis;
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
    private static Task VerifyAsync(string code, params DiagnosticResult[] expected) => VerifyAsync(code, CompilerDiagnostics.Errors, expected);

    private static Task VerifyAsync(string code, CompilerDiagnostics compilerDiagnostics, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<ToolCatalogAnalyzer> { TestCode = ToolTestCode.Usings + code, MarkupDiagnosticId = "AIL0202", CompilerDiagnostics = compilerDiagnostics };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    private static DiagnosticResult Reflection(int location, string call) =>
        Verify.Diagnostic("AIL0202").WithLocation(location).WithArguments($"reflection over a type's methods ('{call}')", 20);

    /// <summary>
    /// Reflection over a class the project declares (named in <c>typeof</c>, or the run-time type of a sealed class): its
    /// methods are fixed at compile time, so the message says what makes the catalog grow instead of "any number".
    /// </summary>
    private static DiagnosticResult ReflectionOver(int location, string call, string methods, string type) =>
        new DiagnosticResult(Descriptors.AIL0202ReflectedProjectType).WithLocation(location)
            .WithArguments($"reflection over a type's methods ('{call}')", 20, $"every {methods} added to '{type}'");

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
        ReflectionOver(0, "typeof(Calculator).GetMethods()", "public instance method", "Calculator"),
        ReflectionOver(1, "GetType().GetMethods()", "public method", "Assistant"));

    // The message states what the reflection reads: every method for NonPublic flags, static ones for Static only.
    [Fact]
    public Task The_message_names_the_methods_the_binding_flags_read() => VerifyAsync("""
        using System.Reflection;

        public class Operations
        {
            public static int Ping() => 1;
        }

        public sealed class Assistant(IChatClient chat)
        {
            public Task<ChatResponse> AllAsync(string question) =>
                chat.GetResponseAsync(question, new ChatOptions { Tools = {|#0:typeof(Operations).GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance).Select(m => (AITool)AIFunctionFactory.Create(m, target: null)).ToList()|} });

            public Task<ChatResponse> StaticAsync(string question) =>
                chat.GetResponseAsync(question, new ChatOptions { Tools = {|#1:typeof(Operations).GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => (AITool)AIFunctionFactory.Create(m, target: null)).ToList()|} });
        }
        """,
        ReflectionOver(0, "typeof(Operations).GetMethods()", "method", "Operations"),
        ReflectionOver(1, "typeof(Operations).GetMethods()", "public static method", "Operations"));

    // The scope stays the page's: reflection over a type known only at run time (a Type parameter, the run-time type of
    // a class that can be derived from, a library's type) keeps the "any number of tools" message.
    [Fact]
    public Task Reflection_over_a_type_not_fixed_in_the_project_keeps_the_unbounded_message() => VerifyAsync("""
        public class Calculator
        {
            public int Add(int a, int b) => a + b;

            public ChatOptions Options() => new() { Tools = {|#0:GetType().GetMethods().Select(m => (AITool)AIFunctionFactory.Create(m, this)).ToList()|} };
        }

        public sealed class Assistant(IChatClient chat)
        {
            public Task<ChatResponse> TypeAsync(string question, Type toolType) =>
                chat.GetResponseAsync(question, new ChatOptions { Tools = {|#1:toolType.GetMethods().Select(m => (AITool)AIFunctionFactory.Create(m, target: null)).ToList()|} });

            public Task<ChatResponse> LibraryAsync(string question) =>
                chat.GetResponseAsync(question, new ChatOptions { Tools = {|#2:typeof(Math).GetMethods().Select(m => (AITool)AIFunctionFactory.Create(m, target: null)).ToList()|} });
        }
        """,
        Reflection(0, "GetType().GetMethods()"),
        Reflection(1, "toolType.GetMethods()"),
        Reflection(2, "typeof(Math).GetMethods()"));

    // Half-typed: a type that does not resolve is no type of the project, so the message stays the unbounded one.
    [Fact]
    public Task Half_typed_reflection_does_not_crash_or_claim_a_project_type() => VerifyAsync("""
        public sealed class Assistant
        {
            ChatOptions Make() => new ChatOptions { Tools = {|#0:typeof(Missing).GetMethods().Select(m => (AITool)AIFunctionFactory.Create(m, this)).ToList()|} };
        }
        """,
        CompilerDiagnostics.None,
        Reflection(0, "typeof(Missing).GetMethods()"));

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
