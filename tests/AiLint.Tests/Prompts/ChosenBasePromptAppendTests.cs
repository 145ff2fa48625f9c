using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// A prompt builder that starts from the caller's base prompt or a default persona
/// (<c>var text = !string.IsNullOrEmpty(basePrompt) ? basePrompt : "You are ...";</c>), appends a constant rules block with
/// <c>+=</c> and returns the local: the caller's constant argument is a prompt sent through it, as it is through the plain
/// <c>return basePrompt + rules;</c>. Followed through a sole implementation of an interface and through an ordinary
/// project method alike. Quiet: a choice whose default is not prompt text (a title over data), a local written again
/// after the choice, two implementations of the contract, and half-typed code.
/// </summary>
public class ChosenBasePromptAppendTests
{
    private const string Contract = """
        public interface IInstructionComposer
        {
            string ComposeInstructions(string? basePrompt = null);
        }

        """;

    // The simpler shape first: the parameter concatenated with the rules is already followed to the caller's constant.
    [Fact]
    public Task Base_prompt_concatenated_with_rules_through_the_sole_implementation_is_followed() =>
        VerifyAsync(
            "using OpenAI.Chat;\nnamespace Travel.Planning;\n\n" + Contract + """
            public sealed class InstructionComposer : IInstructionComposer
            {
                public string ComposeInstructions(string? basePrompt = null) =>
                    {|#0:basePrompt + @"

                        BOOKING RULES:
                        - NEVER confirm a booking the traveller did not ask for.
                        - You MUST quote prices in the traveller's currency."|};
            }

            public sealed class TripPlanner(IInstructionComposer composer)
            {
                private const string {|#1:PlannerPersona|} = "You are a travel planner for family holidays. Suggest at most three destinations.";

                public SystemChatMessage System() => new SystemChatMessage(composer.ComposeInstructions(PlannerPersona));
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Travel.Planning.InstructionComposer.ComposeInstructions"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Travel.Planning.TripPlanner.PlannerPersona"));

    // The real shape: the base prompt or a default persona, then `+=` of the rules block, then `return text;`.
    [Fact]
    public Task Base_prompt_chosen_then_extended_through_the_sole_implementation_is_followed() =>
        VerifyAsync(
            "using OpenAI.Chat;\nnamespace Travel.Planning;\n\n" + Contract + """
            public sealed class InstructionComposer : IInstructionComposer
            {
                public string ComposeInstructions(string? basePrompt = null)
                {
                    var instructions = {|#0:!string.IsNullOrEmpty(basePrompt) ? basePrompt : "You are a travel assistant with access to booking tools."|};
                    instructions += @"
                        BOOKING RULES:
                        - When a booking tool fails, read the error and call it again with corrected arguments.
                        - NEVER ask the traveller for a reference you can look up yourself.";
                    return instructions;
                }
            }

            public sealed class TripPlanner(IInstructionComposer composer)
            {
                private const string {|#1:PlannerPersona|} = "You are a travel planner for family holidays. Suggest at most three destinations.";

                public SystemChatMessage System() => new SystemChatMessage(composer.ComposeInstructions(PlannerPersona));
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Travel.Planning.InstructionComposer.ComposeInstructions"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Travel.Planning.TripPlanner.PlannerPersona"));

    // As in the app the shape comes from: the service hands its own optional parameter to the builder, held in a local
    // first, and another of its methods passes a persona written in a local.
    [Fact]
    public Task Persona_handed_down_to_the_chosen_and_extended_base_prompt_is_a_prompt() =>
        VerifyAsync(
            "using System.Collections.Generic;\nusing System.Threading.Tasks;\nusing OpenAI.Chat;\nnamespace Travel.Planning;\n\n" + Contract + """
            public sealed class InstructionComposer : IInstructionComposer
            {
                public string ComposeInstructions(string? basePrompt = null)
                {
                    var instructions = {|#0:string.IsNullOrWhiteSpace(basePrompt) ? "You are a travel assistant with access to booking tools." : basePrompt|};
                    instructions += "\nNEVER invent a flight number. You MUST say when a route has no direct flight.";
                    return instructions;
                }
            }

            public sealed class TravelAgentService(ChatClient chat, IInstructionComposer composer)
            {
                public async Task<string> AskAsync(string question, string? systemPrompt = null)
                {
                    var instructions = composer.ComposeInstructions(systemPrompt);
                    var messages = new List<ChatMessage> { new SystemChatMessage(instructions), new UserChatMessage(question) };
                    var completion = await chat.CompleteChatAsync(messages);
                    return completion.Value.Content[0].Text;
                }

                public Task<string> AskAboutRailTravelAsync(string question)
                {
                    var systemPrompt = {|#1:@"
                        You are an expert in European rail travel.
                        - Prefer night trains where they save a hotel night.
                        "|};
                    return AskAsync(question, systemPrompt);
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Travel.Planning.InstructionComposer.ComposeInstructions"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Travel.Planning.TravelAgentService.AskAboutRailTravelAsync"));

    // The same shape in an ordinary method of the project (no interface), with `??` as well as `?:`.
    [Fact]
    public Task Base_prompt_chosen_then_extended_in_a_project_method_is_followed() =>
        VerifyAsync(
            """
            using Microsoft.Extensions.AI;
            namespace Travel.Planning;

            public static class Instructions
            {
                public static string Compose(string? basePrompt)
                {
                    var text = {|#0:basePrompt is { Length: > 0 } ? basePrompt : "You are a travel assistant for city breaks."|};
                    text += "\n\nNEVER recommend a hotel without its cancellation policy.";
                    return text;
                }

                public static string ComposeOrDefault(string? basePrompt)
                {
                    var text = {|#1:basePrompt ?? "You are a travel assistant for city breaks."|};
                    text += "\n\nYou MUST give walking times between sights.";
                    return text;
                }
            }

            public sealed class CityGuide
            {
                private const string {|#2:MuseumPersona|} = "You are a museum guide. Recommend at most two museums a day.";
                private const string {|#3:FoodPersona|} = "You are a food guide. Always name the neighbourhood of each restaurant.";

                public ChatMessage Museums() => new ChatMessage(ChatRole.System, Instructions.Compose(MuseumPersona));

                public ChatMessage Food() => new ChatMessage(ChatRole.System, Instructions.ComposeOrDefault(FoodPersona));
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Travel.Planning.Instructions.Compose"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Travel.Planning.Instructions.ComposeOrDefault"),
            Diagnostic("AIL0301").WithLocation(2).WithArguments("Travel.Planning.CityGuide.MuseumPersona"),
            Diagnostic("AIL0301").WithLocation(3).WithArguments("Travel.Planning.CityGuide.FoodPersona"));

    // Quiet twin: the choice is between the caller's title and a default title over data, then the data is appended.
    // Nothing of it instructs, and the caller's title is a heading, not a prompt.
    [Fact]
    public Task Chosen_title_extended_with_data_stays_quiet() =>
        VerifyAsync(
            """
            using System.Collections.Generic;
            using OpenAI.Chat;
            namespace Travel.Planning;

            public interface IItineraryFormatter
            {
                string Format(IReadOnlyList<string> stops, string? title = null);
            }

            public sealed class ItineraryFormatter : IItineraryFormatter
            {
                public string Format(IReadOnlyList<string> stops, string? title = null)
                {
                    var text = !string.IsNullOrEmpty(title) ? title : "Untitled itinerary";
                    text += "\n\n" + string.Join("\n", stops);
                    return text;
                }
            }

            public sealed class ItineraryContext(IItineraryFormatter formatter)
            {
                private const string WeekendTitle = "Weekend in Lisbon";

                public SystemChatMessage Context(IReadOnlyList<string> stops) =>
                    new SystemChatMessage(formatter.Format(stops, WeekendTitle));
            }
            """);

    // Quiet twin: the local is written again with other text after the choice, so what reaches the slot is not the
    // base prompt; the caller's constant is not followed into it.
    [Fact]
    public Task Local_written_again_after_the_choice_stays_quiet() =>
        VerifyAsync(
            "using OpenAI.Chat;\nnamespace Travel.Planning;\n\n" + Contract + """
            public sealed class InstructionComposer : IInstructionComposer
            {
                public string ComposeInstructions(string? basePrompt = null)
                {
                    var text = !string.IsNullOrEmpty(basePrompt) ? basePrompt : "You are a travel assistant with access to booking tools.";
                    text = System.DateTime.UtcNow.ToString("D");
                    text += "\n" + System.Environment.MachineName;
                    return text;
                }
            }

            public sealed class TripPlanner(IInstructionComposer composer)
            {
                private const string PlannerPersona = "You are a travel planner for family holidays. Suggest at most three destinations.";

                public SystemChatMessage System() => new SystemChatMessage(composer.ComposeInstructions(PlannerPersona));
            }
            """);

    // Quiet twin: two implementations of the contract, either may run at the call (as documented).
    [Fact]
    public Task Two_implementations_of_the_chosen_and_extended_builder_stay_quiet() =>
        VerifyAsync(
            "using OpenAI.Chat;\nnamespace Travel.Planning;\n\n" + Contract + """
            public sealed class InstructionComposer : IInstructionComposer
            {
                public string ComposeInstructions(string? basePrompt = null)
                {
                    var text = !string.IsNullOrEmpty(basePrompt) ? basePrompt : "You are a travel assistant with access to booking tools.";
                    text += "\nNEVER confirm a booking the traveller did not ask for.";
                    return text;
                }
            }

            public sealed class BudgetComposer : IInstructionComposer
            {
                public string ComposeInstructions(string? basePrompt = null)
                {
                    var text = !string.IsNullOrEmpty(basePrompt) ? basePrompt : "You are a budget travel assistant.";
                    text += "\nYou MUST list the cheapest option first.";
                    return text;
                }
            }

            public sealed class TripPlanner(IInstructionComposer composer)
            {
                private const string PlannerPersona = "You are a travel planner for family holidays. Suggest at most three destinations.";

                public SystemChatMessage System() => new SystemChatMessage(composer.ComposeInstructions(PlannerPersona));
            }
            """);

    // Half-typed code: the choice and the append are unfinished; no crash and no diagnostic on garbage.
    [Fact]
    public async Task Half_typed_choice_and_append_do_not_crash()
    {
        var test = new AiLint.Tests.Verifiers.AnalyzerTest<AiLint.Analyzers.Rules.Prompts.PromptEvalCoverageAnalyzer>
        {
            TestCode = "using OpenAI.Chat;\nnamespace Travel.Planning;\n\n" + Contract + """
                public sealed class InstructionComposer : IInstructionComposer
                {
                    public string ComposeInstructions(string? basePrompt = null)
                    {
                        var text = !string.IsNullOrEmpty(basePrompt) ? ;
                        text +=
                        return text;
                    }
                }

                public sealed class TripPlanner(IInstructionComposer composer)
                {
                    private const string PlannerPersona = "You are a travel planner for family holidays. Suggest at most three destinations.";

                    public SystemChatMessage System() => new SystemChatMessage(composer.ComposeInstructions(PlannerPersona));

                    public SystemChatMessage Other() => new SystemChatMessage(composer.ComposeInstructions(
                }
                """,
        };
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        await test.RunAsync();
    }
}
