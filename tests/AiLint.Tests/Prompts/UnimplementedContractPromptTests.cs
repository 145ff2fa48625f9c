using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// review63 N1 (TennisGPT, CodingAgent, Codewrinkles, StoryGenerator; Repro/CrossProjectPromptInterface): the
/// Application project declares <c>ILlmClient.CompleteAsync(string systemPrompt, string userPrompt, ...)</c> and passes
/// its prompt constant; only the Infrastructure project, which references Application, implements it. With no
/// implementation in the compilation the parameter's name is read: a value that instructs, or a member named for a
/// prompt, passed for a parameter named for instructions is a prompt. Any implementation keeps the usual reading.
/// </summary>
public class UnimplementedContractPromptTests
{
    // The Application project of the repro, which references no SDK at all.
    private const string Application = """
        using System.Threading;
        using System.Threading.Tasks;
        namespace Coach.Application;
        public interface ILlmClient
        {
            Task<string> CompleteAsync(string systemPrompt, string userPrompt, CancellationToken ct = default);
        }

        """;

    private static Task VerifyApplicationAsync(string code, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { TestCode = code, References = ReferenceAssemblies.FrameworkOnly };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task A_prompt_constant_passed_to_an_interface_only_another_project_implements_is_a_prompt() =>
        VerifyApplicationAsync(
            Application + """
            public sealed class TacticsService(ILlmClient llm)
            {
                private const string {|#0:TacticalSystemPrompt|} =
                    "You are an elite-level tennis performance analyst. Return ONLY valid JSON with summary and recommendations.";

                public Task<string> AnalyzeAsync(string match, CancellationToken ct = default) =>
                    llm.CompleteAsync(TacticalSystemPrompt, match, ct);

                public Task<string> TipAsync(string match) =>
                    llm.CompleteAsync(systemPrompt: {|#1:"Give one tactical tip for the next match. Keep it under 40 words."|}, userPrompt: match);
            }
            """,
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Coach.Application.TacticsService.TacticalSystemPrompt"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Coach.Application.TacticsService.TipAsync"));

    // The same in a project that references an SDK, through an abstract method nothing overrides here; and a constant
    // named for a prompt counts by its name even when its text does not read as an instruction.
    [Fact]
    public Task A_named_prompt_passed_to_an_abstract_method_without_overrides_is_a_prompt() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            namespace Coach.Application;
            public abstract class ChatGateway
            {
                public abstract Task<string> AskAsync(string instructions, string question);
            }
            public static class Prompts
            {
                public const string {|#0:StoryPrompt|} = "A bedtime story about a brave little fox";
            }
            public sealed class Stories(ChatGateway gateway)
            {
                public Task<string> TellAsync(string child) => gateway.AskAsync(Prompts.StoryPrompt, child);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Coach.Application.Prompts.StoryPrompt"));

    // Correct code beside it: the same constant given to parameters named `userPrompt` or `text` (the user's turn as far
    // as the name says), and text that does not instruct under a name that says nothing of a prompt.
    [Fact]
    public Task Values_for_user_parameters_or_that_do_not_instruct_are_not_prompts() =>
        VerifyApplicationAsync(
            Application + """
            public interface ITextModel
            {
                Task<string> GenerateAsync(string text);
            }
            public sealed class TacticsService(ILlmClient llm, ITextModel model)
            {
                private const string TacticalSystemPrompt =
                    "You are an elite-level tennis performance analyst. Return ONLY valid JSON with summary and recommendations.";
                private const string MatchLabel = "Tennis match analysis";

                public Task<string> AsUserTurn(string match) => llm.CompleteAsync(match, TacticalSystemPrompt);

                public Task<string> AsText() => model.GenerateAsync(TacticalSystemPrompt);

                public Task<string> Labelled(string match) => llm.CompleteAsync(MatchLabel, match);

                public Task<string> Inline(string match) => llm.CompleteAsync("Tennis match analysis", match);

                public Task<string> FromCaller(string system, string match) => llm.CompleteAsync(system, match);
            }

            // A SignalR client interface: implemented by a proxy at run time, it notifies people and returns nothing.
            public interface IChatClient
            {
                Task ReceiveSystemMessage(string systemMessage);
            }
            public sealed class Room(IChatClient clients)
            {
                public Task Closing() => clients.ReceiveSystemMessage("You must save your work now. Never close this tab before the room closes.");
            }
            """);

    // An implementation in the compilation keeps today's reading: one that sends the parameter as the user's turn makes
    // the call no prompt, and (the control) one that sends it as the system message makes it one, as before.
    [Fact]
    public Task An_implementation_in_the_compilation_decides_as_before() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using OpenAI.Chat;
            namespace Coach;
            public interface ILlmClient { Task<string> CompleteAsync(string systemPrompt, string userPrompt); }
            public interface IJudge { Task<string> JudgeAsync(string systemPrompt, string answer); }
            public sealed class UserTurnClient(ChatClient chat) : ILlmClient
            {
                public async Task<string> CompleteAsync(string systemPrompt, string userPrompt)
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(new UserChatMessage(systemPrompt + "\n\n" + userPrompt));
                    return completion.Content[0].Text;
                }
            }
            public sealed class Judge(ChatClient chat) : IJudge
            {
                public async Task<string> JudgeAsync(string systemPrompt, string answer)
                {
                    ChatCompletion completion = await chat.CompleteChatAsync(new SystemChatMessage(systemPrompt), new UserChatMessage(answer));
                    return completion.Content[0].Text;
                }
            }
            public sealed class TacticsService(ILlmClient llm, IJudge judge)
            {
                private const string TacticalSystemPrompt = "You are an elite-level tennis analyst. Return ONLY valid JSON.";
                private const string {|#0:JudgeSystemPrompt|} = "You grade tennis advice. Answer only PASS or FAIL.";

                public Task<string> AnalyzeAsync(string match) => llm.CompleteAsync(TacticalSystemPrompt, match);

                public Task<string> GradeAsync(string advice) => judge.JudgeAsync(JudgeSystemPrompt, advice);
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Coach.TacticsService.JudgeSystemPrompt"));

    // Half-typed code: no crash.
    [Fact]
    public Task Half_typed_interface_call_does_not_crash() =>
        new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = Application + """
                public sealed class TacticsService(ILlmClient llm)
                {
                    public Task<string> AnalyzeAsync(string match) => llm.CompleteAsync(systemPrompt: , match);
                    public Task<string> Other() => llm.CompleteAsync("You are a coach. Always be brief."
                }
                """,
            References = ReferenceAssemblies.FrameworkOnly,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        }.RunAsync();
}
