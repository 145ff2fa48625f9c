using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A prompt builder behind an interface or abstract method with parameters whose one implementation is in the
/// compilation (a DI'd <c>IPromptComposer.Compose(string? persona = null)</c> that starts from the caller's persona or a
/// default one and appends a constant rules block, called as <c>new SystemChatMessage(composer.Compose(persona))</c>):
/// the call can run only that body, so its returns are followed as a non-virtual project method's are, and the
/// argument handed through (the caller's persona) is followed like a value at the slot. Beside it, what stays quiet:
/// two implementations (either may run), an implementation that returns data rather than a prompt, and an interface
/// with no implementation in the compilation (its body lives in another project).
/// </summary>
public class SoleImplementationPromptBuilderTests
{
    [Fact]
    public Task Sole_implementation_returns_and_the_persona_handed_through_are_prompts() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using OpenAI.Chat;
            namespace Tutor.Services;

            public interface IPromptComposer
            {
                string Compose(string? persona = null);
            }

            public class PromptComposer : IPromptComposer
            {
                public string Compose(string? persona = null)
                {
                    var composed = {|#0:!string.IsNullOrEmpty(persona) ? persona : "You are a patient tutor for a course catalogue."|};
                    composed += @"
                        TOOL RULES:
                        - When a tool call fails, read the error and call it again with corrected arguments.
                        - NEVER ask the learner for an id you can look up yourself.
                        - You MUST answer in plain language.";
                    return composed;
                }
            }

            public class TutorService(ChatClient chat, IPromptComposer composer)
            {
                public async Task<string> AskAsync(string question, string? persona = null)
                {
                    var messages = new List<ChatMessage>
                    {
                        new SystemChatMessage(composer.Compose(persona)),
                        new UserChatMessage(question),
                    };
                    var completion = await chat.CompleteChatAsync(messages);
                    return completion.Value.Content[0].Text;
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Tutor.Services.PromptComposer.Compose"));

    // The persona handed through: the implementation returns its parameter (or a default), so the argument of this
    // call, here the caller's own persona passed down one more method, is followed like a value at the slot.
    [Fact]
    public Task Persona_handed_through_the_sole_implementation_is_a_prompt() =>
        VerifyAsync(
            """
            using OpenAI.Chat;
            namespace Tutor.Services;

            public interface IPersonaSource
            {
                string Persona(string? persona = null);
            }

            public sealed class PersonaSource : IPersonaSource
            {
                public string Persona(string? persona = null) =>
                    string.IsNullOrEmpty(persona) ? {|#0:"You are a patient tutor. Answer in plain language."|} : persona;
            }

            public class TutorService(IPersonaSource personas)
            {
                public SystemChatMessage System(string? persona = null) => new SystemChatMessage(personas.Persona(persona));

                public SystemChatMessage QuizCoach()
                {
                    var persona = {|#1:"You are a quiz coach. Explain each wrong answer before giving the right one."|};
                    return System(persona);
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Tutor.Services.PersonaSource.Persona"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Tutor.Services.TutorService.QuizCoach"));

    // The abstract twin: a base class's abstract builder with its one override in the project.
    [Fact]
    public Task Sole_override_of_an_abstract_builder_is_followed() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Shop;

            public abstract class InstructionSource
            {
                public abstract string Instructions(string storeName);
            }

            public sealed class StoreInstructions : InstructionSource
            {
                public override string Instructions(string storeName) =>
                    {|#0:"You are the assistant of the store. Answer only questions about orders and refunds." + " Store: " + storeName|};
            }

            public sealed class Assistant(InstructionSource source)
            {
                public ChatMessage System(string storeName) => new ChatMessage(ChatRole.System, source.Instructions(storeName));
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Shop.StoreInstructions.Instructions"));

    // Two implementations: either may run at the call, so neither is read there (as documented).
    [Fact]
    public Task Two_implementations_stay_unfollowed() =>
        VerifyAsync(
            """
            using OpenAI.Chat;
            namespace Tutor.Services;

            public interface IPromptComposer
            {
                string Compose(string? persona = null);
            }

            public class PromptComposer : IPromptComposer
            {
                public string Compose(string? persona = null) =>
                    (persona ?? "You are a patient tutor.") + "\nYou MUST answer in plain language.";
            }

            public class TerseComposer : IPromptComposer
            {
                public string Compose(string? persona = null) =>
                    (persona ?? "You are a terse tutor.") + "\nNEVER write more than two sentences.";
            }

            public class TutorService(IPromptComposer composer)
            {
                public SystemChatMessage System(string? persona) => new SystemChatMessage(composer.Compose(persona));
            }
            """);

    // The one implementation formats data (the user's notes) rather than instructions: nothing to report, and the
    // argument it hands through is the user's text.
    [Fact]
    public Task Sole_implementation_returning_data_stays_quiet() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using OpenAI.Chat;
            namespace Notes;

            public interface INoteFormatter
            {
                string Format(IReadOnlyList<string> notes, string title);
            }

            public sealed class NoteFormatter : INoteFormatter
            {
                public string Format(IReadOnlyList<string> notes, string title) =>
                    "## " + title + "\n" + string.Join("\n", notes);
            }

            public sealed class NoteContext(INoteFormatter formatter)
            {
                public SystemChatMessage Context(IReadOnlyList<string> notes, string userTitle) =>
                    new SystemChatMessage(formatter.Format(notes, userTitle));
            }
            """);

    // The interface is declared here and implemented only in another project: no body can be read here, so the call
    // stays as documented (only the parameter-name reading of unimplemented contracts applies, and this parameter is
    // not named for instructions).
    [Fact]
    public Task Interface_implemented_only_elsewhere_stays_quiet() =>
        VerifyAsync(
            """
            using OpenAI.Chat;
            namespace Tutor.Application;

            public interface IPromptComposer
            {
                string Compose(string? topic = null);
            }

            public class TutorService(IPromptComposer composer)
            {
                public SystemChatMessage System() => new SystemChatMessage(composer.Compose("algebra"));
            }
            """);

    // Half-typed code: the implementation's body and the call are unfinished; no crash and no diagnostic on garbage.
    [Fact]
    public async Task Half_typed_builder_does_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = """
                using OpenAI.Chat;
                namespace Tutor.Services;

                public interface IPromptComposer
                {
                    string Compose(string? persona = null, string extra);
                }

                public class PromptComposer : IPromptComposer
                {
                    public string Compose(string? persona = null, string extra)
                    {
                        var composed = persona ?? 
                        return composed
                    }
                }

                public class TutorService(IPromptComposer composer)
                {
                    public SystemChatMessage System() => new SystemChatMessage(composer.Compose(
                }
                """,
        };
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        await test.RunAsync();
    }
}
