using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using AnalyzerTest = AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Personas kept in an array and picked by index (review86 alexey-ryabkin/DeepseekWrapper: <c>private string[] prompts =
/// { "Ты модератор ...", "Ты волшебная фея ...", ... };</c> read as
/// <c>ChatMessage.CreateSystemMessage(prompts[rng.Next(prompts.Length)])</c>). Each constant element that instructs is a
/// prompt of its own, named after the array and its index and reported on the element. Quiet: an array written
/// elsewhere, an array of labels or questions, and an array read at a user turn.
/// </summary>
public class IndexedPromptArrayTests
{
    [Fact]
    public Task Private_array_picked_at_random_reports_each_persona() =>
        VerifyAsync(
            """
            using System;
            using System.Threading.Tasks;
            using OpenAI.Chat;
            namespace DeepseekWrapper;
            public class DeepseekWrapper
            {
                private ChatClient chatClient = new ChatClient("deepseek-chat", "key");
                private string[] prompts =
                    {
                        {|#0:"Ты модератор на реддите, самый неприятный и грубый. " +
                        "Найди в этих сообщенях термин, который они не понимают. "|},

                        {|#1:"Ты волшебная фея из зачарованного леса. " +
                        "Напиши для этих людей объяснение этого термина в своём стиле."|},
                    };
                private Random rng = new Random();

                public async Task<string> GetExplanation(string messages)
                {
                    ChatMessage promptSystem = ChatMessage.CreateSystemMessage(prompts[rng.Next(prompts.Length)]);
                    ChatMessage promptUser = ChatMessage.CreateUserMessage(messages);
                    ChatMessage[] prompt = { promptSystem, promptUser };
                    ChatCompletion completion = await chatClient.CompleteChatAsync(prompt);
                    return completion.Content[0].Text;
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("DeepseekWrapper.DeepseekWrapper.prompts[0]"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("DeepseekWrapper.DeepseekWrapper.prompts[1]"));

    // A static readonly list and a local collection expression; a constant index names one element only.
    [Fact]
    public Task Readonly_list_local_array_and_constant_index_are_followed() =>
        VerifyAsync(
            """
            using System;
            using System.Collections.Generic;
            using Microsoft.Extensions.AI;
            namespace Personas;
            public sealed class Picker
            {
                private static readonly List<string> Styles = new()
                {
                    {|#0:"You are a pirate. Answer every question in pirate speak."|},
                    {|#1:"You are a butler. Answer formally and briefly."|},
                };

                private static readonly string[] Fixed = ["You are a poet. Answer in verse.", {|#2:"You are a chef. Always suggest a recipe."|}];

                public ChatMessage Random(int n) => new ChatMessage(ChatRole.System, Styles[n % Styles.Count]);

                public ChatMessage Chef() => new ChatMessage(ChatRole.System, Fixed[1]);

                public ChatMessage Local(int day)
                {
                    string[] moods = [{|#3:"You are cheerful. Always end with a joke."|}, {|#4:"You are grumpy. Never say thank you."|}];
                    return new ChatMessage(ChatRole.System, moods[day % moods.Length]);
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Personas.Picker.Styles[0]"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Personas.Picker.Styles[1]"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Personas.Picker.Fixed[1]"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Personas.Picker.Local"),
            Diagnostic("AIL0301").WithLocation(4).WithArguments("Personas.Picker.Local"));

    [Fact]
    public Task Written_arrays_labels_questions_and_user_turns_stay_quiet() =>
        VerifyAsync(
            """
            using System;
            using Microsoft.Extensions.AI;
            namespace Personas;
            public sealed class Quiet
            {
                // Written elsewhere: the user's text may be any element.
                private string[] prompts = { "You are a pirate. Answer in pirate speak.", "You are a butler. Answer formally." };
                public void Override(string userInput) => prompts[0] = userInput;
                public ChatMessage Written(int i) => new ChatMessage(ChatRole.System, prompts[i]);

                // Assigned again.
                private string[] replaced = { "You are a pirate. Answer in pirate speak." };
                public void Replace(string[] others) => replaced = others;
                public ChatMessage Replaced(int i) => new ChatMessage(ChatRole.System, replaced[i]);

                // Public and mutable: any referencing project may change an element.
                public static readonly string[] Shared = { "You are a pirate. Answer in pirate speak." };
                public ChatMessage FromShared(int i) => new ChatMessage(ChatRole.System, Shared[i]);

                // Labels and questions are not instructions.
                private static readonly string[] Labels = { "cost", "legal", "billing" };
                private static readonly string[] Questions = { "What is the capital of France?", "How tall is Mount Everest?" };
                public ChatMessage Label(int i) => new ChatMessage(ChatRole.System, Labels[i]);
                public ChatMessage Question(int i) => new ChatMessage(ChatRole.System, Questions[i]);

                // Few-shot examples at a user turn: no slot.
                private static readonly string[] Examples = { "Translate 'cat' to French. Answer with one word." };
                public ChatMessage Example(int i) => new ChatMessage(ChatRole.User, Examples[i]);

                // One element is not constant.
                private static readonly string[] Mixed = { "You are a pirate. Answer in pirate speak.", Environment.GetEnvironmentVariable("P") };
                public ChatMessage FromMixed(int i) => new ChatMessage(ChatRole.System, Mixed[i]);
            }
            """);

    [Fact]
    public Task Half_typed_arrays_do_not_crash_or_report()
    {
        var test = new AnalyzerTest
        {
            TestCode = """
                using Microsoft.Extensions.AI;
                namespace Personas;
                public sealed class Typing
                {
                    private static readonly string[] Broken = { "You are a pirate. Answer in pirate speak.", };
                    private static readonly string[] Open = { "You are a pirate. Answer in pirate speak.
                    public ChatMessage A(int i) => new ChatMessage(ChatRole.System, Broken[]);
                    public ChatMessage B(int i) => new ChatMessage(ChatRole.System, Missing[i]);
                    public ChatMessage C(int i) => new ChatMessage(ChatRole.System, Open[i]);
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };

        // Nothing complete reaches a slot: no report, no crash.
        return test.RunAsync();
    }
}
