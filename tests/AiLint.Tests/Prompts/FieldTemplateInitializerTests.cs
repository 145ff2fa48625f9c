using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A <c>readonly</c> field whose initializer is a template with holes (minions' <c>CloudEvaluatorExecutor</c>:
/// <c>private readonly string _instructions = $"""You are an expert evaluator. ... {document} ... {userQuery}""";</c>, the
/// holes being primary-constructor parameters, sent as <c>new ChatMessage(ChatRole.System, _instructions)</c>): judged
/// and reported as the same template assigned in a constructor is. FieldTemplateInitializers, PromptFlow.
/// </summary>
public class FieldTemplateInitializerTests
{
    private const string Template = """"
        $"""
                You are an expert evaluator. Assess the quality of an AI-generated answer on a scale of 1-5.
                Criteria: accuracy, completeness, clarity, relevance.

                Original Document:
                {document}

                User Query: {userQuery}
                """
        """";

    [Fact]
    public Task Template_initializer_of_a_readonly_field_is_reported_like_the_constructor_assignment() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Repro1;

            sealed class Evaluator(IChatClient client, string document, string userQuery)
            {
                private readonly string _instructions =
                    {|#0:TEMPLATE|};

                public Task<ChatResponse> RunAsync(string evalRequest) =>
                    client.GetResponseAsync([new ChatMessage(ChatRole.System, _instructions), new ChatMessage(ChatRole.User, evalRequest)]);
            }

            sealed class EvaluatorCtor
            {
                private readonly IChatClient client;
                private readonly string _instructions;

                public EvaluatorCtor(IChatClient client, string document, string userQuery)
                {
                    this.client = client;
                    _instructions = {|#1:TEMPLATE|};
                }

                public Task<ChatResponse> RunAsync(string evalRequest) =>
                    client.GetResponseAsync([new ChatMessage(ChatRole.System, _instructions), new ChatMessage(ChatRole.User, evalRequest)]);
            }
            """.Replace("TEMPLATE", Template),
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Repro1.Evaluator._instructions"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Repro1.EvaluatorCtor._instructions"));

    // Covered by an eval case naming the field and hashed on the template's text (holes kept), as the constructor's
    // template is; the case's rule exercises its instruction (AIL0303).
    [Fact]
    public Task Template_initializer_is_covered_by_a_case_naming_the_field() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Repro1;

            sealed class Evaluator(string language)
            {
                private readonly string _instructions = $"You are a translator. Answer only in {language}.";
                public ChatMessage System() => new ChatMessage(ChatRole.System, _instructions);
            }
            """,
            new[] { ("evals/Evaluator.evals.jsonl", Case("Repro1.Evaluator._instructions", rule: "Answer only in", sha: Sha256("You are a translator. Answer only in {language}."))) });

    // The code beside it: a template that only titles its data, one sent as the user's turn, a mutable field (the code
    // may replace it), a readonly field a constructor also assigns (two values), and a template that reaches no slot.
    [Fact]
    public Task Data_templates_user_turns_mutable_and_reassigned_fields_are_quiet() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Quiet;

            sealed class Evaluator(string document, string userQuery)
            {
                private readonly string _context = $"Original Document:\n{document}\n\nUser Query: {userQuery}";
                private readonly string _question = $"You are given a document. Summarize it for {userQuery}.";
                private string _mutable = $"You are an expert evaluator. Grade the answer to {userQuery}.";
                private readonly string _twice = $"You are an expert evaluator. Grade the answer to {userQuery}.";
                private readonly string _logged = $"You are an expert evaluator. Grade the answer to {userQuery}.";

                public Evaluator(string document, string userQuery, bool strict) : this(document, userQuery) => _twice = strict ? "strict" : "lenient";

                public ChatMessage Context() => new ChatMessage(ChatRole.System, _context);
                public ChatMessage Question() => new ChatMessage(ChatRole.User, _question);
                public ChatMessage Mutable() => new ChatMessage(ChatRole.System, _mutable);
                public ChatMessage Twice() => new ChatMessage(ChatRole.System, _twice);
                public void Log() => System.Console.WriteLine(_logged);
                public void Change(string text) => _mutable = text;
            }
            """);

    // Half-typed code: an initializer whose template is still being typed, a hole naming nothing yet, a field of a type
    // that does not bind; nothing throws, and none of them is reported.
    [Fact]
    public async Task Half_typed_initializers_do_not_crash()
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using Microsoft.Extensions.AI;
                namespace Draft;

                sealed class Evaluator(string document)
                {
                    private readonly string _typing = $"You are an expert evaluator. Grade {document ;
                    private readonly Missing _broken = $"You are an expert evaluator. Grade {document}.";
                    private readonly string _misnamed = $"You are an expert evaluator. Grade {documnet}.";

                    public ChatMessage A() => new ChatMessage(ChatRole.System, _typing);
                    public ChatMessage B() => new ChatMessage(ChatRole.System, _broken);
                    public ChatMessage C() => new ChatMessage(ChatRole.System, _misnamed);
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        await test.RunAsync();
    }
}
