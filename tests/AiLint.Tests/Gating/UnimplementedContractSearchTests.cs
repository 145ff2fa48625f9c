using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Gating;

/// <summary>
/// The prompts rule's search for interface and abstract methods with an instruction-named parameter and no
/// implementation (UnimplementedContractPrompts) starts from the files' member declarations and reads a parameter's
/// name from its identifier, no longer from a walk of every type symbol (issue 16). These are the declarations that
/// such a syntax filter could miss, each in an Application project that references no SDK: a name written with an
/// escape or after <c>@</c>, an abstract method in a partial class whose <c>abstract</c> is on another part, a contract
/// nested in a class, a generic one. Each must still be found; their bodied twins must stay quiet.
/// </summary>
public class UnimplementedContractSearchTests
{
    private static Task VerifyApplicationAsync((string Path, string Content)[] sources, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { References = ReferenceAssemblies.FrameworkOnly };
        foreach (var source in sources)
        {
            test.Sources.Add(source);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // `\u0073ystemPrompt` is the parameter `systemPrompt` (a text search for the name would not see it), `@system` is
    // `system`.
    [Fact]
    public Task Parameter_names_written_with_an_escape_or_a_verbatim_prefix_are_read_by_their_value() =>
        VerifyApplicationAsync(
            new[]
            {
                ("/0/Ports.cs", """
                    using System.Threading.Tasks;
                    namespace Coach.Application;
                    public interface ILlmClient { Task<string> CompleteAsync(string \u0073ystemPrompt, string userPrompt); }
                    public interface IChat { Task<string> AskAsync(string @system, string question); }
                    """),
                ("/0/Coach.cs", """
                    using System.Threading.Tasks;
                    namespace Coach.Application;
                    public sealed class Coach(ILlmClient llm, IChat chat)
                    {
                        public Task<string> Plan(string match) =>
                            llm.CompleteAsync({|#0:"You are a tennis coach. Return ONLY a three-step training plan."|}, match);
                        public Task<string> Tip(string match) =>
                            chat.AskAsync({|#1:"You are a tennis coach. Answer in one sentence."|}, match);
                    }
                    """),
            },
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Coach.Application.Coach.Plan"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Coach.Application.Coach.Tip"));

    // The abstract method's own part does not say `abstract class`; the class is abstract by its other part (in another
    // file). A nested interface and a generic method of a generic interface are contracts like any other.
    [Fact]
    public Task Partial_nested_and_generic_contracts_are_found() =>
        VerifyApplicationAsync(
            new[]
            {
                ("/0/Gateway.Ask.cs", """
                    using System.Threading.Tasks;
                    namespace Coach.Application;
                    public partial class Gateway { public abstract Task<string> AskAsync(string instructions, string question); }
                    public static class Ports
                    {
                        public interface IStoryModel { Task<string> TellAsync(string persona, string topic); }
                    }
                    public interface IModel<TOut> { Task<TOut> RunAsync<TIn>(string systemMessage, TIn input); }
                    """),
                ("/0/Gateway.cs", """
                    namespace Coach.Application;
                    public abstract partial class Gateway { }
                    """),
                ("/0/Uses.cs", """
                    using System.Threading.Tasks;
                    namespace Coach.Application;
                    public sealed class Uses(Gateway gateway, Ports.IStoryModel stories, IModel<int> scorer)
                    {
                        public Task<string> Ask(string q) => gateway.AskAsync({|#0:"You are a support agent. Never promise refunds."|}, q);
                        public Task<string> Tell(string t) => stories.TellAsync({|#1:"You are a gentle storyteller for children. Keep it short."|}, t);
                        public Task<int> Score(double[] xs) => scorer.RunAsync({|#2:"You are a strict grader. Return ONLY a number from 1 to 10."|}, xs);
                    }
                    """),
            },
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Coach.Application.Uses.Ask"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Coach.Application.Uses.Tell"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Coach.Application.Uses.Score"));

    // The twins real apps write beside them: a virtual method with a body, an interface member with a default body and
    // an ordinary class method, all with the same parameter names, are not contracts another project implements.
    [Fact]
    public Task Methods_with_bodies_are_not_unimplemented_contracts() =>
        VerifyApplicationAsync(
            new[]
            {
                ("/0/Bodies.cs", """
                    using System.Threading.Tasks;
                    namespace Coach.Application;
                    public abstract class Gateway { public virtual Task<string> AskAsync(string instructions, string question) => Task.FromResult(question); }
                    public interface IChat { Task<string> AskAsync(string \u0073ystemPrompt, string question) => Task.FromResult(question); }
                    public sealed class Formatter { public Task<string> FormatAsync(string systemPrompt, string text) => Task.FromResult(systemPrompt + text); }
                    public sealed class Uses(Gateway gateway, IChat chat, Formatter formatter)
                    {
                        public Task<string> A(string q) => gateway.AskAsync("You are a support agent. Never promise refunds.", q);
                        public Task<string> B(string q) => chat.AskAsync("You are a support agent. Never promise refunds.", q);
                        public Task<string> C(string q) => formatter.FormatAsync("You are a support agent. Never promise refunds.", q);
                    }
                    """),
            });

    // Half-typed declarations: an unclosed parameter list, a method where only a type may stand, a nameless parameter.
    // No crash; the call whose closing parenthesis is still missing passes its instruction to a `systemPrompt` that is
    // complete, and is read as it will be once the parenthesis is typed (as the first test above reads it).
    [Fact]
    public Task Half_typed_contract_declarations_do_not_crash() =>
        new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            ExpectedDiagnostics = { Diagnostic("AIL0301").WithLocation(0).WithArguments("Coach.Application.Uses.A") },
            TestCode = """
                using System.Threading.Tasks;
                namespace Coach.Application;
                public interface ILlmClient { Task<string> CompleteAsync(string systemPrompt, string }
                Task<string> Stray(string instructions);
                public abstract class Gateway { public abstract Task<string> AskAsync(string , string persona); }
                public sealed class Uses(ILlmClient llm)
                {
                    public Task<string> A(string q) => llm.CompleteAsync({|#0:"You are a coach. Always be brief."|}, q
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        }.RunAsync();
}
