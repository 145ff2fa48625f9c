using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Summaries;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A prompt builder behind an interface of another project: Abstractions declares <c>IPromptBuilder { string
/// BuildSystemPrompt(); }</c> or <c>ITurnBuilder { (string System, string User) Build(...); }</c>; Infrastructure, which
/// references it, implements the builder with its constant prompt and calls it where the result reaches the model. The
/// call through the referenced interface runs an implementation of this project when the declaring project has none
/// (ReferencedContracts), so the constant is reported in the implementation, as for an interface of the project
/// (ImplementedMethodPrompts, PromptFlow.Tuples). Out of reach: an implementation compiled in a third project, whose body
/// the caller's compilation sees only as metadata.
/// </summary>
public class ReferencedPromptBuilderTests
{
    // The Abstractions project. EXTRA holds what a variant adds to it.
    private const string Abstractions = """
        namespace Shop.Abstractions
        {
            public interface IPromptBuilder { string BuildSystemPrompt(); }

            public interface ITurnBuilder { (string System, string User) Build(string question, string context); }

            public interface IGreeting { string Text(); }

            EXTRA
        }
        """;

    // Infrastructure's chat service: both builders' results reach the OpenAI SDK's system message.
    private const string ChatService = """
        using System.Threading.Tasks;
        using OpenAI.Chat;
        using Shop.Abstractions;

        namespace Shop.Infrastructure
        {
            public sealed class ChatService(ChatClient client, IPromptBuilder prompts, ITurnBuilder turns)
            {
                public async Task<string> AskAsync(string question)
                {
                    ChatCompletion completion = await client.CompleteChatAsync(new SystemChatMessage(prompts.BuildSystemPrompt()), new UserChatMessage(question));
                    return completion.Content[0].Text;
                }

                public async Task<string> AnswerFromContextAsync(string question, string context)
                {
                    var (system, user) = turns.Build(question, context);
                    ChatCompletion completion = await client.CompleteChatAsync(new SystemChatMessage(system), new UserChatMessage(user));
                    return completion.Content[0].Text;
                }
            }

            BUILDERS
        }
        """;

    private const string Builders = """
        public sealed class SupportPromptBuilder : IPromptBuilder
            {
                public string {|#0:BuildSystemPrompt|}() => "You are the Contoso support assistant. Answer only from the order data. Never promise refunds.";
            }

            public sealed class CatalogTurnBuilder : ITurnBuilder
            {
                public (string System, string User) Build(string question, string context) =>
                    ({|#1:"You answer questions about the catalog. Use only the context. If the answer is not there, say that you do not know."|}, $"Context:\n{context}\n\nQuestion: {question}");
            }
        """;

    private static MetadataReference Library(string name, string source, params MetadataReference[] references)
    {
        var compilation = CSharpCompilation.Create(
            name,
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
            ReferenceAssemblies.Default.AddRange(references),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return ProjectSummaryTests.Emit(compilation);
    }

    private static Task VerifyAsync(string code, string abstractionsExtra, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = code,
            References = ReferenceAssemblies.Default.Add(Library("Shop.Abstractions", Abstractions.Replace("EXTRA", abstractionsExtra))),
        };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task Builders_of_a_referenced_interface_implemented_and_called_here_are_prompts() =>
        VerifyAsync(
            ChatService.Replace("BUILDERS", Builders),
            string.Empty,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Shop.Infrastructure.SupportPromptBuilder.BuildSystemPrompt"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Shop.Infrastructure.CatalogTurnBuilder.Build"));

    // The control: the interfaces declared in the same project give the same diagnostics.
    [Fact]
    public Task The_same_interfaces_declared_here_give_the_same_diagnostics()
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { Sources = { ChatService.Replace("BUILDERS", Builders), Abstractions.Replace("EXTRA", string.Empty) } };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0301").WithLocation(0).WithArguments("Shop.Infrastructure.SupportPromptBuilder.BuildSystemPrompt"));
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0301").WithLocation(1).WithArguments("Shop.Infrastructure.CatalogTurnBuilder.Build"));
        return test.RunAsync();
    }

    // Every implementation here is read: two builders, two prompts.
    [Fact]
    public Task Each_implementation_here_is_a_prompt() =>
        VerifyAsync(
            ChatService.Replace("BUILDERS", Builders + """

                    public sealed class BillingPromptBuilder : IPromptBuilder
                    {
                        public string {|#2:BuildSystemPrompt|}()
                        {
                            return "You are the billing assistant. Explain invoices line by line and never change an amount.";
                        }
                    }
                """),
            string.Empty,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Shop.Infrastructure.SupportPromptBuilder.BuildSystemPrompt"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Shop.Infrastructure.CatalogTurnBuilder.Build"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Shop.Infrastructure.BillingPromptBuilder.BuildSystemPrompt"));

    // Quiet: the declaring project has an implementation of its own (its body cannot be read here, so the set of texts is
    // open); a builder whose text is computed at run time (a settings value) opens the set too; the user element of the
    // tuple; and a referenced interface whose results never reach a slot (a greeting shown in the UI).
    [Fact]
    public Task Open_sets_user_elements_and_results_that_reach_no_slot_stay_quiet() =>
        VerifyAsync(
            """
            using System;
            using System.Threading.Tasks;
            using OpenAI.Chat;
            using Shop.Abstractions;

            namespace Shop.Infrastructure
            {
                public sealed class ChatService(ChatClient client, IPromptBuilder prompts, ITurnBuilder turns, IGreeting greeting)
                {
                    public Task<System.ClientModel.ClientResult<ChatCompletion>> AskAsync(string question) =>
                        client.CompleteChatAsync(new SystemChatMessage(prompts.BuildSystemPrompt()), new UserChatMessage(question));

                    public Task<System.ClientModel.ClientResult<ChatCompletion>> UserOnlyAsync(string question, string context)
                    {
                        var (_, user) = turns.Build(question, context);
                        return client.CompleteChatAsync(new UserChatMessage(user));
                    }

                    public string Welcome() => greeting.Text();
                }

                // The declaring project's DefaultPromptBuilder may run instead: not followed.
                public sealed class SupportPromptBuilder : IPromptBuilder
                {
                    public string BuildSystemPrompt() => "You are the Contoso support assistant. Never promise refunds.";
                }

                // The tuple's system element read from settings: the set is open.
                public sealed class ConfiguredTurnBuilder : ITurnBuilder
                {
                    public (string System, string User) Build(string question, string context) =>
                        (Environment.GetEnvironmentVariable("SYSTEM_PROMPT") ?? "", $"Context: {context}\nQuestion: {question}");
                }

                public sealed class Greeting : IGreeting
                {
                    public string Text() => "Welcome back! You are signed in. Always keep your password secret.";
                }
            }
            """,
            """
            public class DefaultPromptBuilder : IPromptBuilder
                {
                    public string BuildSystemPrompt() => System.Environment.GetEnvironmentVariable("PROMPT") ?? "";
                }
            """);

    // Out of reach: the builder compiled in a third project (Prompts), the call here. Its body is metadata to this
    // compilation and its own compilation sees no call, so nothing is reported (the page's limitation).
    [Fact]
    public Task A_builder_implemented_in_a_third_project_is_out_of_reach()
    {
        var abstractions = Library("Shop.Abstractions", Abstractions.Replace("EXTRA", string.Empty));
        var prompts = Library(
            "Shop.Prompts",
            """
            using Shop.Abstractions;
            namespace Shop.Prompts
            {
                public sealed class SupportPromptBuilder : IPromptBuilder
                {
                    public string BuildSystemPrompt() => "You are the Contoso support assistant. Never promise refunds.";
                }
            }
            """,
            abstractions);
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;
                using OpenAI.Chat;
                using Shop.Abstractions;

                namespace Shop.Api
                {
                    public sealed class ChatService(ChatClient client)
                    {
                        private readonly IPromptBuilder prompts = new Shop.Prompts.SupportPromptBuilder();

                        public Task<System.ClientModel.ClientResult<ChatCompletion>> AskAsync(string question) =>
                            client.CompleteChatAsync(new SystemChatMessage(prompts.BuildSystemPrompt()), new UserChatMessage(question));
                    }
                }
                """,
            References = ReferenceAssemblies.Default.Add(abstractions).Add(prompts),
        };
        return test.RunAsync();
    }

    // Half-typed: a builder that does not implement the member yet, a tuple with one element missing, a misspelled
    // interface. No crash, no report.
    [Fact]
    public Task Half_typed_builders_do_not_crash_or_report()
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = ChatService.Replace("BUILDERS", """
                public sealed class SupportPromptBuilder : IPromptBuilder
                    {
                        public string BuildSystemPromt() => "You are the Contoso support assistant. Never promise refunds.";
                    }

                    public sealed class CatalogTurnBuilder : ITurnBuilder
                    {
                        public (string System, string User) Build(string question, string context) => ("You answer questions about the catalog. Use only the context.", );
                    }

                    public sealed class OtherBuilder : IPromptBuildr
                    {
                        public string BuildSystemPrompt() => "You are a helpful assistant. Never guess.";
                    }
                """),
            References = ReferenceAssemblies.Default.Add(Library("Shop.Abstractions", Abstractions.Replace("EXTRA", string.Empty))),
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}
