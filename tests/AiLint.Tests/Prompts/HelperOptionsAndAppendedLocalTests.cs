using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Two AIL0301 shapes of review36. (1) Options built by the project's own helper (<c>static ChatOptions
/// CreateOptions() => new() { Instructions = Persona };</c> handed to <c>chat.GetResponseAsync(text,
/// CreateOptions())</c>): the helper's one returned object creation is read like options written at the call, so its
/// instructions make the request's string the user's message. (2) A prompt local extended with <c>+=</c> (<c>var core =
/// "You are ..."; if (detailed) core += "...";</c>): followed like a builder's appends, the initializer and the
/// appends directly in its block are the text, an append under a condition is the hole <c>{...}</c>.
/// </summary>
public class HelperOptionsAndAppendedLocalTests
{
    // A user turn holding data and one "should" sentence: a prompt by the single-turn test when nothing says it is the user's.
    private const string Request = "$\"Invoice: {invoice}\\nYou should flag any line over 1000 EUR.\"";

    // review36 D1 (Repro/HelperMadeOptionsInstructions): the same options written at the call were already quiet.
    [Fact]
    public Task Instructions_on_options_a_helper_returns_make_the_string_the_users_message() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Billing;
            public sealed class Assistant(IChatClient chat)
            {
                private const string {|#0:Persona|} = "You are a billing assistant.";

                private static ChatOptions CreateOptions() => new() { Instructions = Persona, Temperature = 0 };

                private static ChatOptions Strict()
                {
                    var options = new ChatOptions { Temperature = 0 };
                    options.Instructions = {|#1:"You review invoices. Answer with one line."|};
                    return options;
                }

                public async Task<string> Ask(string invoice) => (await chat.GetResponseAsync(REQUEST, CreateOptions())).Text;

                public async Task<string> AskInline(string invoice) =>
                    (await chat.GetResponseAsync(REQUEST, new ChatOptions { Instructions = Persona, Temperature = 0 })).Text;

                public async Task<string> AskViaLocal(string invoice)
                {
                    var options = CreateOptions();
                    return (await chat.GetResponseAsync(REQUEST, options)).Text;
                }

                public async Task<string> AskStrict(string invoice) => (await chat.GetResponseAsync(REQUEST, Strict())).Text;
            }
            """.Replace("REQUEST", Request),
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Billing.Assistant.Persona"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Billing.Assistant.Strict"));

    // Text written in the helper is named after the helper, as text a method returns is.
    [Fact]
    public Task Instructions_written_in_the_helper_are_named_after_it() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Billing;
            public sealed class Assistant(IChatClient chat)
            {
                private static ChatOptions CreateOptions() => new() { Instructions = {|#0:"You are a billing assistant. Never guess amounts."|} };

                public async Task<string> Ask(string invoice) => (await chat.GetResponseAsync(REQUEST, CreateOptions())).Text;
            }
            """.Replace("REQUEST", Request),
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Billing.Assistant.CreateOptions"));

    // The twins that stay judged: a helper whose options carry no instructions, a virtual helper (an override may
    // build other options), an interface's helper, and a helper with two returns (not one object creation).
    [Fact]
    public Task Helpers_without_instructions_virtual_or_interface_leave_the_string_judged() =>
        VerifyAsync(
            """
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI;
            namespace Billing;
            public interface IOptionsFactory { ChatOptions Create(); }
            public class Assistant(IChatClient chat, IOptionsFactory factory, bool strict)
            {
                private const string Persona = "You are a billing assistant.";

                private static ChatOptions Plain() => new() { Temperature = 0 };

                protected virtual ChatOptions Overridable() => new() { Instructions = Persona };

                private ChatOptions Either()
                {
                    if (strict) return new ChatOptions { Instructions = Persona };
                    return new ChatOptions();
                }

                public async Task<string> A(string invoice) => (await chat.GetResponseAsync({|#0:REQUEST|}, Plain())).Text;

                public async Task<string> B(string invoice) => (await chat.GetResponseAsync({|#1:REQUEST|}, Overridable())).Text;

                public async Task<string> C(string invoice) => (await chat.GetResponseAsync({|#2:REQUEST|}, factory.Create())).Text;

                public async Task<string> D(string invoice) => (await chat.GetResponseAsync({|#3:REQUEST|}, Either())).Text;
            }
            """.Replace("REQUEST", Request),
            new[] { ("evals/billing.evals.jsonl", Case("Billing.Assistant.Persona")) },
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Billing.Assistant.A"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Billing.Assistant.B"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Billing.Assistant.C"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Billing.Assistant.D"));

    // review36 N4 (GatorGazing): a persona extended under a flag with `+=` was not followed at all.
    [Fact]
    public Task A_prompt_local_extended_with_conditional_appends_is_a_prompt() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Gator;
            public static class Prompts
            {
                public static void Configure(ChatHistory history, bool detailed)
                {
                    var core = {|#0:"You are GatorBot, a swamp guide. Stay in character."|};
                    if (detailed) core += "\nAnswer in depth.";
                    history.AddSystemMessage(core);
                }

                public static string Get(string name, bool isMurderer)
                {
                    var core = {|#1:$"You are {name}, an alligator at the party. You must stay in character."|};
                    if (isMurderer)
                    {
                        core += "\nSECRET: You are the murderer. Never admit it.";
                    }

                    return core;
                }

                public static ChatMessage Message(string name, bool isMurderer) => new(ChatRole.System, Get(name, isMurderer));
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Gator.Prompts.Configure"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Gator.Prompts.Get"));

    // The text: an append directly in the block is part of it, one under a condition is the hole {...}. The covering
    // case's hash of that text matches (no AIL0302) and its rule quotes the unconditional append (no AIL0303); the
    // initializer's own "must" sentence is not quoted (AIL0303); the conditional "Always" sentence is not in the text,
    // so AIL0303 does not ask for it (as for a builder's).
    [Fact]
    public Task Appends_directly_in_the_block_are_text_and_conditional_ones_a_hole() =>
        VerifyAsync(
            """
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Gator;
            public static class Prompts
            {
                public static void Configure(ChatHistory history, bool detailed)
                {
                    var core = "You are GatorBot, a swamp guide. {|#0:You must stay in character.|}";
                    core += "\nNever leave the swamp.";
                    if (detailed) core += "\nAlways answer in depth.";
                    history.AddSystemMessage(core);
                }
            }
            """,
            new[]
            {
                ("evals/gator.evals.jsonl",
                    Case("Gator.Prompts.Configure", rule: "Never leave the swamp", sha: Sha256("You are GatorBot, a swamp guide. You must stay in character.\nNever leave the swamp.{...}"))),
            },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("You must stay in character.", "Gator.Prompts.Configure"));

    // An unconditional append's sentence is an instruction of the prompt: with a case that quotes no rule, AIL0303
    // points into the append's own literal.
    [Fact]
    public Task An_unconditional_append_is_an_instruction_of_the_prompt() =>
        VerifyAsync(
            """
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Gator;
            public static class Prompts
            {
                public static void Configure(ChatHistory history)
                {
                    var core = "You are GatorBot, a swamp guide.";
                    core += "\n{|#0:Never leave the swamp.|}";
                    history.AddSystemMessage(core);
                }
            }
            """,
            new[] { ("evals/gator.evals.jsonl", Case("Gator.Prompts.Configure")) },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Never leave the swamp.", "Gator.Prompts.Configure"));

    // Correct code beside it: user data appended to a label is not a prompt, and a local replaced with `=` is not
    // followed (its value at the slot is not known), however much its initializer instructs.
    [Fact]
    public Task Data_appended_to_a_label_and_a_reassigned_local_are_not_prompts() =>
        VerifyAsync(
            """
            using Microsoft.SemanticKernel.ChatCompletion;
            namespace Gator;
            public static class Prompts
            {
                public static void Label(ChatHistory history, string userText)
                {
                    var note = "Customer note:";
                    note += userText;
                    history.AddSystemMessage(note);
                }

                public static void Replaced(ChatHistory history, string configured)
                {
                    var core = "You are GatorBot, a swamp guide. Stay in character.";
                    if (configured.Length > 0) core = configured;
                    history.AddSystemMessage(core);
                }

                public static void Loop(ChatHistory history, string[] memories)
                {
                    var text = "### Memories";
                    foreach (var memory in memories) text += "\n" + memory;
                    history.AddSystemMessage(text);
                }
            }
            """);

    [Fact]
    public Task Half_typed_helpers_and_appends_do_not_crash()
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using System.Threading.Tasks;
                using Microsoft.Extensions.AI;
                using Microsoft.SemanticKernel.ChatCompletion;
                namespace Broken;
                public sealed class Assistant(IChatClient chat)
                {
                    private static ChatOptions CreateOptions() => new() { Instructions = };
                    private static ChatOptions Other() { return new ChatOptions { Instructions = "You are
                    private static ChatOptions Recursive() => Recursive();
                    public async Task<string> A() => (await chat.GetResponseAsync("You must renew now.", CreateOptions())).Text;
                    public async Task<string> B() => (await chat.GetResponseAsync("You must renew now.", Other(, ))).Text;
                    public async Task<string> C() => (await chat.GetResponseAsync("You must renew now.", Recursive())).Text;
                    public static void D(ChatHistory history, bool flag)
                    {
                        var core = "You are GatorBot. Stay in character.";
                        if (flag) core += ;
                        core +=
                        history.AddSystemMessage(core);
                    }
                }
                """,
        };
        test.CompilerDiagnostics = CompilerDiagnostics.None;

        // A's helper sets Instructions (half-typed): the string is the user's. B's helper is cut off mid-literal and C's
        // returns no object creation: neither is known to carry instructions, so their strings stay judged, as before.
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0301").WithSpan(11, 67, 11, 88).WithArguments("Broken.Assistant.B"));
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0301").WithSpan(12, 67, 12, 88).WithArguments("Broken.Assistant.C"));
        return test.RunAsync();
    }
}
